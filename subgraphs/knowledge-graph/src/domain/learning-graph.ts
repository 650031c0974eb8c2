import { RELATIONSHIP_TYPES, type ConceptId, type Relationship, type RelationshipKey, type RelationshipType } from "./concept";
import { RouteSearch, type RouteStep } from "./cheapest-route";

/** An edge as one number: the other end's index times 4 plus the type's index. */
const TYPE_BITS = 2;
const RELATED = RELATIONSHIP_TYPES.indexOf("RELATED");
const PREREQUISITE = RELATIONSHIP_TYPES.indexOf("PREREQUISITE");
const encode = (other: number, type: RelationshipType) => (other << TYPE_BITS) | RELATIONSHIP_TYPES.indexOf(type);
const otherOf = (code: number) => code >> TYPE_BITS;
const typeOf = (code: number) => code & ((1 << TYPE_BITS) - 1);

/** One direction of a concept's edges: parallel lists of edge codes and weights. */
interface EdgeList {
  codes: number[];
  weights: number[];
}

/**
 * A tenant's relationships held in memory for learning paths: concepts are numbered, each
 * keeps its outgoing and incoming edges as small number arrays, so a search walks plain
 * arrays instead of asking the store concept by concept (about 80 MB of heap per million
 * edges). graphology with graphology-shortest-path's bidirectional Dijkstra was measured on
 * the same 10k/100k graph first: 4x the heap, 15x the build time and about 100x slower
 * searches (object-keyed maps and a path array copied per relaxation), so not used here.
 * Concepts without edges are absent: no path leads to or from them. Changes apply in
 * place, so the service's own writes keep it current without a reload.
 */
export class LearningGraph {
  private readonly indexOf = new Map<ConceptId, number>();
  private readonly ids: ConceptId[] = [];
  private readonly outgoing: EdgeList[] = [];
  private readonly incoming: EdgeList[] = [];
  private edges = 0;
  private readonly search = new RouteSearch();

  static of(relationships: Iterable<Relationship>): LearningGraph {
    const graph = new LearningGraph();
    for (const relationship of relationships) graph.relate(relationship);
    return graph;
  }

  get relationshipCount(): number {
    return this.edges;
  }

  /** Adds the edge, or updates its weight (one edge per from, to, type, as in the store). */
  relate({ fromId, toId, type, weight }: Relationship): void {
    const [from, to] = [this.numberOf(fromId), this.numberOf(toId)];
    const out = this.outgoing[from]!;
    const at = out.codes.indexOf(encode(to, type));
    if (at >= 0) {
      out.weights[at] = weight;
      const into = this.incoming[to]!;
      into.weights[into.codes.indexOf(encode(from, type))] = weight;
      return;
    }
    out.codes.push(encode(to, type)), out.weights.push(weight);
    this.incoming[to]!.codes.push(encode(from, type)), this.incoming[to]!.weights.push(weight);
    this.edges++;
  }

  /** Removes the edge; false when there was none. */
  remove({ fromId, toId, type }: RelationshipKey): boolean {
    const [from, to] = [this.indexOf.get(fromId), this.indexOf.get(toId)];
    if (from === undefined || to === undefined) return false;
    if (!drop(this.outgoing[from]!, encode(to, type))) return false;
    drop(this.incoming[to]!, encode(from, type));
    this.edges--;
    return true;
  }

  /** GraphStore.mergeConcepts on the snapshot: edges move, the larger weight stays, self-edges vanish. */
  merge(keepId: ConceptId, mergeId: ConceptId): void {
    for (const edge of this.edgesOf(mergeId)) {
      this.remove(edge);
      const moved = { ...edge, fromId: edge.fromId === mergeId ? keepId : edge.fromId, toId: edge.toId === mergeId ? keepId : edge.toId };
      if (moved.fromId === moved.toId) continue;
      this.relate({ ...moved, weight: Math.max(moved.weight, this.weightOf(moved) ?? 0) });
    }
  }

  /** The steps after `fromId` (see RouteSearch); null when `toId` cannot be reached. */
  cheapestRoute(fromId: ConceptId, toId: ConceptId): RouteStep[] | null {
    const [from, to] = [this.indexOf.get(fromId), this.indexOf.get(toId)];
    if (from === undefined || to === undefined) return null;
    const route = this.search.run(this, from, to);
    return route && route.map((step) => ({ id: this.ids[step.index]!, cost: step.cost }));
  }

  /** Every transitive prerequisite of `ids`, with the prerequisite edges found on the way. */
  ancestorsOf(ids: readonly ConceptId[]): { found: Set<ConceptId>; edges: Relationship[] } {
    const found = new Set<ConceptId>();
    const edges: Relationship[] = [];
    for (let frontier = ids.flatMap((id) => this.indexOf.get(id) ?? []); frontier.length > 0; ) {
      const next: number[] = [];
      for (const to of frontier) {
        const { codes, weights } = this.incoming[to]!;
        for (let i = 0; i < codes.length; i++) {
          if (typeOf(codes[i]!) !== PREREQUISITE) continue;
          const from = otherOf(codes[i]!);
          edges.push({ fromId: this.ids[from]!, toId: this.ids[to]!, type: "PREREQUISITE", weight: weights[i]! });
          if (!found.has(this.ids[from]!)) found.add(this.ids[from]!), next.push(from);
        }
      }
      frontier = next;
    }
    return { found, edges };
  }

  /** Calls `visit(next, weight)` for every move in learning order out of (forward) or into (backward) a concept. */
  forEachStep(index: number, direction: "forward" | "backward", visit: (other: number, weight: number) => void): void {
    const [along, against] = direction === "forward" ? [this.outgoing, this.incoming] : [this.incoming, this.outgoing];
    const { codes, weights } = along[index]!;
    for (let i = 0; i < codes.length; i++) visit(otherOf(codes[i]!), weights[i]!);
    // RELATED reads either way, so it is also a move against its direction.
    const reverse = against[index]!;
    for (let i = 0; i < reverse.codes.length; i++) if (typeOf(reverse.codes[i]!) === RELATED) visit(otherOf(reverse.codes[i]!), reverse.weights[i]!);
  }

  get conceptSlots(): number {
    return this.ids.length;
  }

  private edgesOf(id: ConceptId): Relationship[] {
    const index = this.indexOf.get(id);
    if (index === undefined) return [];
    const read = (list: EdgeList, leaving: boolean) =>
      list.codes.map((code, i) => {
        const other = this.ids[otherOf(code)]!;
        return { fromId: leaving ? id : other, toId: leaving ? other : id, type: RELATIONSHIP_TYPES[typeOf(code)]!, weight: list.weights[i]! };
      });
    return [...read(this.outgoing[index]!, true), ...read(this.incoming[index]!, false)];
  }

  private weightOf({ fromId, toId, type }: RelationshipKey): number | undefined {
    const [from, to] = [this.indexOf.get(fromId), this.indexOf.get(toId)];
    if (from === undefined || to === undefined) return undefined;
    const out = this.outgoing[from]!;
    const at = out.codes.indexOf(encode(to, type));
    return at >= 0 ? out.weights[at] : undefined;
  }

  private numberOf(id: ConceptId): number {
    let index = this.indexOf.get(id);
    if (index === undefined) {
      index = this.ids.push(id) - 1;
      this.indexOf.set(id, index);
      this.outgoing.push({ codes: [], weights: [] });
      this.incoming.push({ codes: [], weights: [] });
    }
    return index;
  }
}

function drop(list: EdgeList, code: number): boolean {
  const at = list.codes.indexOf(code);
  if (at < 0) return false;
  list.codes.splice(at, 1), list.weights.splice(at, 1);
  return true;
}
