import path from "node:path";

/** The workflow subgraph's Prisma schema and migrations (prisma/workflow), for migrateDatabase. */
const prismaDir = path.resolve(__dirname, "../../../../prisma/workflow");

export const workflowMigrations = {
  schemaPath: path.join(prismaDir, "schema.prisma"),
  migrationsDir: path.join(prismaDir, "migrations"),
};
