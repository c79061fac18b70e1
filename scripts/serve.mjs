// A small static file server for dist/, with no dependencies: used by the
// serve command and by the end-to-end tests. Paths without a file extension
// fall back to index.html, so deep links such as /fill work on reload.
//
//   node scripts/serve.mjs [dir] [port]
import { createServer } from "node:http";
import { appendFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const root = resolve(process.argv[2] ?? "dist");
const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
const host = process.env.HOST ?? "127.0.0.1";
// With SERVE_LOG=<file>, every request is appended to the file as
// "<ms since epoch> <method> <path>": the end-to-end tests read it to show
// what reached the server.
const requestLog = process.env.SERVE_LOG;

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

async function fileFor(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const path = normalize(join(root, decoded));
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    const info = await stat(path);
    if (info.isFile()) return path;
    if (info.isDirectory()) return fileFor(join(decoded, "index.html"));
  } catch {
    // Not there: an app route, or a missing asset.
  }
  return extname(decoded) === "" ? join(root, "index.html") : null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (requestLog) appendFileSync(requestLog, `${Date.now()} ${req.method} ${url.pathname}${url.search}\n`);
  const path = await fileFor(url.pathname);
  if (!path || (req.method !== "GET" && req.method !== "HEAD")) {
    res.writeHead(path ? 405 : 404, { "content-type": "text/plain; charset=utf-8" });
    res.end(path ? "method not allowed\n" : "not found\n");
    return;
  }
  try {
    const body = await readFile(path);
    res.writeHead(200, {
      "content-type": types[extname(path)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch {
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("could not read file\n");
  }
});

server.listen(port, host, () => {
  console.log(`serving ${root} at http://${host}:${port}/`);
});
