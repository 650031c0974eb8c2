import { analyseText } from "./analyse-text";
import { levelFor } from "./readability";

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const analyse = (text: string) => analyseText(text, words(text));

// A corpus written for these tests; expected values worked out by hand in the comments.
const EASY = "The cat sat on the mat. The dog ran to the cat.";
const HARD = "Epistemological considerations necessitate comprehensive reevaluation of institutional methodologies.";
const GRAPHS = [
  "Graph databases store information as nodes and edges.",
  "A graph database treats relationships as first-class data.",
  "Traversals in graph databases stay fast as the data grows.",
  "Many teams choose graph databases for recommendation engines.",
  "The weather was mild on the day the team shipped.",
].join(" ");

describe("readability", () => {
  it("scores a passage of one-syllable words at grade -1.5, reading ease 116", () => {
    // 12 words, 2 sentences: 6 words a sentence, 1 syllable a word.
    // Reading ease 206.835 - 1.015 x 6 - 84.6 x 1 = 116.145; grade 0.39 x 6 + 11.8 x 1 - 15.59 = -1.45.
    const { readability } = analyse(EASY);
    expect(readability.fleschReadingEase).toBeCloseTo(116.145, 1);
    expect(readability.fleschKincaidGrade).toBeCloseTo(-1.45, 0);
    expect(readability.level).toBe("BEGINNER");
  });

  it("scores academic jargon far beyond grade 12: ADVANCED", () => {
    // 8 words, 1 sentence, 38 syllables (7+5+4+4+6+1+5+6): grade 0.39 x 8 + 11.8 x 4.75 - 15.59 = 43.6.
    const { readability } = analyse(HARD);
    expect(readability.fleschKincaidGrade).toBeGreaterThan(30);
    expect(readability.fleschReadingEase).toBeLessThan(0);
    expect(readability.level).toBe("ADVANCED");
  });

  it("maps ease and grade to levels at the documented bounds", () => {
    expect(levelFor(60, 8)).toBe("BEGINNER");
    expect(levelFor(59.9, 8)).toBe("INTERMEDIATE");
    expect(levelFor(70, 12)).toBe("INTERMEDIATE");
    expect(levelFor(70, 12.1)).toBe("ADVANCED");
    expect(levelFor(29.9, 10)).toBe("ADVANCED");
  });
});

describe("sentiment", () => {
  it("reads clearly positive text as POSITIVE and clearly negative text as NEGATIVE", () => {
    // AFINN: love +3, wonderful +4, excellent +3, great +3, helpful +2 = +15.
    const positive = analyse("I love this wonderful, excellent guide. It is great and helpful.").sentiment;
    expect(positive).toMatchObject({ score: 15, label: "POSITIVE" });
    // AFINN: terrible -3, awful -3, hate -3, broken -1, useless -2 = -12.
    const negative = analyse("This is a terrible, awful mess. I hate the broken, useless design.").sentiment;
    expect(negative).toMatchObject({ label: "NEGATIVE" });
    expect(negative.score).toBeLessThan(-8);
    expect(analyse("The meeting is at noon in room four.").sentiment.label).toBe("NEUTRAL");
  });
});

describe("language", () => {
  it.each([
    ["eng", "The committee will publish its report on the new railway line next week, after the public consultation closes."],
    ["deu", "Der Ausschuss wird seinen Bericht über die neue Bahnstrecke nächste Woche veröffentlichen, nachdem die Anhörung endet."],
    ["fra", "Le comité publiera son rapport sur la nouvelle ligne de chemin de fer la semaine prochaine, après la consultation publique."],
  ])("detects %s", (language, text) => {
    expect(analyse(text).language).toBe(language);
  });

  it("says und when a text is too short to tell", () => {
    expect(analyse("Hi.").language).toBe("und");
  });
});

describe("phrases, concepts, summary, counts", () => {
  const analysis = analyse(GRAPHS);

  it("ranks the repeated term first, singular and plural as one, scaled to 1", () => {
    expect(analysis.keyPhrases[0]).toEqual({ text: expect.stringMatching(/^graph database/), score: 1 });
    expect(analysis.candidateConcepts[0]).toEqual({ name: "graph database", score: 1 });
    expect(analysis.keyPhrases.map((p) => p.text)).toEqual(expect.arrayContaining(["nodes", "edges", "recommendation engines"]));
    expect(analysis.candidateConcepts.map((c) => c.name)).toContain("recommendation engine");
    expect(analysis.keyPhrases.every((p) => p.score > 0 && p.score <= 1)).toBe(true);
  });

  it("summarises with at most three of its own sentences, in order, leaving out the off-topic one", () => {
    const sentences = GRAPHS.split(/(?<=\.) /);
    const picked = sentences.filter((sentence) => analysis.summary.includes(sentence));
    expect(picked).toHaveLength(3);
    expect(picked.join(" ")).toBe(analysis.summary);
    expect(analysis.summary).not.toContain("weather");
  });

  it("counts words and reading time at 200 words a minute, at least a minute", () => {
    expect(analysis).toMatchObject({ wordCount: 44, readingTimeMinutes: 1 });
    expect(analyseText("word ".repeat(700), 700).readingTimeMinutes).toBe(4);
  });
});
