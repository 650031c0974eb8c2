import { DIFFICULTIES, type Concept, type ConceptId, type Difficulty } from "../domain/concept";
import { EDGE_OF, P } from "./dgraph-schema";

/** A concept node as Dgraph returns it: absent predicates are absent keys. */
export interface ConceptNode {
  [P.id]: string;
  [P.name]: string;
  [P.normalizedName]: string;
  [P.description]?: string;
  [P.difficulty]?: string;
  [P.tags]?: string[];
  [P.importance]?: number;
  [P.community]?: number;
}

const isDifficulty = (value: unknown): value is Difficulty => (DIFFICULTIES as readonly unknown[]).includes(value);

export function toConcept(node: ConceptNode): Concept {
  const difficulty = node[P.difficulty];
  return {
    id: node[P.id],
    name: node[P.name],
    normalizedName: node[P.normalizedName],
    description: node[P.description] ?? null,
    difficulty: isDifficulty(difficulty) ? difficulty : null,
    // A [string] predicate is a set with no order of its own; the domain sorts tags.
    tags: [...(node[P.tags] ?? [])].sort((a, b) => a.localeCompare(b, "en")),
    importance: node[P.importance] ?? null,
    community: node[P.community] ?? null,
  };
}

/** Groups nested results by their parent's key; parents Dgraph did not return are absent. */
export function groupBy<TParent, TChild, TValue>(
  parents: TParent[] | undefined,
  keyOf: (parent: TParent) => string,
  childrenOf: (parent: TParent) => TChild[] | undefined,
  valueOf: (child: TChild) => TValue,
): Map<string, TValue[]> {
  return new Map((parents ?? []).map((parent) => [keyOf(parent), (childrenOf(parent) ?? []).map(valueOf)]));
}

interface PathNode {
  uid: string;
  [edge: string]: unknown;
}

export interface PathResult {
  _path_?: PathNode[];
  steps?: Array<{ uid: string; [P.id]?: string }>;
}

/**
 * A shortest-path answer as concept ids in path order. `_path_` nests each hop under the
 * edge name (an object, or a one-element list in some Dgraph versions); `steps` maps the
 * uids it holds to concept ids. Without `_path_`, the steps themselves (which Dgraph lists
 * in path order) still prove the path exists: missing a cycle is the one thing not allowed.
 */
export function prerequisitePathOf(result: PathResult): ConceptId[] | null {
  const steps = result.steps ?? [];
  const idOf = new Map(steps.map((step) => [step.uid, step[P.id]]));
  if (!result._path_ && steps.length >= 2) return steps.map((step) => step[P.id] ?? step.uid);
  const uids: string[] = [];
  let node: unknown = result._path_?.[0];
  while (node && typeof node === "object" && typeof (node as PathNode).uid === "string") {
    uids.push((node as PathNode).uid);
    const next = (node as PathNode)[EDGE_OF.PREREQUISITE];
    node = Array.isArray(next) ? next[0] : next;
  }
  if (uids.length < 2) return null;
  const ids = uids.map((uid) => idOf.get(uid));
  return ids.every((id): id is string => typeof id === "string") ? ids : null;
}
