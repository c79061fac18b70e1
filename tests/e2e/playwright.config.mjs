// Playwright drives Debian's Chromium (/usr/bin/chromium), never a browser
// of its own. The site under test is the release build in dist/, served by
// the project's own static server on a port of its own.
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 8091);
// The server's own request log (scripts/serve.mjs), read by the offline
// spec to show what reached the network.
process.env.E2E_SERVE_LOG ??= join(tmpdir(), `shenbao-e2e-${port}-${process.pid}.log`);

export default defineConfig({
  testDir: "specs",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node ../../scripts/serve.mjs ../../dist ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    env: { SERVE_LOG: process.env.E2E_SERVE_LOG },
    timeout: 30_000,
  },
});
