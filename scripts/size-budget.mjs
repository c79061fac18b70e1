// The first-load budget: what a browser transfers to open each page of the
// app (its HTML, boot.js, the page's JS and WASM, the CSS and the JS
// snippets the module imports), each file compressed with gzip -9, must
// stay within the limit. Prints the figures; exits 1 if any page is over.
//
//   node scripts/size-budget.mjs [dist] [limit-in-KB]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

const dist = process.argv[2] ?? "dist";
const limitKb = Number(process.argv[3] ?? 400);
const pages = [
  ["首页 /", "index.html", "shenbao"],
  ["填写 /fill/", "fill/index.html", "shenbao_fill"],
  ["审阅 /review/", "review/index.html", "shenbao_review"],
  ["打印 /print/", "print/index.html", "shenbao_print", ["style/form.css"]],
  ["调查 /survey/", "survey/index.html", "shenbao_survey", ["style/survey.css"]],
];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const snippets = existsSync(join(dist, "snippets"))
  ? [...walk(join(dist, "snippets"))].filter((p) => p.endsWith(".js"))
  : [];
const shared = ["boot.js", "style/main.css"].map((p) => join(dist, p)).concat(snippets);

let over = false;
for (const [label, html, module, extra = []] of pages) {
  const files = [join(dist, html), join(dist, `${module}.js`), join(dist, `${module}_bg.wasm`), ...shared];
  files.push(...extra.map((p) => join(dist, p)));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    console.error(`missing ${missing.map((f) => relative(dist, f)).join(", ")}: build the site first (scripts/build.sh)`);
    process.exit(1);
  }
  const sizes = files.map((f) => [relative(dist, f), gz(f)]);
  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  const detail = sizes
    .slice(0, 3)
    .map(([name, n]) => `${name} ${kb(n)}`)
    .join(", ");
  console.log(`${label.padEnd(14)} ${kb(total).padStart(9)}  (${detail}, shared ${kb(total - sizes.slice(0, 3).reduce((s, [, n]) => s + n, 0))})`);
  if (total > limitKb * 1000) {
    console.error(`  over the ${limitKb} KB budget by ${kb(total - limitKb * 1000)}`);
    over = true;
  }
}
const tools = join(dist, "tools", "shenbao_tools_bg.wasm");
if (existsSync(tools)) {
  console.log(`tools module, loaded on first use: ${kb(gz(tools) + gz(join(dist, "tools", "shenbao_tools.js")))}`);
}
console.log(`first-load budget per page: ${limitKb} KB gzip -9`);
process.exit(over ? 1 : 0);
