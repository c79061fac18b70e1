// Starts the WebAssembly app. Kept in its own file so that the page needs no
// inline script (the Content-Security-Policy forbids one).
import init from "/shenbao.js";

const boot = document.getElementById("boot");
init()
  .then(() => boot && boot.remove())
  .catch((err) => {
    console.error(err);
    if (boot) {
      boot.textContent =
        "应用加载失败：浏览器可能不支持 WebAssembly，或文件不完整。请使用最新版 Chrome、Edge、Firefox 或 Safari 重新打开本页。";
      boot.classList.add("boot-failed");
    }
  });
