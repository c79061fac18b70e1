// Writes dist/sw.js from assets/sw.js: FILES becomes every file of the built
// site (so pages and modules added later are cached too), VERSION a digest
// of all their contents and of the worker's code (so any change deploys a
// new service worker, with a cache of its own).
//
//   node scripts/precache.mjs [dist]
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dist = process.argv[2] ?? "dist";
const worker = join(dist, "sw.js");

function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const files = [...walk(dist)].filter((p) => p !== worker);
const template = readFileSync(worker, "utf8");
// The worker's own code counts too: a change to it is a new version.
const version = createHash("sha256").update(template);
const urls = [];
for (const path of files) {
  const url = "/" + relative(dist, path).split(sep).join("/");
  urls.push(url);
  version.update(`${url}\0${createHash("sha256").update(readFileSync(path)).digest("hex")}\n`);
}
const filled = template
  .replace(/^const VERSION = .*;$/m, `const VERSION = ${JSON.stringify(version.digest("hex").slice(0, 16))};`)
  .replace(/^const FILES = .*;$/m, `const FILES = ${JSON.stringify(urls, null, 1)};`);
if (filled === template || !filled.includes("/index.html")) {
  console.error(`${worker}: VERSION or FILES not found; is it assets/sw.js?`);
  process.exit(1);
}
writeFileSync(worker, filled);
console.log(`service worker: ${urls.length} files, version ${filled.match(/VERSION = "(\w+)"/)[1]}`);
