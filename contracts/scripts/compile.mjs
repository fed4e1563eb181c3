// Compiles contracts/src/*.sol with the pinned solc-js and writes contracts/out/<Contract>.json.
//
// The output is checked in so the .NET build needs no node; it must therefore be deterministic:
// sources are read in sorted order under stable, relative names (never absolute paths, which
// would leak into the metadata hash), every setting is explicit, and JSON keys are written in a
// fixed order. `node scripts/compile.mjs --check` recompiles in memory and fails when out/ is stale.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const solc = require("solc");

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "src");
const outDir = join(root, "out");
const checkOnly = process.argv.includes("--check");

const EXPECTED_SOLC = "0.8.37";
if (!solc.version().startsWith(`${EXPECTED_SOLC}+`)) {
  fail(`solc ${solc.version()} found, ${EXPECTED_SOLC} expected: run \`npm ci\` in contracts/`);
}

// Contracts whose artifacts the service consumes; everything else compiled is a dependency.
const ARTIFACTS = ["DesignRegistry", "LicenseRegistry"];

const settings = {
  // 10000 runs: registration is called once per design, forever; deployment happens once.
  optimizer: { enabled: true, runs: 10000 },
  // viaIR measured against the legacy pipeline on the same source: register to a new owner
  // 78,702 vs 79,348 gas (-650, about 0.8%), runtime 8,841 vs 9,262 bytes. Small, but it is paid on
  // every registration and costs only compile time (offline), so it stays on.
  viaIR: true,
  // Cancun rather than the compiler's newest default: production may be any EVM chain or L2.
  evmVersion: "cancun",
  metadata: { bytecodeHash: "ipfs" },
  outputSelection: {
    "*": {
      "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "evm.methodIdentifiers"],
    },
  },
};

const sources = {};
for (const file of readdirSync(srcDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[`src/${file}`] = { content: readFileSync(join(srcDir, file), "utf8") };
}

// Imports such as "@openzeppelin/contracts/..." resolve from contracts/node_modules only.
function findImports(path) {
  const candidate = join(root, "node_modules", path);
  if (!path.startsWith("@") || !existsSync(candidate)) return { error: `import not found: ${path}` };
  return { contents: readFileSync(candidate, "utf8") };
}

const input = { language: "Solidity", sources, settings };
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));

const diagnostics = output.errors ?? [];
for (const d of diagnostics) console.error(d.formattedMessage ?? d.message);
if (diagnostics.some((d) => d.severity === "error")) fail("compilation failed");
// Warnings are errors too: the .NET side builds with TreatWarningsAsErrors, the contracts should match.
if (diagnostics.some((d) => d.severity === "warning")) fail("compilation produced warnings");

if (!checkOnly) mkdirSync(outDir, { recursive: true });
let stale = false;
for (const name of ARTIFACTS) {
  const contract = output.contracts?.[`src/${name}.sol`]?.[name];
  if (!contract) fail(`contract ${name} missing from the compiler output`);
  const artifact = {
    contractName: name,
    sourceName: `src/${name}.sol`,
    compiler: { name: "solc-js", version: solc.version(), settings: { ...settings, outputSelection: undefined } },
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    methodIdentifiers: sortKeys(contract.evm.methodIdentifiers),
  };
  const text = `${JSON.stringify(artifact, null, 2)}\n`;
  const target = join(outDir, `${name}.json`);
  if (checkOnly) {
    if (!existsSync(target) || readFileSync(target, "utf8") !== text) {
      console.error(`${target} is stale: run \`npm run compile\``);
      stale = true;
    }
  } else {
    writeFileSync(target, text);
    const runtimeBytes = contract.evm.deployedBytecode.object.length / 2;
    console.log(`wrote out/${name}.json (runtime ${runtimeBytes} bytes, limit 24576)`);
  }
}
if (stale) process.exit(1);
if (checkOnly) console.log("out/ is up to date");

function sortKeys(obj) {
  return Object.fromEntries(Object.entries(obj ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}

function fail(message) {
  console.error(`compile: ${message}`);
  process.exit(1);
}
