/**
 * Executor throughput: step transitions (recorded run events) per second for a 10-step
 * linear transform workflow and a 100-branch fan-out of transforms, driven through the
 * real orchestrator, activities and event store. Baseline in the same run: appending the
 * same number of events as single appends, with no orchestration.
 *
 *   node -r ./scripts/register.js bench/workflow/execution.bench.ts
 */
import { randomUUID } from "node:crypto";
import { createLogger } from "@aiwf/platform";
import { parseDefinition } from "../../subgraphs/workflow/src/domain/definition/definition-validation";
import { NO_STREAM } from "../../subgraphs/workflow/src/domain/event-store";
import { runEvent, runStreamId } from "../../subgraphs/workflow/src/domain/run/run";
import { createActivities } from "../../subgraphs/workflow/src/executor/activities";
import { localLlmProviders } from "../../subgraphs/workflow/src/executor/local-llm";
import { processRun } from "../../subgraphs/workflow/src/executor/run-processor";
import { benchTargets, fmt, timed } from "./bench-database";

const RUNS = 30;
/** Untimed first runs of each workflow, and appends of the baseline: V8 tiers the hot code (and PGlite's WASM) up as it runs. */
const WARM_UP_RUNS = 10;

const linear = parseDefinition({
  nodes: Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, type: "transform", config: { expression: i === 0 ? "input.n" : `steps.s${i - 1} + 1` } })),
  edges: Array.from({ length: 9 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` })),
});
const fanOut = parseDefinition({
  nodes: [
    { id: "fan", type: "parallel", config: {} },
    ...Array.from({ length: 100 }, (_, i) => ({ id: `b${i}`, type: "transform", config: { expression: `input.n * ${i}` } })),
    { id: "join", type: "join", config: {} },
  ],
  edges: Array.from({ length: 100 }, (_, i) => [{ from: "fan", to: `b${i}` }, { from: `b${i}`, to: "join" }]).flat(),
});

async function main() {
  const logger = createLogger({ service: "bench", level: "silent" });
  for (const target of await benchTargets()) {
    const { events } = target.store;
    const deps = { events, activities: createActivities({ llm: localLlmProviders() }), now: () => new Date(), random: Math.random, logger };
    const tenant = `bench-${randomUUID()}`;
    console.log(`\n${target.name}`);
    for (const [name, definition] of [["10-step linear", linear], ["100-branch fan-out", fanOut]] as const) {
      /** Runs `runs` runs of the workflow one after another; returns the transitions they recorded. */
      const runAll = async (runs: number) => {
        let transitions = 0;
        for (let r = 0; r < runs; r++) {
          const runId = randomUUID();
          await events.appendToStream(tenant, runStreamId(runId), NO_STREAM, [
            runEvent("RunStarted", { runId, workflowId: "bench", workflowVersion: 1, definition, input: { n: r }, idempotencyKey: null }),
          ]);
          const outcome = await processRun(deps, tenant, runId, new AbortController().signal);
          if (!outcome.finished) throw new Error(`${name} run did not finish`);
          transitions += (await events.readStream(tenant, runStreamId(runId))).length - 1;
        }
        return transitions;
      };
      /** `count` single appends to one stream, each with its version check: the same events with no orchestration. */
      const appendAll = async (count: number) => {
        const stream = `baseline-${randomUUID()}`;
        for (let v = 0; v < count; v++) await events.appendToStream(tenant, stream, v, [{ type: "BenchEvent", data: { v } }]);
        return count;
      };
      await runAll(WARM_UP_RUNS);
      const result = await timed(() => runAll(RUNS));
      await appendAll(Math.min(1_000, WARM_UP_RUNS * (result.count / RUNS)));
      const baseline = await timed(() => appendAll(result.count));
      const perRun = result.count / RUNS;
      console.log(
        `  ${name}: ${fmt(result.perSecond)} transitions/s (${perRun} per run, ${RUNS} runs) | baseline single appends ${fmt(baseline.perSecond)} events/s | ratio ${(result.perSecond / baseline.perSecond).toFixed(2)}`,
      );
    }
    await target.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
