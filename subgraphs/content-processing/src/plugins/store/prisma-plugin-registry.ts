import type { PrismaClient } from "../../store/generated/prisma/client";
import type { AnalyzerPluginRecord, AnalyzerPluginSummary, PluginRegistry } from "../plugin-registry";

/** Every column but the module's bytes: what `list` reads for each document processed. */
const SUMMARY_COLUMNS = {
  tenantId: true,
  name: true,
  version: true,
  abiVersion: true,
  sha256: true,
  sizeBytes: true,
  timeoutMs: true,
  maxMemoryMb: true,
  maxOutputBytes: true,
  registeredAt: true,
} as const;

interface SummaryRow {
  tenantId: string;
  name: string;
  version: string;
  abiVersion: number;
  sha256: string;
  sizeBytes: number;
  timeoutMs: number;
  maxMemoryMb: number;
  maxOutputBytes: number;
  registeredAt: Date;
}

/** The registry in the content database (table analyzer_plugins), keyed by (tenant_id, name). */
export class PrismaPluginRegistry implements PluginRegistry {
  constructor(private readonly prisma: PrismaClient) {}

  async register(record: AnalyzerPluginRecord): Promise<void> {
    const { tenantId, name, limits, wasm, ...rest } = record;
    const row = {
      ...rest,
      // A copy: the caller may change its array after this returns.
      wasm: new Uint8Array(wasm),
      timeoutMs: limits.timeoutMs,
      maxMemoryMb: limits.maxMemoryMb,
      maxOutputBytes: limits.maxOutputBytes,
    };
    await this.prisma.analyzerPlugin.upsert({
      where: { tenantId_name: { tenantId, name } },
      create: { tenantId, name, ...row },
      update: row,
    });
  }

  async get(tenantId: string, name: string): Promise<AnalyzerPluginRecord | null> {
    const row = await this.prisma.analyzerPlugin.findUnique({ where: { tenantId_name: { tenantId, name } } });
    return row ? { ...summaryOf(row), wasm: new Uint8Array(row.wasm) } : null;
  }

  async list(tenantId: string): Promise<AnalyzerPluginSummary[]> {
    const rows = await this.prisma.analyzerPlugin.findMany({ where: { tenantId }, select: SUMMARY_COLUMNS });
    // Sorted here by code point: the database's collation may order '-' differently.
    return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(summaryOf);
  }

  async remove(tenantId: string, name: string): Promise<boolean> {
    const { count } = await this.prisma.analyzerPlugin.deleteMany({ where: { tenantId, name } });
    return count > 0;
  }
}

function summaryOf(row: SummaryRow): AnalyzerPluginSummary {
  const { tenantId, name, version, abiVersion, sha256, sizeBytes, timeoutMs, maxMemoryMb, maxOutputBytes, registeredAt } = row;
  return { tenantId, name, version, abiVersion, sha256, sizeBytes, limits: { timeoutMs, maxMemoryMb, maxOutputBytes }, registeredAt };
}
