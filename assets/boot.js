// Starts a page's WebAssembly module, named by this script's `app` query
// (index.html: /boot.js?app=shenbao). Kept in its own file so that pages
// need no inline script (the Content-Security-Policy forbids one).
const app = new URL(import.meta.url).searchParams.get("app") ?? "shenbao";
const boot = document.getElementById("boot");

import(`/${app}.js`)
  .then((module) => module.default())
  .then(() => boot && boot.remove())
  .catch((err) => {
    console.error(err);
    if (boot) {
      boot.textContent =
        "应用加载失败：浏览器可能不支持 WebAssembly，或文件不完整。请使用最新版 Chrome、Edge、Firefox 或 Safari 重新打开本页。";
      boot.classList.add("boot-failed");
    }
  });

// Offline: the service worker (/sw.js) caches every file of the app on the
// first visit and answers from that cache afterwards. When a new version is
// deployed its worker waits; the page offers 刷新, and only then does it take
// over and the page reload. Drafts are saved on every edit, so nothing is
// lost by the reload.
if ("serviceWorker" in navigator) {
  let refreshing = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (refreshing) window.location.reload();
  });
  const offerRefresh = (worker) => {
    if (document.getElementById("update-banner")) return;
    const banner = document.createElement("div");
    banner.id = "update-banner";
    banner.className = "update-banner no-print";
    banner.setAttribute("role", "status");
    banner.dataset.testid = "update-banner";
    const text = document.createElement("span");
    text.textContent = "本应用有新版本。点“刷新”即可使用新版本；草稿已自动保存，不会丢失。";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "primary";
    button.textContent = "刷新";
    button.addEventListener("click", () => {
      refreshing = true;
      button.disabled = true;
      worker.postMessage("skip-waiting");
    });
    banner.append(text, button);
    document.body.append(banner);
  };
  navigator.serviceWorker
    .register("/sw.js")
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) offerRefresh(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        worker?.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) offerRefresh(worker);
        });
      });
    })
    .catch((err) => console.warn("离线缓存不可用：", err));
}
