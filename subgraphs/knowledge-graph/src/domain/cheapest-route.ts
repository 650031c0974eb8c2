import { MinHeap } from "./min-heap";

/**
 * The cost of following an edge: 1 / weight. Every step costs at least 1 (shorter routes
 * win), and a weak edge costs more than a strong one (weight 0.5 costs 2, 0.1 costs 10).
 * -log(weight) was rejected: it makes weight-1 edges free, so any detour of strong edges
 * would tie with the direct route.
 */
export const edgeCost = (weight: number): number => 1 / weight;

/** A concept reached on the route, with the cost of the step that reached it. */
export interface RouteStep {
  id: string;
  cost: number;
}

/** What the search needs of a graph: numbered concepts and their moves either way. */
export interface SteppableGraph {
  readonly conceptSlots: number;
  forEachStep(index: number, direction: "forward" | "backward", visit: (other: number, weight: number) => void): void;
}

/**
 * One side of the search: tentative costs, how each concept was reached, what is settled.
 * The arrays span every concept and are reused from search to search (only the entries a
 * search touched are reset): allocating megabytes per request would feed the collector.
 */
class Side {
  cost = new Float64Array(0);
  parent = new Int32Array(0);
  stepCost = new Float64Array(0);
  settled = new Uint8Array(0);
  frontier = new MinHeap<number>();
  private readonly touched: number[] = [];

  start(size: number, index: number): void {
    if (this.cost.length < size) {
      const capacity = Math.max(size, Math.ceil(this.cost.length * 1.5));
      this.cost = new Float64Array(capacity).fill(Infinity);
      this.parent = new Int32Array(capacity);
      this.stepCost = new Float64Array(capacity);
      this.settled = new Uint8Array(capacity);
    }
    this.frontier = new MinHeap<number>();
    this.reach(index, 0, -1, 0);
  }

  reach(index: number, cost: number, parent: number, stepCost: number): void {
    if (this.cost[index] === Infinity) this.touched.push(index);
    this.cost[index] = cost;
    this.parent[index] = parent;
    this.stepCost[index] = stepCost;
    this.frontier.push(cost, index);
  }

  /** The smallest tentative cost still waiting, skipping entries made stale by a cheaper one. */
  top(): number {
    for (let head = this.frontier.peek(); head; head = this.frontier.peek()) {
      if (!this.settled[head.value] && head.priority === this.cost[head.value]) return head.priority;
      this.frontier.pop();
    }
    return Infinity;
  }

  reset(): void {
    for (const index of this.touched) (this.cost[index] = Infinity), (this.settled[index] = 0);
    this.touched.length = 0;
  }
}

/**
 * Cheapest routes on one graph (Dijkstra from both ends at once, each side expanding the
 * cheaper of the two frontiers). `best` is the cheapest route seen through any concept
 * reached from both sides; the search stops once the two frontiers together cannot beat
 * it, which on a large graph settles a small share of what one-sided Dijkstra would.
 * Searches run synchronously, one at a time, so one instance serves a graph.
 */
export class RouteSearch {
  private readonly forward = new Side();
  private readonly backward = new Side();

  /** The steps after `from`, or null when `to` cannot be reached. */
  run(graph: SteppableGraph, from: number, to: number): Array<{ index: number; cost: number }> | null {
    if (from === to) return [];
    const { forward, backward } = this;
    forward.start(graph.conceptSlots, from);
    backward.start(graph.conceptSlots, to);
    try {
      const meeting = this.meet(graph);
      if (meeting < 0) return null;
      const route: Array<{ index: number; cost: number }> = [];
      for (let index = meeting; index !== from; index = forward.parent[index]!) route.unshift({ index, cost: forward.stepCost[index]! });
      for (let index = meeting; index !== to; index = backward.parent[index]!) route.push({ index: backward.parent[index]!, cost: backward.stepCost[index]! });
      return route;
    } finally {
      forward.reset();
      backward.reset();
    }
  }

  /** Where the cheapest route passes from the forward side to the backward one; -1 when there is none. */
  private meet(graph: SteppableGraph): number {
    const { forward, backward } = this;
    let best = Infinity;
    let meeting = -1;
    for (;;) {
      const [forwardTop, backwardTop] = [forward.top(), backward.top()];
      if (forwardTop + backwardTop >= best || forwardTop === Infinity || backwardTop === Infinity) return meeting;
      const [side, other, direction] = forwardTop <= backwardTop ? [forward, backward, "forward" as const] : [backward, forward, "backward" as const];
      const index = side.frontier.pop()!.value;
      side.settled[index] = 1;
      const reached = side.cost[index]!;
      graph.forEachStep(index, direction, (next, weight) => {
        const cost = reached + edgeCost(weight);
        if (cost >= side.cost[next]!) return;
        side.reach(next, cost, index, edgeCost(weight));
        if (cost + other.cost[next]! < best) (best = cost + other.cost[next]!), (meeting = next);
      });
    }
  }
}
