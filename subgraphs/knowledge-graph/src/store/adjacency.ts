/** Weighted adjacency maps (from -> to -> weight), the embedded store's indexes. */
export type Adjacency = Map<string, Map<string, number>>;

export function link(adjacency: Adjacency, from: string, to: string, weight: number): void {
  let targets = adjacency.get(from);
  if (!targets) adjacency.set(from, (targets = new Map()));
  targets.set(to, weight);
}

export function unlink(adjacency: Adjacency, from: string, to: string): boolean {
  const targets = adjacency.get(from);
  if (!targets?.delete(to)) return false;
  if (targets.size === 0) adjacency.delete(from);
  return true;
}

/** Links with the larger of the new and the existing weight (what a merge keeps). */
export function keepMax(adjacency: Adjacency, from: string, to: string, weight: number): void {
  link(adjacency, from, to, Math.max(weight, adjacency.get(from)?.get(to) ?? 0));
}
