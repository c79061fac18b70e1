// Printing the official forms: each of the five, filled to every limit with
// long texts, printed to PDF by Chromium from the print page. The PDF holds
// every value, numbers its pages 第 N 页 共 M 页, and carries the signer's
// key fingerprint and the form data digest on every page; the QR code in
// the footer decodes to both. With PRINT_PDF_DIR=<dir> the PDFs are kept
// there, to look at.
import { test, expect } from "@playwright/test";
import { campaign, newDraft, watchErrors } from "../support/app.mjs";
import { decodeQr, fillWholeForm, pdfPages, storedFingerprint } from "../support/print.mjs";

const forms = campaign().categories.map((c, i) => ({ category: c.id, form: c.form, seed: i + 1 }));

// An A4 page (174 × 263 mm inside the margins, less the footer) holds at
// most about 47 × 42 characters of 10.5 pt text: fewer pages than the text
// needs at that density would mean text was lost or clipped. More than
// twice that (less than about 1,000 characters a page, plus the pages of an
// empty form) would mean rows are not breaking as they should.
const MAX_CHARS_PER_PAGE = 2000;
const MIN_CHARS_PER_PAGE = 1000;

for (const { category, form, seed } of forms) {
  test(`${form}: every value, page numbers and the footer on every page of the PDF`, async ({ page }) => {
    const errors = watchErrors(page);
    const csp = [];
    page.on("console", (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));

    // An empty form first: its page count is the floor for the filled one.
    await newDraft(page, category);
    const emptyId = new URL(page.url()).searchParams.get("d");
    await page.goto(`/print/?d=${emptyId}`);
    await expect(page.getByTestId("print-footer").locator("svg.qr")).toBeVisible();
    const emptyPages = (await pdfPages(await page.pdf({ preferCSSPageSize: true }))).length;

    await newDraft(page, category);
    const printed = await fillWholeForm(page, form, seed);
    const id = new URL(page.url()).searchParams.get("d");
    // The print link of the editor opens this draft's paper form.
    await page.getByTestId("print-link").click();
    await expect(page).toHaveURL(new RegExp(`/print/\\?d=${id}$`));
    const footer = page.getByTestId("print-footer");
    await expect(footer.locator("svg.qr")).toBeVisible();
    const fingerprint = await storedFingerprint(page);
    await expect(footer).toContainText(fingerprint);
    const digest = (await footer.locator(".mono").nth(1).textContent()).trim();
    expect(digest).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);

    // The QR code: the fingerprint and the full SHA-256 that begins with
    // the digest printed beside it.
    const code = await decodeQr(page, footer.locator("svg.qr"));
    const [, fp, sha] = code.match(/^SHENBAO:1:([0-9A-F]{32}):([0-9A-F]{64})$/) ?? [];
    expect(fp).toBe(fingerprint.replace(/ /g, ""));
    expect(sha.startsWith(digest.replace(/ /g, ""))).toBe(true);

    // The app's own styles do not leak into the paper: all its text is
    // black (or the grey of "无"), and the opinion boxes span the sheet.
    await page.emulateMedia({ media: "print" });
    const paper = await page.locator(".paper-form").evaluate((form) => {
      const colors = new Set([...form.querySelectorAll("*")].map((e) => getComputedStyle(e).color));
      const width = form.getBoundingClientRect().width;
      const boxes = [...form.querySelectorAll(".opinion td")].map((td) => td.getBoundingClientRect().width / width);
      return { colors: [...colors].sort(), boxes };
    });
    await page.emulateMedia({ media: null });
    expect(paper.colors.filter((c) => c !== "rgb(0, 0, 0)" && c !== "rgb(68, 68, 68)")).toEqual([]);
    expect(paper.boxes).toHaveLength(3);
    for (const share of paper.boxes) expect(share).toBeGreaterThan(0.8);

    const pdf = await page.pdf({ preferCSSPageSize: true });
    if (process.env.PRINT_PDF_DIR) (await import("node:fs")).writeFileSync(`${process.env.PRINT_PDF_DIR}/${form}.pdf`, pdf);
    const pages = await pdfPages(pdf);
    const total = pages.length;
    const chars = printed.reduce((n, v) => n + v.text.replace(/\s/g, "").length, 0);
    expect(total).toBeGreaterThanOrEqual(Math.max(2, Math.ceil(chars / MAX_CHARS_PER_PAGE)));
    expect(total).toBeLessThanOrEqual(emptyPages + Math.ceil(chars / MIN_CHARS_PER_PAGE));
    expect(total).toBeGreaterThan(emptyPages);

    const fpText = fingerprint.replace(/ /g, "");
    const digestText = digest.replace(/ /g, "");
    const bodies = pages.map((text, i) => {
      // Every page: its number, the fingerprint and the digest.
      expect(text, `page ${i + 1}`).toContain(`第${i + 1}页共${total}页`);
      expect(text, `page ${i + 1}`).toContain(`签名公钥指纹：${fpText}`);
      expect(text, `page ${i + 1}`).toContain(`表单数据摘要（SHA-256）：${digestText}`);
      return text
        .replace(`第${i + 1}页共${total}页`, "")
        .replace(`签名公钥指纹：${fpText}`, "")
        .replace(`表单数据摘要（SHA-256）：${digestText}`, "");
    });
    // Every value entered is in the text, long ones across page breaks.
    const all = bodies.join("");
    for (const { id, text } of printed) {
      const wanted = text.replace(/\s+/g, "");
      expect(all.includes(wanted), `${id} (${wanted.slice(0, 20)}…) is printed`).toBe(true);
    }
    // The title, the table number, and the three opinion boxes.
    const f = campaign().forms.find((x) => x.id === form);
    expect(pages[0]).toContain(f.number);
    expect(pages[0]).toContain(f.title.replace(/\s+/g, ""));
    for (const box of ["申报单位意见", "所在市创建活动办公室推荐意见", "省创建活动领导小组审定意见"]) {
      expect(all).toContain(box);
    }
    expect(all).toContain("（盖章）");
    expect(csp).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test("the print page without a draft, or with an unknown one, says what to do", async ({ page }) => {
  await page.goto("/print/");
  await expect(page.getByTestId("screen-print")).toContainText("请先在");
  await page.goto("/print/?d=nothing-here");
  await expect(page.getByTestId("screen-print")).toContainText("找不到这份草稿");
});
