export { openDatabase, type OpenedDatabase, type PostgresTarget } from "./open-database";
export { migrateDatabase, diffMigrations, type MigrateOptions } from "./migrate-database";
export { createTestDatabase } from "./test-database";
export { LOCKFILE_CONTENT, LOCKFILE_NAME } from "./migration-files";
export { preparePGliteStatement, type PreparedStatement, type StatementRows, type StatementValue } from "./pglite-statement";
export { isUniqueViolation } from "./unique-violation";
export { statementsOn, transactionsOn, type NamedStatement, type RunStatement, type SqlTransaction, type Transact } from "./sql-transaction";
