import type { Workflow } from "../domain/workflow";
import type { WorkflowList, WorkflowListRequest, WorkflowReadModel } from "../domain/workflow-read-model";
import type { Prisma, PrismaClient } from "./prisma-client";
import { workflowFromRow } from "./workflow-projection";

/** Reads the `workflows` projection; every query is filtered by tenant. */
export class PrismaWorkflowReadModel implements WorkflowReadModel {
  constructor(private readonly prisma: PrismaClient) {}

  async findByIds(tenantId: string, ids: readonly string[]): Promise<Workflow[]> {
    if (ids.length === 0) return [];
    const rows = await this.prisma.workflow.findMany({ where: { tenantId, id: { in: [...ids] } } });
    return rows.map(workflowFromRow);
  }

  async list(tenantId: string, { first, after, status }: WorkflowListRequest): Promise<WorkflowList> {
    const scope: Prisma.WorkflowWhereInput = { tenantId, ...(status ? { status } : {}) };
    // Strictly after the position in (createdAt desc, id desc) order: ties on time fall back to id.
    const page: Prisma.WorkflowWhereInput = after
      ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
      : {};
    const [rows, totalCount] = await Promise.all([
      this.prisma.workflow.findMany({ where: { AND: [scope, page] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: first + 1 }),
      this.prisma.workflow.count({ where: scope }),
    ]);
    return { workflows: rows.slice(0, first).map(workflowFromRow), hasNextPage: rows.length > first, totalCount };
  }
}
