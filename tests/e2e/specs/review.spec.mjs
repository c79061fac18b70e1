// The reviewer's workspace: many packages at once with the right verdicts,
// the table exported and read back by an independent XLSX reader, a
// forwarding package whose chain of two signatures verifies and breaks
// visibly, and hostile attachments that never run.
import { test, expect } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { watchErrors } from "../support/app.mjs";
import { decodeQr } from "../support/print.mjs";

const vectors = new URL("../../data/packages/", import.meta.url);
const vector = (name) => new URL(name, vectors).pathname;

/** Chromium reports every CSP violation on the console. */
function watchCsp(page) {
  const csp = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
  return csp;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Changes a stored entry's data in place (same length) and writes its new
 * CRC-32 into the local header and the central directory: what someone
 * with a hex editor and care would do, so that only the signed digests
 * can notice.
 */
function patchStored(zip, name, edit) {
  const out = Buffer.from(zip);
  let at = 0;
  for (;;) {
    const nameLen = out.readUInt16LE(at + 26);
    const size = out.readUInt32LE(at + 18);
    const entryName = out.subarray(at + 30, at + 30 + nameLen).toString("latin1");
    const start = at + 30 + nameLen;
    if (entryName === name) {
      const data = out.subarray(start, start + size);
      edit(data);
      const crc = crc32(data);
      out.writeUInt32LE(crc, at + 14);
      // The end record (the last 22 bytes) says where the directory starts.
      const central = out.readUInt32LE(out.length - 22 + 16);
      for (let c = central; c >= 0 && out.readUInt32LE(c) === 0x02014b50; ) {
        const n = out.readUInt16LE(c + 28);
        if (out.subarray(c + 46, c + 46 + n).toString("latin1") === name) out.writeUInt32LE(crc, c + 16);
        c += 46 + n;
      }
      return out;
    }
    at = start + size;
  }
}

async function openPackages(page, paths) {
  await page.getByTestId("open-packages").setInputFiles(paths);
  await expect(page.getByTestId("package-row")).toHaveCount(paths.length, { timeout: 30_000 });
  await expect(page.getByTestId("open-progress")).toHaveCount(0);
}

const row = (page, n) => page.locator(`[data-testid=package-row][data-number="${n}"]`);

test("three valid and three tampered packages at once: each verdict and reason; the table exports to XLSX and CSV", async ({ page }) => {
  const errors = watchErrors(page);
  const csp = watchCsp(page);
  await page.goto("/review/");
  const files = [
    "ok_minimal.zip",
    "ok_attachments.zip",
    "ok_industry_route.zip",
    "fail_tampered_attachment.zip",
    "fail_tampered_form.zip",
    "fail_bad_signature.zip",
  ];
  await openPackages(page, files.map(vector));

  for (const n of [1, 2, 3]) {
    await expect(row(page, n).getByTestId("status")).toHaveText("有效");
    await expect(row(page, n).getByTestId("reason")).toHaveCount(0);
  }
  for (const n of [4, 5, 6]) await expect(row(page, n).getByTestId("status")).toHaveText("无效");
  await expect(row(page, 4).getByTestId("reason")).toContainText("attachments/");
  await expect(row(page, 5).getByTestId("reason")).toContainText("form.json");
  await expect(row(page, 6).getByTestId("reason")).toContainText("签名验证失败");
  await expect(row(page, 1)).toContainText("常州市某某服务有限公司");

  // Valid packages count against the quotas, a file opened twice once.
  const quota = page.getByTestId("quota-table").locator("tr", { hasText: "企(事)业" });
  await expect(quota.locator("td").nth(2)).toHaveText("3");
  await expect(quota.locator("td").nth(3)).toContainText("20");

  // Filtering and sorting, as the table shows them.
  await page.getByTestId("filter-status").selectOption("invalid");
  await expect(page.getByTestId("package-row")).toHaveCount(3);
  await page.getByTestId("filter-status").selectOption("");
  await page.getByRole("button", { name: "核验结果" }).click();
  await expect(page.getByTestId("package-row").first()).toHaveAttribute("data-status", "valid");
  await page.getByRole("button", { name: "序号" }).click();
  await expect(page.getByTestId("package-row").first()).toHaveAttribute("data-number", "1");

  // Details of a tampered package name the file.
  await row(page, 4).getByTestId("open-detail").click();
  const detail = page.getByTestId("package-detail");
  await expect(detail.getByTestId("detail-status")).toHaveText("无效");
  await expect(detail.locator("tr.bad")).toHaveCount(1);
  // Keyboard: focus lands on the details; Escape closes them and returns
  // focus to the row's button.
  await expect(page.locator("#detail-title")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(detail).toHaveCount(0);
  await expect(row(page, 4).getByTestId("open-detail")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(detail.getByTestId("detail-status")).toHaveText("无效");
  // A valid one shows its form, read-only, and the digest the paper shows.
  await row(page, 2).getByTestId("open-detail").click();
  await expect(detail.getByTestId("form-view")).toContainText("江苏省文明单位");
  // The codes of the printed form's foot: fingerprint, digest and the QR
  // code of both, computed here from the package's own bytes.
  const files2 = unzipSync(new Uint8Array(readFileSync(vector("ok_attachments.zip"))));
  const formSha = createHash("sha256").update(files2["form.json"]).digest("hex").toUpperCase();
  const manifest = JSON.parse(Buffer.from(files2["manifest.json"]).toString("utf8"));
  const fingerprint = createHash("sha256")
    .update(Buffer.from(manifest.signer.public_key, "hex"))
    .digest("hex")
    .slice(0, 32)
    .toUpperCase();
  const codes = detail.getByTestId("print-codes");
  await expect(codes).toContainText(formSha.slice(0, 32).replace(/(.{4})(?!$)/g, "$1 "));
  await expect(codes).toContainText(fingerprint.replace(/(.{4})(?!$)/g, "$1 "));
  expect(await decodeQr(page, codes.locator("svg.qr"))).toBe(`SHENBAO:1:${fingerprint}:${formSha}`);
  await expect(detail.getByTestId("revalidation")).toBeVisible();

  // XLSX, read by an independent implementation (Python's openpyxl).
  const shown = await page.getByTestId("package-row").evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll("td")].slice(0, 7).map((td) => td.querySelector("[data-testid=status]")?.textContent ?? td.textContent)),
  );
  const xlsxDownload = page.waitForEvent("download");
  await page.getByTestId("export-xlsx").click();
  const xlsx = test.info().outputPath("table.xlsx");
  await (await xlsxDownload).saveAs(xlsx);
  const read = JSON.parse(
    // Debian's Python with python3-openpyxl (scripts/setup.sh installs it).
    execFileSync(process.env.PYTHON ?? "/usr/bin/python3", [
      "-c",
      "import json,sys,openpyxl\n" +
        "ws=openpyxl.load_workbook(sys.argv[1]).active\n" +
        "print(json.dumps([[c if c is not None else '' for c in r] for r in ws.iter_rows(values_only=True)],ensure_ascii=False))",
      xlsx,
    ]).toString(),
  );
  expect(read[0].slice(0, 3)).toEqual(["序号", "文件名", "核验结果"]);
  expect(read.length).toBe(1 + files.length);
  for (const [i, cells] of shown.entries()) {
    const [number, name, status, category, route, applicant, score] = cells.map((c) => c.trim());
    const line = read[i + 1];
    expect(String(line[0])).toBe(number);
    expect(line[1]).toBe(name);
    expect(line[2]).toBe(status);
    expect(line[5]).toBe(category);
    expect(line[6]).toBe(route);
    expect(line[7]).toBe(applicant);
    expect(String(line[8])).toBe(score);
  }

  // CSV with a byte-order mark, one line per package.
  const csvDownload = page.waitForEvent("download");
  await page.getByTestId("export-csv").click();
  const csvPath = test.info().outputPath("table.csv");
  await (await csvDownload).saveAs(csvPath);
  const csv = readFileSync(csvPath);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.subarray(3).toString("utf8").trimEnd().split("\r\n");
  expect(lines.length).toBe(1 + files.length);
  expect(lines[1]).toContain("常州市某某服务有限公司");

  // The table survives a reload; reading a package needs its file again,
  // and opening it again brings it back to its own row.
  await page.reload();
  await expect(page.getByTestId("package-row")).toHaveCount(files.length);
  await expect(row(page, 5).getByTestId("status")).toHaveText("无效");
  await row(page, 2).getByTestId("open-detail").click();
  await expect(page.getByTestId("detail-problem")).toContainText("再次打开");
  await page.getByTestId("open-packages").setInputFiles([vector("ok_attachments.zip")]);
  await expect(page.getByTestId("open-progress")).toHaveCount(0);
  await expect(page.getByTestId("package-row")).toHaveCount(files.length);
  await expect(page.getByTestId("package-detail").getByTestId("form-view")).toContainText("江苏省文明单位");

  expect(csp).toEqual([]);
  expect(errors).toEqual([]);
});

test("a forwarding package verifies as a chain; a changed package or opinion breaks the link it belongs to", async ({ page }) => {
  const errors = watchErrors(page);
  const csp = watchCsp(page);
  await page.goto("/review/");
  await openPackages(page, [vector("ok_attachments.zip")]);
  await row(page, 1).getByTestId("open-detail").click();
  const form = page.getByTestId("forward-form");
  await form.getByTestId("forward-organisation").fill("常州市质量协会");
  await form.getByTestId("forward-reviewer").fill("王审核");
  await form.getByTestId("forward-text").fill("经审核，该单位创建活动扎实，材料齐全，同意推荐。");
  const downloading = page.waitForEvent("download");
  await form.getByTestId("forward-build").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("ok_attachments_推荐转发.zip");
  const forwarded = test.info().outputPath("forwarded.zip");
  await download.saveAs(forwarded);
  await expect(form.getByTestId("forward-done")).toContainText("指纹");
  const bytes = readFileSync(forwarded);
  // The applicant's package is inside, byte for byte.
  expect(bytes.includes(readFileSync(vector("ok_attachments.zip")))).toBe(true);

  // The province: intact, inner package changed, opinion changed.
  const innerChanged = patchStored(bytes, "package.zip", (data) => {
    const at = data.indexOf(Buffer.from("attachments/summary/01.pdf")) + 40;
    data[at] ^= 0x01;
  });
  const opinionChanged = patchStored(bytes, "forward.json", (data) => {
    const text = data.toString("utf8");
    const changed = Buffer.from(text.replace("同意推荐", "不予推荐"), "utf8");
    expect(changed.length).toBe(data.length);
    changed.copy(data);
  });
  const p2 = test.info().outputPath("inner-changed.zip");
  const p3 = test.info().outputPath("opinion-changed.zip");
  writeFileSync(p2, innerChanged);
  writeFileSync(p3, opinionChanged);

  await page.goto("/review/");
  // The table remembers the package opened above; start a clean one (the
  // clearing can be undone).
  await expect(page.getByTestId("package-row")).toHaveCount(1);
  await page.getByRole("button", { name: "清空列表" }).click();
  await expect(page.getByTestId("package-row")).toHaveCount(0);
  await page.getByRole("button", { name: "撤销" }).click();
  await expect(page.getByTestId("package-row")).toHaveCount(1);
  await page.getByRole("button", { name: "清空列表" }).click();
  await openPackages(page, [forwarded, p2, p3]);
  await expect(row(page, 1).getByTestId("status")).toHaveText("有效");
  await expect(row(page, 1)).toContainText("转发包（推荐）");
  await row(page, 1).getByTestId("open-detail").click();
  const detail = page.getByTestId("package-detail");
  await expect(detail.getByTestId("link-applicant")).toHaveAttribute("data-status", "valid");
  await expect(detail.getByTestId("link-recommender")).toHaveAttribute("data-status", "valid");
  await expect(detail.getByTestId("opinion")).toContainText("同意推荐");
  await expect(detail.getByTestId("link-recommender")).toContainText("常州市质量协会");

  await expect(row(page, 2).getByTestId("status")).toHaveText("无效");
  await row(page, 2).getByTestId("open-detail").click();
  await expect(detail.getByTestId("link-recommender")).toHaveAttribute("data-status", "invalid");
  await expect(detail.getByTestId("link-recommender")).toContainText("package.zip");
  await expect(detail.getByTestId("link-applicant")).toHaveAttribute("data-status", "invalid");

  await expect(row(page, 3).getByTestId("status")).toHaveText("无效");
  await row(page, 3).getByTestId("open-detail").click();
  await expect(detail.getByTestId("link-recommender")).toHaveAttribute("data-status", "invalid");
  await expect(detail.getByTestId("link-recommender")).toContainText("推荐意见");
  await expect(detail.getByTestId("link-applicant")).toHaveAttribute("data-status", "valid");

  expect(csp).toEqual([]);
  expect(errors).toEqual([]);
});

test("SVG and HTML attachments with scripts, and markup in applicant text, never run", async ({ page }) => {
  const errors = watchErrors(page);
  const csp = watchCsp(page);
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto("/review/");
  const origin = new URL(page.url()).origin;
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const navigations = [];
  page.on("framenavigated", (f) => navigations.push(f.url()));

  await openPackages(page, [vector("ok_script_attachments.zip")]);
  await expect(row(page, 1).getByTestId("status")).toHaveText("有效");
  // The applicant's markup is text in the table and in the form.
  await expect(row(page, 1)).toContainText("<img src=x onerror=alert(1)>某某公司");
  await row(page, 1).getByTestId("open-detail").click();
  const detail = page.getByTestId("package-detail");
  await expect(detail.getByTestId("form-view")).toContainText("<img src=x onerror=alert(1)>");
  await expect(detail.getByTestId("form-view").locator("img")).toHaveCount(0);

  for (const name of ["活动总结.svg", "报道.html"]) {
    const entry = detail.locator("tr", { hasText: name });
    const path = await entry.getAttribute("data-path");
    await entry.getByTestId("preview-entry").click();
    await expect(detail.getByTestId("preview")).toHaveAttribute("data-path", path);
    await expect(detail.getByTestId("preview-note")).toContainText("只有图片可直接预览");
    await expect(detail.getByTestId("preview").locator("img, iframe, object, embed")).toHaveCount(0);
    const downloading = page.waitForEvent("download");
    await entry.getByTestId("download-entry").click();
    const saved = await downloading;
    expect(saved.suggestedFilename()).toBe(name);
  }
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(navigations).toEqual([]);
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:"))).toEqual([]);
  expect(requests.some((u) => u.includes("evil.example"))).toBe(false);
  expect(csp).toEqual([]);
  expect(errors).toEqual([]);
});
