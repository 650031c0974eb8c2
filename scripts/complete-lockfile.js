// Completes package-lock.json with the platform-specific optional packages the registry
// this project installs from does not serve (it answers 404 for, e.g., darwin and win32
// builds of @swc/core). `npm install` then leaves them out of the lockfile, and `npm ci`
// refuses a lockfile that lacks them ("Missing: @swc/core-darwin-arm64@ from lock file").
// Each gets an entry with its os/cpu, so npm ci on any machine skips what does not fit it
// and installs the build for its own platform as usual. Run after `npm install`.
const { readFileSync, writeFileSync } = require("node:fs");
const path = require("node:path");

const LOCKFILE = path.resolve(__dirname, "..", "package-lock.json");
const OS = ["darwin", "linux", "win32", "android", "freebsd", "openharmony", "sunos", "aix"];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "wasm32"];

/** `@swc/core-linux-arm-gnueabihf` -> { os: ["linux"], cpu: ["arm"] }, from its name. */
function platformOf(name) {
  const parts = path.basename(name).split("-");
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part));
  return os && cpu ? { os: [os], cpu: [cpu] } : undefined;
}

function missingOptionalPackages(lock) {
  const missing = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const base = location ? `${location}/node_modules/${name}` : `node_modules/${name}`;
      if (!lock.packages[base] && !lock.packages[`node_modules/${name}`]) missing.push({ location: `node_modules/${name}`, name, version });
    }
  }
  return missing;
}

function completeLockfile(file = LOCKFILE) {
  const lock = JSON.parse(readFileSync(file, "utf8"));
  const added = [];
  for (const { location, name, version } of missingOptionalPackages(lock)) {
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue; // only exact, platform-named builds
    lock.packages[location] = { version, optional: true, ...platform };
    added.push(name);
  }
  if (added.length) {
    lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
    writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  }
  return added;
}

module.exports = { completeLockfile, missingOptionalPackages, platformOf };

if (require.main === module) {
  const added = completeLockfile();
  process.stdout.write(added.length ? `lockfile: added ${added.length} platform builds (${added.join(", ")})\n` : "lockfile: complete\n");
}
