// The first-load budget: what a browser transfers to start the app (HTML,
// JS, WASM, CSS), each file compressed with gzip -9, must stay within the
// limit. Prints the figure per file and the total; exits 1 above it.
//
//   node scripts/size-budget.mjs [dist] [limit-in-KB]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const limitKb = Number(process.argv[3] ?? 400);
const counted = new Set([".html", ".js", ".wasm", ".css"]);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

let total = 0;
let lazy = 0;
const rows = [];
for (const path of walk(dist)) {
  // 404.html is a copy of index.html for static hosts; it is not loaded.
  if (!counted.has(extname(path)) || path.endsWith("404.html")) continue;
  // tools/ is the module loaded on first use of backups, packages and
  // survey imports (src/store/tools.js), not at first load.
  if (relative(dist, path).startsWith("tools")) {
    lazy += gzipSync(readFileSync(path), { level: 9 }).length;
    continue;
  }
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  rows.push([relative(dist, path), raw.length, gz]);
}
rows.sort((a, b) => b[2] - a[2]);
const kb = (n) => (n / 1000).toFixed(1).padStart(8);
for (const [name, raw, gz] of rows) {
  console.log(`${kb(raw)} KB raw ${kb(gz)} KB gzip  ${name}`);
}
console.log(`loaded on first use (tools/): ${(lazy / 1000).toFixed(1)} KB gzip -9`);
console.log(`first-load transfer: ${(total / 1000).toFixed(1)} KB gzip -9 (budget ${limitKb} KB)`);
if (rows.length === 0) {
  console.error("no files found: build the site first (scripts/build.sh)");
  process.exit(1);
}
if (total > limitKb * 1000) {
  console.error(`over budget by ${((total - limitKb * 1000) / 1000).toFixed(1)} KB`);
  process.exit(1);
}
