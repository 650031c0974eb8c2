import { composeServices } from "@apollo/composition";
import { printSubgraphSchema } from "@apollo/subgraph";
import { parse, type GraphQLSchema } from "graphql";
import { readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

export const ROOT = path.resolve(__dirname, "..");
export const SUPERGRAPH_PATH = path.join(ROOT, "schema", "supergraph.graphql");

export interface RoverSubgraph {
  name: string;
  routingUrl: string;
  /** Absolute path of the subgraph's SDL file. */
  schemaFile: string;
}

/** The subgraph list from rover.yaml, the same file `rover supergraph compose` reads. */
export function readRoverConfig(file = path.join(ROOT, "rover.yaml")): RoverSubgraph[] {
  const config = YAML.parse(readFileSync(file, "utf8")) as { subgraphs: Record<string, { routing_url: string; schema: { file: string } }> };
  return Object.entries(config.subgraphs).map(([name, entry]) => ({
    name,
    routingUrl: entry.routing_url,
    schemaFile: path.resolve(path.dirname(file), entry.schema.file),
  }));
}

/** Each subgraph's schema, built from its type-graphql classes without any store. */
const schemaBuilders: Record<string, () => Promise<GraphQLSchema>> = {
  workflow: async () => (await import("../subgraphs/workflow/src/app")).buildWorkflowSchema(),
  "content-processing": async () => (await import("../subgraphs/content-processing/src/app")).buildContentSchema(),
  "knowledge-graph": async () => (await import("../subgraphs/knowledge-graph/src/app")).buildKnowledgeGraphSchema(),
  realtime: async () => (await import("../subgraphs/realtime/src/app")).buildRealtimeSchema(),
};

export async function printSubgraphSdl(name: string): Promise<string> {
  const build = schemaBuilders[name];
  if (!build) throw new Error(`rover.yaml names subgraph "${name}", which has no schema builder`);
  return `${printSubgraphSchema(await build()).trim()}\n`;
}

export type CompositionOutcome =
  | { ok: true; supergraphSdl: string; hints: string[] }
  | { ok: false; errors: string[] };

/** Composes SDLs as @apollo/composition does for `rover supergraph compose`. */
export function composeSupergraph(subgraphs: Array<RoverSubgraph & { sdl: string }>): CompositionOutcome {
  const result = composeServices(subgraphs.map(({ name, routingUrl, sdl }) => ({ name, url: routingUrl, typeDefs: parse(sdl) })));
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trim()}\n`, hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`) };
}

/** Prints every subgraph and composes them: what `npm run compose` writes. */
export async function buildSchemaArtifacts(): Promise<{ files: Record<string, string>; outcome: CompositionOutcome }> {
  const subgraphs = await Promise.all(readRoverConfig().map(async (subgraph) => ({ ...subgraph, sdl: await printSubgraphSdl(subgraph.name) })));
  const files = Object.fromEntries(subgraphs.map((subgraph) => [subgraph.schemaFile, subgraph.sdl]));
  const outcome = composeSupergraph(subgraphs);
  if (outcome.ok) files[SUPERGRAPH_PATH] = outcome.supergraphSdl;
  return { files, outcome };
}
