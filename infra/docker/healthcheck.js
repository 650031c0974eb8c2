// Container health probe for the image's HEALTHCHECK and compose's healthchecks.
//   node infra/docker/healthcheck.js [path]
// Asks http://127.0.0.1:$PORT<path> and exits 0 on a 2xx answer, 1 otherwise. Without a
// path it asks /health/live (every subgraph) and falls back to /health (the gateway), so the
// one image needs no per-service HEALTHCHECK. Uses Node's fetch: the slim image has no curl.
const TIMEOUT_MS = 2500;

const port = process.env.PORT;
if (!port) {
  console.error("healthcheck: PORT is not set; the probe cannot know where the service listens");
  process.exit(1);
}

async function status(path) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  await response.body?.cancel();
  return response.status;
}

async function main() {
  const asked = process.argv[2];
  let code = await status(asked ?? "/health/live");
  if (!asked && code === 404) code = await status("/health");
  if (code < 200 || code >= 300) throw new Error(`answered ${code}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`healthcheck: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
