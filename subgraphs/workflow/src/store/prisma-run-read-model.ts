import type { Run } from "../domain/run/run";
import type { RunListRequest, RunReadModel } from "../domain/run/run-ports";
import type { Prisma, PrismaClient } from "./prisma-client";
import { runFromRow } from "./run-projection";

/** Reads `workflow_runs`; every query is filtered by tenant. */
export class PrismaRunReadModel implements RunReadModel {
  constructor(private readonly prisma: PrismaClient) {}

  async findByIds(tenantId: string, ids: readonly string[]): Promise<Run[]> {
    if (ids.length === 0) return [];
    return (await this.prisma.workflowRun.findMany({ where: { tenantId, id: { in: [...ids] } } })).map(runFromRow);
  }

  async list(tenantId: string, { workflowId, first, after, status }: RunListRequest) {
    const scope: Prisma.WorkflowRunWhereInput = { tenantId, workflowId, ...(status ? { status } : {}) };
    const page: Prisma.WorkflowRunWhereInput = after
      ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : {};
    const [rows, totalCount] = await Promise.all([
      this.prisma.workflowRun.findMany({ where: { AND: [scope, page] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: first + 1 }),
      this.prisma.workflowRun.count({ where: scope }),
    ]);
    return { runs: rows.slice(0, first).map(runFromRow), hasNextPage: rows.length > first, totalCount };
  }
}
