import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ObjectType, registerEnumType } from "type-graphql";
import type { PluginAnnotations } from "../analyzer-plugin.service";

// What analyzer plugins added to one document's analysis. Ready to be two fields of the
// analysis type (`pluginAnnotations`, `pluginFailures`); `toPluginAnnotationFields` shapes
// a stored PluginAnnotations for them.

export enum AnalyzerPluginFailureReason {
  PLUGIN_TIMEOUT = "PLUGIN_TIMEOUT",
  PLUGIN_TRAP = "PLUGIN_TRAP",
  PLUGIN_MEMORY = "PLUGIN_MEMORY",
  PLUGIN_OUTPUT = "PLUGIN_OUTPUT",
  PLUGIN_IMPORT = "PLUGIN_IMPORT",
  PLUGIN_ABI = "PLUGIN_ABI",
  PLUGIN_INVALID = "PLUGIN_INVALID",
}

registerEnumType(AnalyzerPluginFailureReason, {
  name: "AnalyzerPluginFailureReason",
  description: "Why an analyzer plugin produced no annotation for a document (docs/analyzer-plugins.md).",
  valuesConfig: {
    PLUGIN_TIMEOUT: { description: "It ran longer than its time limit and was stopped." },
    PLUGIN_TRAP: { description: "It trapped: `unreachable`, an out-of-bounds access, `abort`, a stack overflow." },
    PLUGIN_MEMORY: { description: "It needed more memory than its limit." },
    PLUGIN_OUTPUT: { description: "What it returned was not a JSON object within the output limit." },
    PLUGIN_IMPORT: { description: "Its module imports something the ABI does not grant." },
    PLUGIN_ABI: { description: "Its module does not follow the ABI (a missing export, another version)." },
    PLUGIN_INVALID: { description: "Its module does not compile." },
  },
});

@ObjectType({ description: "The JSON object one analyzer plugin returned for a document." })
export class AnalyzerPluginAnnotation {
  @Field(() => String, { description: "The plugin's name." })
  plugin!: string;

  @Field(() => GraphQLJSONObject, { description: "What the plugin returned; its shape is the plugin's own." })
  data!: Record<string, unknown>;
}

@ObjectType({ description: "An analyzer plugin that failed on a document; the rest of the analysis is unaffected." })
export class AnalyzerPluginFailure {
  @Field(() => String, { description: "The plugin's name." })
  plugin!: string;

  @Field(() => String, { description: "The plugin version that ran." })
  version!: string;

  @Field(() => AnalyzerPluginFailureReason, { description: "Why it failed." })
  reason!: AnalyzerPluginFailureReason;

  @Field(() => String, { description: "What happened, for the plugin's author." })
  message!: string;
}

export function toPluginAnnotationFields(result: PluginAnnotations | null | undefined): {
  pluginAnnotations: AnalyzerPluginAnnotation[];
  pluginFailures: AnalyzerPluginFailure[];
} {
  return {
    pluginAnnotations: Object.entries(result?.annotations ?? {}).map(([plugin, data]) => ({ plugin, data })),
    pluginFailures: (result?.failures ?? []).map((f) => ({ ...f, reason: f.reason as AnalyzerPluginFailureReason })),
  };
}
