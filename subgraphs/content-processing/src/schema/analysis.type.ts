import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import { ReadingLevel, SentimentLabel, SummaryMethod } from "../domain/analysis";

registerEnumType(ReadingLevel, {
  name: "ReadingLevel",
  description: "How hard a text is to read, from its Flesch reading ease and Flesch-Kincaid grade.",
  valuesConfig: {
    BEGINNER: { description: "Grade 8 or below with reading ease at least 60: plain language." },
    INTERMEDIATE: { description: "Between BEGINNER and ADVANCED." },
    ADVANCED: { description: "Above grade 12, or reading ease below 30: academic or specialist text." },
  },
});

registerEnumType(SentimentLabel, {
  name: "SentimentLabel",
  description: "The overall tone of a text.",
  valuesConfig: {
    POSITIVE: { description: "Clearly positive (AFINN comparative score above 0.05)." },
    NEUTRAL: { description: "Neither clearly positive nor clearly negative." },
    NEGATIVE: { description: "Clearly negative (AFINN comparative score below -0.05)." },
  },
});

registerEnumType(SummaryMethod, {
  name: "SummaryMethod",
  description: "How a document's summary was made.",
  valuesConfig: {
    EXTRACTIVE: { description: "Up to three of the document's own sentences, those carrying the most key-phrase weight, in order." },
    LLM: { description: "Written by the configured language model (SUMMARY_PROVIDER)." },
  },
});

@ObjectType({ description: "Readability formulas over a text (calibrated on English)." })
export class ReadabilityScores {
  @Field(() => Float, { description: "Flesch reading ease: higher is easier; 60 to 70 is plain English." })
  fleschReadingEase!: number;

  @Field(() => Float, { description: "Flesch-Kincaid grade: the US school grade the text suits." })
  fleschKincaidGrade!: number;

  @Field(() => ReadingLevel, { description: "The two scores mapped to a level." })
  level!: ReadingLevel;
}

@ObjectType({ description: "The tone of a text from AFINN-165 word scores." })
export class SentimentScore {
  @Field(() => Float, { description: "Sum of the words' scores (each -5 to +5)." })
  score!: number;

  @Field(() => Float, { description: "Score per word, comparable across texts of different lengths." })
  comparative!: number;

  @Field(() => SentimentLabel, { description: "The comparative score as a label." })
  label!: SentimentLabel;
}

@ObjectType({ description: "A noun phrase that characterises the document." })
export class KeyPhrase {
  @Field(() => String, { description: "The phrase, lower case." })
  text!: string;

  @Field(() => Float, { description: "0 to 1; the document's best phrase scores 1." })
  score!: number;
}

@ObjectType({ description: "A term the knowledge graph may link the document to (sent with content.document.processed)." })
export class CandidateConcept {
  @Field(() => String, { description: "The concept's name: lower case, head noun singular." })
  name!: string;

  @Field(() => Float, { description: "0 to 1; the document's best candidate scores 1." })
  score!: number;
}

@ObjectType({ description: "What analysis learned from a document's extracted text." })
export class DocumentAnalysis {
  @Field(() => String, { description: 'ISO 639-3 language code ("eng", "deu", "fra"); "und" when the text is too short to tell.' })
  language!: string;

  @Field(() => Int, { description: "Words a reader sees." })
  wordCount!: number;

  @Field(() => Int, { description: "Minutes to read at 200 words a minute (at least 1 for any text)." })
  readingTimeMinutes!: number;

  @Field(() => ReadabilityScores, { description: "Difficulty from readability formulas." })
  readability!: ReadabilityScores;

  @Field(() => SentimentScore, { description: "The text's tone." })
  sentiment!: SentimentScore;

  @Field(() => [KeyPhrase], { description: "Up to 10 key phrases, best first." })
  keyPhrases!: KeyPhrase[];

  @Field(() => [CandidateConcept], { description: "Up to 10 candidate concepts, best first." })
  candidateConcepts!: CandidateConcept[];

  @Field(() => String, {
    description: "A short summary: up to three of the document's own sentences in order, or a configured model's summary (see summaryMethod).",
  })
  summary!: string;
}
