// Working with no network: after one visit, the service worker has every
// file of the app; with the browser context offline the app reloads, fills,
// attaches, prints, builds a package and reviews it. A request log over a
// whole visit shows nothing sent outside the app's origin, and nothing
// reaching the network at all once the first page has loaded. A new
// version is offered, not forced, and a draft survives taking it.
import { test, expect } from "@playwright/test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { attach, campaign, fileBytes, formFields, newDraft, type, validValue, watchErrors } from "../support/app.mjs";

const distWorker = new URL("../../../dist/sw.js", import.meta.url);

/** The paths the server has been asked for so far (scripts/serve.mjs SERVE_LOG). */
function serverLog() {
  const file = process.env.E2E_SERVE_LOG;
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split(" ")[2].split("?")[0]);
}

/** Opens the app once and waits until its service worker controls the page. */
async function firstVisit(page) {
  await page.goto("/");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

/** Fills 表1 to zero errors, attaches the two required files, builds the package. */
async function fillAttachBuild(page) {
  await newDraft(page, "enterprise");
  for (const f of formFields(campaign(), "form1").filter((f) => f.required && !f.show_when && f.type !== "table")) {
    await type(page, f.id, validValue(f));
  }
  await attach(page, "summary", [{ name: "总结.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 150_000, 21) }]);
  await attach(page, "third_party_report", [{ name: "报告.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 60_000, 22) }]);
  await expect(page.getByTestId("field-error-count")).toHaveText("0");
  await expect(page.getByTestId("material-error-count")).toHaveText("0");
  const downloading = page.waitForEvent("download");
  await page.getByTestId("build-package").click();
  const download = await downloading;
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { id: new URL(page.url()).searchParams.get("d"), path };
}

/** Opens a package in 审阅 and expects it to verify. */
async function review(page, path) {
  await page.goto("/review/");
  await page.getByTestId("open-packages").setInputFiles(path);
  await expect(page.getByTestId("status")).toHaveText(/^有效/);
}

test("after one visit, offline: reload, fill, attach, print, package and review all work", async ({ page, context }) => {
  const errors = watchErrors(page);
  await firstVisit(page);
  await context.setOffline(true);
  // The network is really gone: a fetch that the service worker does not
  // answer fails.
  expect(await page.evaluate(() => fetch("/not-cached.txt").then(() => "answered", () => "failed"))).toBe("failed");

  await page.reload();
  await expect(page.getByTestId("category-enterprise")).toBeVisible();
  const { id, path } = await fillAttachBuild(page);
  expect(readFileSync(path).subarray(0, 2).toString("latin1")).toBe("PK");

  await page.goto(`/print/?d=${id}`);
  await expect(page.getByTestId("print-footer").locator("svg.qr")).toBeVisible();
  await review(page, path);
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

test("a whole visit: no request outside the origin, none reaching the network after the first load", async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const errors = watchErrors(page);
  const csp = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
  // Every request the browser makes for this context: the pages' own and
  // (Chromium) the service worker's, with who made it and who answered.
  const log = [];
  let phase = "first load";
  context.on("request", (r) =>
    log.push({ phase, url: r.url(), byWorker: r.serviceWorker() !== null, request: r }),
  );
  await firstVisit(page);
  // The first load fetched the app, and the worker cached all of it: its
  // fetches show in the log, so the log would show later ones too.
  expect(log.some((e) => e.byWorker && e.url.endsWith("_bg.wasm"))).toBe(true);

  phase = "after load";
  const served = serverLog().length;
  const { id, path } = await fillAttachBuild(page);
  await page.goto(`/print/?d=${id}`);
  await expect(page.getByTestId("print-footer").locator("svg.qr")).toBeVisible();
  await review(page, path);

  const outside = log.filter((e) => new URL(e.url).origin !== origin && !e.url.startsWith("blob:") && !e.url.startsWith("data:"));
  expect(outside.map((e) => e.url)).toEqual([]);

  const after = log.filter((e) => e.phase === "after load");
  expect(after.length).toBeGreaterThan(10);
  // Nothing after the first load left the browser: no request of the
  // worker's own (it fetches only what it does not have), and every page
  // request was answered by the worker from its cache.
  const network = [];
  for (const e of after) {
    if (e.url.startsWith("blob:") || e.url.startsWith("data:")) continue;
    if (e.byWorker) {
      network.push(`worker fetched ${e.url}`);
      continue;
    }
    const response = await e.request.response();
    if (response && !response.fromServiceWorker()) network.push(`network answered ${e.url}`);
  }
  expect(network).toEqual([]);

  // And from the server's side: its log over the rest of the visit holds at
  // most the browser's own update check of /sw.js (how a new version is
  // found; it carries nothing of the user's), and nothing else.
  const reached = serverLog().slice(served).filter((path) => path !== "/sw.js");
  expect(reached).toEqual([]);
  expect(serverLog().slice(0, served)).toContain("/shenbao_bg.wasm");
  expect(csp).toEqual([]);
  expect(errors).toEqual([]);
});

test("the app can be installed: a manifest with icons and an offline-capable worker", async ({ page, context }) => {
  await firstVisit(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  // Playwright's contexts are incognito ones, where Chromium installs
  // nothing; every other reason would be listed.
  expect(installabilityErrors.filter((e) => e.errorId !== "in-incognito")).toEqual([]);
  const { url, errors, data } = await cdp.send("Page.getAppManifest");
  expect(url).toMatch(/\/manifest\.webmanifest$/);
  expect(errors).toEqual([]);
  const manifest = JSON.parse(data);
  expect(manifest.short_name).toBe("申报");
  for (const icon of manifest.icons) {
    const response = await page.request.get(icon.src);
    expect(response.ok(), icon.src).toBe(true);
  }
});

test("a new version is offered with 刷新, and taking it keeps the draft", async ({ page }) => {
  const errors = watchErrors(page);
  await firstVisit(page);
  await newDraft(page, "team");
  await type(page, "team_name", "常州供电公司客服班");
  await expect(page.getByTestId("save-state")).toContainText("已保存");

  // Deploy a new version: the same site with a new service worker.
  const original = readFileSync(distWorker, "utf8");
  try {
    writeFileSync(distWorker, original.replace(/^const VERSION = "(\w+)";$/m, 'const VERSION = "$1-next";'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByTestId("update-banner");
    await expect(banner).toContainText("新版本");
    await expect(banner).toContainText("不会丢失");
    // Nothing is forced: the page keeps working until the user chooses.
    await expect(page.locator("#f-team_name")).toHaveValue("常州供电公司客服班");
    const reloaded = page.waitForEvent("load");
    await banner.getByRole("button", { name: "刷新" }).click();
    await reloaded;
    await expect(page.locator("#f-team_name")).toHaveValue("常州供电公司客服班");
    await expect(page.getByTestId("update-banner")).toHaveCount(0);
    expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("shenbao-")))).toEqual([
      expect.stringMatching(/-next$/),
    ]);
  } finally {
    writeFileSync(distWorker, original);
  }
  expect(errors).toEqual([]);
});
