// Drafts and attachments that are never lost: reloads, abrupt closes,
// backups across a wiped browser, two tabs, a full disk, bad files.
import { test, expect } from "@playwright/test";
import { attach, fileBytes, newDraft, sha256, storedAttachments, type, watchErrors } from "../support/app.mjs";

const summary = { name: "创建活动总结.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 300_000, 1) };
const report = { name: "调查分析报告.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 120_000, 2) };
const photo = { name: "荣誉证书.jpg", mimeType: "image/jpeg", buffer: fileBytes("jpg", 80_000, 3) };

async function expected(files) {
  const out = [];
  for (const f of files) out.push({ name: f.name, sha256: await sha256(f.buffer) });
  return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

const strip = (list) => list.map(({ name, sha256 }) => ({ name, sha256 }));

test("values and three attached files come back after a reload, byte for byte", async ({ page }) => {
  const errors = watchErrors(page);
  await newDraft(page, "team");
  await type(page, "team_name", "常州供电公司客服班");
  await attach(page, "summary", [summary]);
  await attach(page, "survey_report", [report]);
  await attach(page, "honour_certificates", [photo]);
  await expect(page.getByTestId("attached-file")).toHaveCount(3);
  await expect(page.getByTestId("slot-honour_certificates").locator("img.thumb")).toBeVisible();

  await page.reload();
  await expect(page.locator("#f-team_name")).toHaveValue("常州供电公司客服班");
  await expect(page.getByTestId("attached-file")).toHaveCount(3);
  expect(strip(await storedAttachments(page))).toEqual(await expected([summary, report, photo]));
  // With the summary and report attached, those materials are no longer missing.
  await expect(page.getByTestId("material-findings")).not.toContainText("创建活动总结");
  expect(errors).toEqual([]);
});

test("closing the page in the middle of typing loses at most the last second", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await newDraft(page, "individual");
  const url = page.url();
  const text = "长期坚持微笑服务，热情接待每一位客户，耐心解答各类问题。";
  const deeds = page.locator("#f-deeds");
  await deeds.click();
  let typedBefore = "";
  const started = Date.now();
  for (const ch of text) {
    await page.keyboard.type(ch);
    if (Date.now() - started < text.length * 30 - 1000) typedBefore += ch;
    await page.waitForTimeout(30);
  }
  // No unload handler runs: the page is torn down as a crash would.
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await again.goto(url);
  const kept = await again.locator("#f-deeds").inputValue();
  expect(text.startsWith(kept)).toBe(true);
  expect(kept.length).toBeGreaterThanOrEqual(typedBefore.length);
  await context.close();
});

test("export, wipe all site data, import: drafts and files are identical", async ({ page, baseURL }) => {
  await newDraft(page, "enterprise");
  await type(page, "unit_name", "江苏某某电力有限公司");
  await attach(page, "summary", [summary]);
  await attach(page, "third_party_report", [report]);
  await expect(page.getByTestId("attached-file")).toHaveCount(2);
  const draftUrl = page.url();
  const before = await storedAttachments(page);

  await page.goto("/");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出全部备份" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^shenbao-备份-全部-\d+\.zip$/);
  const backupPath = test.info().outputPath("backup.zip");
  await download.saveAs(backupPath);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Storage.clearDataForOrigin", { origin: baseURL, storageTypes: "all" });
  await page.reload();
  await expect(page.getByTestId("drafts-empty")).toBeVisible();

  await page.getByTestId("import-backup").setInputFiles(backupPath);
  await expect(page.getByTestId("storage-message")).toContainText("已导入 1 份草稿、2 个附件");
  await page.goto(draftUrl);
  await expect(page.locator("#f-unit_name")).toHaveValue("江苏某某电力有限公司");
  expect(await storedAttachments(page)).toEqual(before);
});

test("a foreign or damaged backup is refused and changes nothing", async ({ page }) => {
  await newDraft(page, "team");
  await type(page, "team_name", "原有草稿");
  await page.goto("/");
  await page.getByTestId("import-backup").setInputFiles({ name: "x.zip", mimeType: "application/zip", buffer: Buffer.from("not a zip") });
  await expect(page.getByTestId("storage-message")).toContainText("未导入任何内容：这不是 ZIP 文件");
  await expect(page.getByTestId("draft")).toHaveCount(1);
});

test("two tabs on one draft: the second is told and stops saving; nothing is overwritten silently", async ({ page }) => {
  await newDraft(page, "team");
  await type(page, "team_name", "第一版");
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.locator("#f-team_name")).toHaveValue("第一版");

  // Tab one saves a change; tab two learns of it and turns read-only.
  await type(page, "team_name", "第二版（标签页一）");
  await expect(other.getByTestId("conflict")).toBeVisible();
  await expect(other.locator("#f-team_name")).toBeDisabled();

  // Tab two loads the latest and carries on; now tab one is the stale one.
  await other.getByRole("button", { name: "载入最新内容" }).click();
  await expect(other.locator("#f-team_name")).toHaveValue("第二版（标签页一）");
  await type(other, "team_name", "第三版（标签页二）");
  await expect(page.getByTestId("conflict")).toBeVisible();
  await page.reload();
  await expect(page.locator("#f-team_name")).toHaveValue("第三版（标签页二）");
});

test("a full disk: a clear message, and the previous save is intact", async ({ page }) => {
  await newDraft(page, "team");
  await type(page, "team_name", "保存成功的内容");
  await expect(page.getByTestId("save-state")).toContainText("已保存");
  await page.evaluate(() => {
    const real = Storage.prototype.setItem;
    window.__restoreSetItem = () => (Storage.prototype.setItem = real);
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await type(page, "team_name", "写不进去的内容");
  await expect(page.getByTestId("save-state")).toContainText("浏览器存储空间已满");
  await expect(page.getByTestId("save-state")).toContainText("之前保存的内容仍在");
  await page.evaluate(() => window.__restoreSetItem());
  await page.reload();
  await expect(page.locator("#f-team_name")).toHaveValue("保存成功的内容");
});

test("a wrong-type file and an oversized file are refused with reasons", async ({ page }) => {
  await newDraft(page, "team");
  await attach(page, "summary", [
    { name: "总结.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>这其实是网页</html>") },
    { name: "扫描件.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 21 * 1024 * 1024, 4) },
    { name: "程序.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") },
  ]);
  const refused = page.getByTestId("refused");
  await expect(refused).toContainText("总结.pdf：文件扩展名是 .pdf，但内容不是这种格式");
  await expect(refused).toContainText("扫描件.pdf：文件有 21.0 MB，超过单个文件上限 20.0 MB");
  await expect(refused).toContainText("程序.exe：此处不接受 .exe 文件");
  await expect(page.getByTestId("attached-file")).toHaveCount(0);
});

test("removing a file can be undone, and replacing keeps its place", async ({ page }) => {
  await newDraft(page, "team");
  await attach(page, "summary", [summary, report]);
  await expect(page.getByTestId("attached-file")).toHaveCount(2);
  await page.getByRole("button", { name: `移除“${summary.name}”` }).click();
  await expect(page.getByTestId("attached-file")).toHaveCount(1);
  await page.getByRole("button", { name: "撤销" }).click();
  await expect(page.getByTestId("attached-file")).toHaveCount(2);

  const replacement = { name: "总结（修订）.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 5000, 9) };
  await page.getByLabel(`替换“${summary.name}”`).setInputFiles(replacement);
  await expect(page.getByTestId("attached-file").first()).toContainText("总结（修订）.pdf");
  await expect(page.getByTestId("attached-file")).toHaveCount(2);
});

test("drafts can be renamed and duplicated with their files", async ({ page }) => {
  await newDraft(page, "individual");
  await type(page, "name", "王芳");
  await attach(page, "summary", [summary]);
  await expect(page.getByTestId("attached-file")).toHaveCount(1);
  await page.goto("/");
  const row = page.getByTestId("draft").filter({ hasText: "王芳" });
  await row.getByRole("button", { name: "重命名" }).click();
  const input = page.getByLabel("草稿名称（留空则使用单位或姓名）");
  await input.fill("王芳（营业厅）");
  await input.press("Enter");
  await expect(page.getByRole("link", { name: "王芳（营业厅）" })).toBeVisible();

  await page.getByTestId("draft").filter({ hasText: "王芳（营业厅）" }).getByRole("button", { name: "复制" }).click();
  await expect(page.getByRole("link", { name: "王芳（营业厅）（副本）" })).toBeVisible();
  await page.getByRole("link", { name: "王芳（营业厅）（副本）" }).click();
  await expect(page.locator("#f-name")).toHaveValue("王芳");
  const copy = await storedAttachments(page);
  expect(copy).toEqual([{ name: summary.name, slot: "summary", sha256: await sha256(summary.buffer) }]);
});
