import { FieldResolver, Resolver, Root } from "type-graphql";
import type { DocumentAnalysis as Analysis } from "../domain/analysis";
import { AnalyzerPluginAnnotation, AnalyzerPluginFailure, toPluginAnnotationFields } from "../plugins/schema/plugin-annotation.type";
import { DocumentAnalysis } from "./analysis.type";

/** The analyzer plugins' part of a document's analysis, read from the stored `plugins`. */
@Resolver(() => DocumentAnalysis)
export class AnalysisPluginsResolver {
  @FieldResolver(() => [AnalyzerPluginAnnotation], {
    description: "What your tenant's analyzer plugins returned for the document, one JSON object per plugin, by plugin name.",
  })
  pluginAnnotations(@Root() analysis: Analysis): AnalyzerPluginAnnotation[] {
    return toPluginAnnotationFields(analysis.plugins).pluginAnnotations;
  }

  @FieldResolver(() => [AnalyzerPluginFailure], {
    description: "Your analyzer plugins that failed on the document, and why; the rest of the analysis is unaffected.",
  })
  pluginFailures(@Root() analysis: Analysis): AnalyzerPluginFailure[] {
    return toPluginAnnotationFields(analysis.plugins).pluginFailures;
  }
}
