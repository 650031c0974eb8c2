import type { SupergraphSdlHook } from "@apollo/gateway";
import { readFileSync, unwatchFile, watchFile } from "node:fs";
import type { Logger } from "@aiwf/platform";

/** How often the file's mtime is checked; fs.watch misses atomic replaces on some systems. */
const POLL_INTERVAL_MS = 500;

/**
 * Serves a supergraph file and reloads it when it changes, like the Router's
 * `--supergraph` with hot reload. A broken file is logged and the current schema kept.
 */
export function supergraphFromFile(path: string, logger: Logger): SupergraphSdlHook {
  return async ({ update }) => {
    const initial = readFileSync(path, "utf8");
    let current = initial;
    const onChange = () => {
      let next: string;
      try {
        next = readFileSync(path, "utf8");
      } catch (error) {
        logger.warn({ err: error, path }, "supergraph file unreadable; keeping the current schema");
        return;
      }
      if (next === current) return;
      try {
        // No subgraph health check first: subgraphs answer only calls carrying a caller's
        // identity. update() builds the new schema synchronously and throws when it is bad.
        update(next);
        current = next;
        logger.info({ path }, "supergraph reloaded");
      } catch (error) {
        logger.error({ err: error, path }, "new supergraph rejected; keeping the current schema");
      }
    };
    watchFile(path, { interval: POLL_INTERVAL_MS }, onChange);
    return { supergraphSdl: initial, cleanup: async () => unwatchFile(path) };
  };
}
