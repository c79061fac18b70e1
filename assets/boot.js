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
