// Generates the Prisma clients. Runs on `npm install`/`npm ci` because npm here does not
// run dependencies' install scripts (Prisma's own postinstall included), and because the
// prisma CLI would otherwise try to download a schema-engine binary it does not need for
// generation (see TOOLCHAIN.md).
const { execFileSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const schemas = ["workflow", "content"].map((name) => path.join(root, "prisma", name, "schema.prisma"));
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
if (!existsSync(cli)) process.exit(0);
for (const schema of schemas.filter((file) => existsSync(file))) {
  execFileSync(process.execPath, [cli, "generate", "--schema", schema], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: cli /* must exist, is never run by generate */, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
