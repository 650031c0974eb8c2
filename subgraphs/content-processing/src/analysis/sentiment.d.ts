// `sentiment` ships no types; this is the part of its API the analysis uses.
declare module "sentiment" {
  interface AnalysisResult {
    score: number;
    comparative: number;
    positive: string[];
    negative: string[];
  }
  class Sentiment {
    analyze(phrase: string): AnalysisResult;
  }
  export = Sentiment;
}
