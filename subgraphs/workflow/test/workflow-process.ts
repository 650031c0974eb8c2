import { freePort, killProcess, startServiceProcess, type ServiceProcess } from "@aiwf/platform/testkit";

export { freePort, killProcess as kill };

/** The workflow service as its own process (src/main.ts), the way `npm run start:workflow` runs it. */
export function startWorkflowProcess(env: Record<string, string>, port: number): Promise<ServiceProcess> {
  return startServiceProcess("subgraphs/workflow", env, port);
}
