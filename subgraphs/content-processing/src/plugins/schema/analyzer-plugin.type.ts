import { Field, Int, ObjectType } from "type-graphql";
import type { AnalyzerPluginSummary } from "../plugin-registry";

@ObjectType({ description: "The limits an analyzer plugin runs under, for each document." })
export class AnalyzerPluginLimits {
  @Field(() => Int, { description: "Wall-clock time for one document, in milliseconds; past it the run fails with PLUGIN_TIMEOUT." })
  timeoutMs!: number;

  @Field(() => Int, { description: "Linear memory, in MiB; past it the run fails with PLUGIN_MEMORY." })
  maxMemoryMb!: number;

  @Field(() => Int, { description: "Size of the returned JSON, in bytes; past it the run fails with PLUGIN_OUTPUT." })
  maxOutputBytes!: number;
}

@ObjectType({
  description:
    "A WebAssembly analyzer plugin of your tenant. It runs over every document your tenant ingests; its JSON object is " +
    "added to the document's analysis under its name. The ABI is documented in docs/analyzer-plugins.md.",
})
export class AnalyzerPlugin {
  @Field(() => String, { description: "Unique within your tenant; the key of its annotations." })
  name!: string;

  @Field(() => String, { description: "Your label for this build." })
  version!: string;

  @Field(() => Int, { description: "The ABI version the module reported through `abi_version()`." })
  abiVersion!: number;

  @Field(() => String, { description: "Hex SHA-256 of the module's bytes." })
  sha256!: string;

  @Field(() => Int, { description: "Size of the module in bytes." })
  sizeBytes!: number;

  @Field(() => AnalyzerPluginLimits, { description: "The limits it runs under." })
  limits!: AnalyzerPluginLimits;

  @Field(() => Date, { description: "When this version was registered." })
  registeredAt!: Date;
}

export function toAnalyzerPlugin(record: AnalyzerPluginSummary): AnalyzerPlugin {
  return {
    name: record.name,
    version: record.version,
    abiVersion: record.abiVersion,
    sha256: record.sha256,
    sizeBytes: record.sizeBytes,
    limits: { ...record.limits },
    registeredAt: record.registeredAt,
  };
}
