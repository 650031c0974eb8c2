// One jest run over every workspace. Unit tests sit beside the code (`*.test.ts`),
// integration and contract tests under each package's test/ (`*.int.test.ts`),
// end-to-end tests under tests/ (`*.e2e.test.ts`).
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: "es2022",
      keepClassNames: true,
    },
    module: { type: "commonjs" },
  },
];

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/packages", "<rootDir>/gateway", "<rootDir>/subgraphs", "<rootDir>/tests", "<rootDir>/scripts"],
  testMatch: ["**/*.test.ts"],
  // PGlite's CommonJS build uses dynamic import(), which jest's module runtime refuses
  // without --experimental-vm-modules; SWC rewrites those (and ESM-only packages) for it.
  transform: { "^.+\\.(t|j)sx?$": swc, "^.+\\.cjs$": swc },
  transformIgnorePatterns: ["/node_modules/(?!(jose|uuid|@electric-sql)/)"],
  setupFiles: ["reflect-metadata"],
  testTimeout: 30000,
  maxWorkers: 2,
  verbose: true,
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
};
