/**
 * Integration tests talk to real servers named by these variables. Without a URL the
 * suite is skipped locally, but under REQUIRE_SERVICES (`1`/`all`, or a list such as
 * `postgres,redis`) a missing server fails the run instead.
 */
export type ServiceName = "postgres" | "redis" | "dgraph";

export const SERVICE_URL_VARIABLES: Record<ServiceName, string> = {
  postgres: "TEST_DATABASE_URL",
  redis: "TEST_REDIS_URL",
  dgraph: "TEST_DGRAPH_URL",
};

export function isServiceRequired(name: ServiceName, env: NodeJS.ProcessEnv = process.env): boolean {
  const required = (env.REQUIRE_SERVICES ?? "").trim().toLowerCase();
  if (required === "" || required === "0" || required === "false") return false;
  if (required === "1" || required === "all" || required === "true") return true;
  return required.split(",").map((s) => s.trim()).includes(name);
}

/** The server's URL, or undefined when it may be skipped; throws when it is required. */
export function serviceUrl(name: ServiceName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env[SERVICE_URL_VARIABLES[name]];
  if (url) return url;
  if (isServiceRequired(name, env)) {
    throw new Error(`REQUIRE_SERVICES includes ${name}, but ${SERVICE_URL_VARIABLES[name]} is not set`);
  }
  return undefined;
}

/** `describe` that runs against a real server, skipped only when the server is optional. */
export function describeWithService(name: ServiceName, title: string, body: (url: string) => void): void {
  const url = serviceUrl(name);
  if (url) describe(`${title} [${name}]`, () => body(url));
  else describe.skip(`${title} [${name}: set ${SERVICE_URL_VARIABLES[name]} to run]`, () => body(""));
}
