// The service worker: keeps every file of the app in a cache, so that after
// the first visit the app loads and works with no network at all, and
// answers every request of the app from that cache. scripts/build.sh fills
// in VERSION (from the content of every file) and FILES (every file in
// dist/), so a new deployment is a new worker; it waits until the user
// accepts the refresh that the page offers (assets/boot.js).
const VERSION = "dev";
const FILES = [];
const CACHE = `shenbao-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((path) => new Request(path, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("shenbao-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// The page sends this when the user accepts the new version.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(answer(request, url));
});

// A file of the app by its path, whatever the query (/fill/?d=…,
// /boot.js?app=…); a page's folder is its index.html. Anything else goes to
// the network; a page that is not there offline gets the app's own 404 page.
async function answer(request, url) {
  const cache = await caches.open(CACHE);
  const path = url.pathname.endsWith("/") ? `${url.pathname}index.html` : url.pathname;
  const hit =
    (await cache.match(path)) ??
    (request.mode === "navigate" ? await cache.match(`${path}/index.html`) : undefined);
  // A cached response keeps the URL it was fetched from (no query); a copy
  // has none, so the browser gives it the address asked for. boot.js reads
  // its `?app=` from its own URL (import.meta.url), which is that one.
  if (hit) return url.search ? new Response(hit.body, hit) : hit;
  try {
    return await fetch(request);
  } catch (err) {
    const fallback = request.mode === "navigate" ? await cache.match("/404.html") : undefined;
    if (fallback) return fallback;
    throw err;
  }
}
