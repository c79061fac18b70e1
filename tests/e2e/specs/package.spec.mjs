// The signed package: built from a complete draft, checked by an
// independent ZIP reader and Ed25519 implementation following only
// docs/package-format.md, then opened in the reviewer — intact, and with
// one byte changed.
import { test, expect } from "@playwright/test";
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { attach, campaign, fileBytes, formFields, newDraft, type, validValue, watchErrors } from "../support/app.mjs";

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** Verifies a package as a third party would, from the format document. */
function verifyIndependently(bytes) {
  const files = unzipSync(new Uint8Array(bytes));
  const text = (name) => Buffer.from(files[name]).toString("utf8");
  expect(text("mimetype")).toBe("application/vnd.shenbao.package+zip;version=1");
  const manifestBytes = Buffer.from(files["manifest.json"]);
  const manifest = JSON.parse(manifestBytes.toString("utf8"));
  // Every file listed is there with its size and SHA-256; nothing else is.
  const listed = manifest.entries.map((e) => e.path).sort();
  const present = Object.keys(files)
    .filter((p) => !["mimetype", "manifest.json", "manifest.sig"].includes(p))
    .sort();
  expect(present).toEqual(listed);
  for (const e of manifest.entries) {
    expect(files[e.path].length).toBe(e.size);
    expect(sha256(files[e.path])).toBe(e.sha256);
  }
  // manifest.sig, line 2: base64("Ed" || key id || signature).
  const lines = text("manifest.sig").split("\n");
  const sig = Buffer.from(lines[1], "base64");
  expect(sig.subarray(0, 2).toString("latin1")).toBe("Ed");
  expect(sig.subarray(2, 10).toString("hex")).toBe(manifest.signer.key_id);
  const raw = Buffer.from(manifest.signer.public_key, "hex");
  expect(sha256(raw).slice(0, 16)).toBe(manifest.signer.key_id);
  const key = createPublicKey({
    key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]),
    format: "der",
    type: "spki",
  });
  return { manifest, signatureOk: verify(null, manifestBytes, key, sig.subarray(10)) };
}

test("a complete 表1 builds a package that verifies independently and in the reviewer; one changed byte is caught", async ({ page }) => {
  const errors = watchErrors(page);
  // The Content-Security-Policy holds through the whole visit: Chromium
  // reports every violation on the console, across page loads.
  const csp = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
  await newDraft(page, "enterprise");
  for (const f of formFields(campaign(), "form1").filter((f) => f.required && !f.show_when && f.type !== "table")) {
    await type(page, f.id, validValue(f));
  }
  const summary = { name: "创建活动总结.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 200_000, 11) };
  const report = { name: "测评报告.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 90_000, 12) };
  await attach(page, "summary", [summary]);
  await attach(page, "third_party_report", [report]);
  await expect(page.getByTestId("field-error-count")).toHaveText("0");
  await expect(page.getByTestId("material-error-count")).toHaveText("0");

  const downloading = page.waitForEvent("download");
  await page.getByTestId("build-package").click();
  const download = await downloading;
  const name = download.suggestedFilename();
  expect(name).toMatch(/^2011_企\(事\)业_江苏省常州市_\d{8}\.zip$/);
  const path = test.info().outputPath(name);
  await download.saveAs(path);
  const bytes = readFileSync(path);
  await expect(page.getByTestId("package-result")).toContainText(name);
  const shown = (await page.getByTestId("package-sha256").textContent()).replace(/\s/g, "").toLowerCase();
  expect(shown).toBe(sha256(bytes));
  await expect(page.getByTestId("key-fingerprint")).toContainText("本机签名密钥指纹");
  const mailto = await page.getByTestId("mailto").getAttribute("href");
  expect(mailto).toMatch(/^mailto:/);
  expect(decodeURIComponent(mailto)).toContain(name);

  // An independent reader and Ed25519 implementation agree.
  const { manifest, signatureOk } = verifyIndependently(bytes);
  expect(signatureOk).toBe(true);
  expect(manifest.applicant).toBe("江苏省常州市");
  const attachments = manifest.entries.filter((e) => e.slot);
  expect(attachments.map((e) => e.original_name).sort()).toEqual([report.name, summary.name].sort());
  expect(attachments.find((e) => e.original_name === summary.name).sha256).toBe(sha256(summary.buffer));

  // The reviewer: intact, then with one byte of the summary changed.
  const victim = attachments.find((e) => e.original_name === summary.name);
  const tampered = Buffer.from(bytes);
  const at = tampered.indexOf(Buffer.from(victim.path)) + victim.path.length + 1000;
  tampered[at] ^= 0x01;
  const tamperedPath = test.info().outputPath("tampered.zip");
  writeFileSync(tamperedPath, tampered);

  await page.goto("/review/");
  await page.getByTestId("open-packages").setInputFiles([path, tamperedPath]);
  const rows = page.getByTestId("package-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId("status")).toHaveText(/^有效/);
  await expect(rows.nth(1).getByTestId("status")).toHaveText("无效");
  await expect(rows.nth(1).getByTestId("reason")).toContainText(victim.path);
  await rows.nth(1).getByTestId("open-detail").click();
  const detail = page.getByTestId("package-detail");
  await expect(detail.locator(`tr[data-path="${victim.path}"]`)).toHaveClass(/bad/);
  await expect(detail.getByTestId("problems")).toContainText(victim.path);
  expect(csp).toEqual([]);
  expect(errors).toEqual([]);
});

test("the reviewer says what a file that is not a package is", async ({ page }) => {
  await page.goto("/review/");
  await page.getByTestId("open-packages").setInputFiles({ name: "简历.zip", mimeType: "application/zip", buffer: Buffer.from("PK\x03\x04 not really") });
  await expect(page.getByTestId("status")).toHaveText("无法识别");
  await expect(page.getByTestId("reason")).not.toBeEmpty();
});
