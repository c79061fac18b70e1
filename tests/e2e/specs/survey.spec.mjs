// 用户评价调查: a 问卷星 export imported on the survey page, its figures
// checked against a computation made here from the CSV alone, the report
// attached and found in the signed package; and a file with bad rows named
// and refused whole.
import { test, expect } from "@playwright/test";
import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { attach, campaign, fileBytes, formFields, newDraft, type, validValue, watchErrors } from "../support/app.mjs";

const data = (name) => new URL(`../../data/survey/${name}`, import.meta.url).pathname;

/** RFC 4180 CSV: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  text = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// 问卷星's text export names the levels 非常满意 … 非常不满意; the campaign's
// scale is 很满意 100, 满意 80, 一般 60, 不满意 30, 很不满意 0, and 很满意 +
// 满意 count as satisfied. (跳过) and (空) mean no answer.
const LEVELS = {
  非常满意: [100, true],
  很满意: [100, true],
  满意: [80, true],
  一般: [60, false],
  不满意: [30, false],
  非常不满意: [0, false],
  很不满意: [0, false],
};
const SKIPPED = new Set(["", "(跳过)", "(空)"]);

/** The survey's figures, computed from the file alone. */
function expectedFigures(csvPath, itemIds) {
  const [header, ...records] = parseCsv(readFileSync(csvPath, "utf8"));
  const first = header.findIndex((h) => h.includes("服务态度"));
  const cols = itemIds.map((_, k) => first + k);
  const answered = records.filter((r) => cols.some((c) => !SKIPPED.has(r[c].trim())));
  const items = itemIds.map((id, k) => {
    const scores = answered.map((r) => r[cols[k]].trim()).filter((v) => !SKIPPED.has(v)).map((v) => LEVELS[v]);
    const mean = scores.reduce((s, [x]) => s + x, 0) / scores.length;
    const happy = scores.filter(([, ok]) => ok).length;
    return { id, mean, rate: happy / scores.length, count: scores.length, happy };
  });
  const index = items.reduce((s, i) => s + i.mean, 0) / items.length; // weights are all 1
  const rate = items.reduce((s, i) => s + i.happy, 0) / items.reduce((s, i) => s + i.count, 0);
  // Rows with anything in the answer or respondent columns are kept.
  const kept = records.filter((r) => r.slice(first).some((v) => !SKIPPED.has(v.trim()))).length;
  return { n: answered.length, items, index, rate, kept };
}

const num = (text) => Number(text.replace(/[%\s]/g, ""));

/** Fills every required field of a form with a valid value. */
async function fillRequired(page, formId) {
  for (const f of formFields(campaign(), formId).filter((f) => f.required && !f.show_when && f.type !== "table")) {
    await type(page, f.id, validValue(f));
  }
}

test("a 120-row 问卷星 export: the figures match, the report is attached and packaged", async ({ page }) => {
  const errors = watchErrors(page);
  const csp = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
  const c = campaign();
  const itemIds = c.survey.items.map((i) => i.id);
  expect(c.survey.items.every((i) => i.weight === 1)).toBe(true);
  const want = expectedFigures(data("wjx-120.csv"), itemIds);

  await newDraft(page, "team");
  await fillRequired(page, "form3");
  await page.getByTestId("open-survey").click();
  await expect(page.getByTestId("screen-survey")).toBeVisible();
  await expect(page.getByTestId("stat-n")).toHaveText("0");

  // Import: pick, check the guessed mapping, preview, confirm.
  await page.getByTestId("import-file").setInputFiles(data("wjx-120.csv"));
  await expect(page.getByTestId("import-mapping")).toBeVisible();
  await expect(page.getByTestId("import-summary")).toContainText(`有效答卷 ${want.n} 份`);
  await expect(page.getByTestId("import-problems")).toHaveCount(0);
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("import-done")).toContainText(`${want.n} 份`);

  // The figures shown equal the independent computation (to the shown
  // precision: scores to 0.01, rates to 0.1 %).
  await expect(page.getByTestId("stat-n")).toHaveText(String(want.n));
  for (const item of want.items) {
    const row = page.getByTestId(`item-${item.id}`);
    expect(Math.abs(num(await row.getByTestId("mean").textContent()) - item.mean)).toBeLessThanOrEqual(0.005 + 1e-9);
    expect(Math.abs(num(await row.getByTestId("rate").textContent()) - item.rate * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
  }
  expect(Math.abs(num(await page.getByTestId("stat-index").textContent()) - want.index)).toBeLessThanOrEqual(0.005 + 1e-9);
  expect(Math.abs(num(await page.getByTestId("stat-rate").textContent()) - want.rate * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
  // 1000 service objects (the form's value), 119 surveyed: within 100–200.
  await expect(page.getByTestId("sample-verdict")).toContainText("符合");

  // The grid holds the imported rows, plus the empty row for typing.
  await expect(page.getByTestId("grid-row")).toHaveCount(want.kept + 1);

  // Fill the form's survey fields from the figures: preview, apply.
  await page.getByTestId("fill-preview").click();
  await expect(page.getByTestId("fill-changes")).toContainText("调查样本数");
  await page.getByTestId("fill-apply").click();
  await expect(page.getByTestId("fill-status")).toContainText("已填写");

  // The report, attached to the draft's report slot.
  await page.getByTestId("attach-report").click();
  await expect(page.getByTestId("report-status")).toContainText("已生成并附到申报材料");
  await expect(page.getByTestId("report-attached")).toContainText("用户评价调查分析报告.html");

  // Back on the form: the survey fields carry the figures, the report is
  // in its slot; with the summary attached the package builds.
  await page.getByTestId("back-to-draft").click();
  await expect(page.getByTestId("findings")).toBeVisible();
  await expect(page.locator("#f-sample_size")).toHaveValue(String(want.n));
  await expect(page.locator("#f-satisfaction_rate")).toHaveValue((Math.round(want.rate * 1000) / 10).toFixed(1));
  await expect(page.getByTestId("slot-survey_report").getByTestId("attached-file")).toContainText("用户评价调查分析报告.html");
  await attach(page, "summary", [{ name: "创建活动总结.pdf", mimeType: "application/pdf", buffer: fileBytes("pdf", 50_000, 7) }]);
  await expect(page.getByTestId("field-error-count")).toHaveText("0");
  await expect(page.getByTestId("material-error-count")).toHaveText("0");

  const downloading = page.waitForEvent("download");
  await page.getByTestId("build-package").click();
  const download = await downloading;
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const manifest = JSON.parse(Buffer.from(files["manifest.json"]).toString("utf8"));
  const entry = manifest.entries.find((e) => e.slot === "survey_report");
  expect(entry.original_name).toBe("用户评价调查分析报告.html");
  expect(entry.media_type).toBe("text/html");
  const html = Buffer.from(files[entry.path]).toString("utf8");
  expect(html).toContain("用户评价调查分析报告");
  expect(html).toContain("<svg");
  expect(html).toContain(String(want.n));
  expect(csp).toEqual([]);
  expect(errors).toEqual([]);
});

test("a file with bad rows: each bad cell is named and nothing is imported", async ({ page }) => {
  const errors = watchErrors(page);
  const csp = [];
  page.on("console", (m) => /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
  const file = data("wjx-bad-rows.csv");
  // The bad cells, found here: item answers that are no level name.
  const [header, ...records] = parseCsv(readFileSync(file, "utf8"));
  const first = header.findIndex((h) => h.includes("服务态度"));
  const bad = [];
  records.forEach((r, i) => {
    for (let c = first; c < first + campaign().survey.items.length; c++) {
      const v = r[c].trim();
      if (!SKIPPED.has(v) && !(v in LEVELS)) bad.push({ row: i + 2, value: v });
    }
  });
  expect(bad.length).toBeGreaterThan(0);

  await newDraft(page, "individual");
  await page.getByTestId("open-survey").click();
  await page.getByTestId("import-file").setInputFiles(file);
  const problems = page.getByTestId("import-problems");
  await expect(problems).toBeVisible();
  for (const b of bad) {
    await expect(problems).toContainText(`第 ${b.row} 行`);
    await expect(problems).toContainText(`“${b.value}”`);
  }
  await expect(page.getByTestId("import-confirm")).toBeDisabled();
  await expect(page.getByTestId("stat-n")).toHaveText("0");
  // Nothing was stored either.
  const stored = await page.evaluate(() => {
    const id = new URLSearchParams(location.search).get("d");
    const text = localStorage.getItem(`shenbao.v1.survey.${id}`);
    return text ? JSON.parse(text).responses.rows.length : 0;
  });
  expect(stored).toBe(0);
  expect(csp).toEqual([]);
  expect(errors).toEqual([]);
});

test("typing a row by keyboard and pasting a block; deleting a row can be undone", async ({ page }) => {
  const errors = watchErrors(page);
  await newDraft(page, "team");
  await page.getByTestId("open-survey").click();
  await expect(page.getByTestId("stat-n")).toHaveText("0");
  // Digits pick a level and move on; Enter goes to the next row.
  await page.locator("#g-0-0").click();
  await page.keyboard.type("12121211", { delay: 30 });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("stat-n")).toHaveText("1");
  await expect(page.locator("#g-0-1")).toHaveValue("满意");
  await expect(page.locator("#g-1-0")).toBeFocused();
  // A level name, then a bad entry that is named and not taken.
  await page.keyboard.type("一般");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("stat-n")).toHaveText("2");
  await page.locator("#g-2-0").fill("好极了");
  await page.locator("#g-2-0").press("Enter");
  await expect(page.getByTestId("cell-errors")).toContainText("第 3 行「服务态度」");
  await expect(page.getByTestId("stat-n")).toHaveText("2");
  await page.locator("#g-2-0").fill("");
  await page.locator("#g-2-0").press("Enter");
  // Paste two rows from a spreadsheet into row 3.
  await page.locator("#g-2-0").focus();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData("text/plain", "1\t1\t1\n5\t5\t5\n");
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId("stat-n")).toHaveText("4");
  await expect(page.locator("#g-3-2")).toHaveValue("很不满意");
  // Delete row 1, undo.
  await page.getByRole("button", { name: "删除第 1 行" }).click();
  await expect(page.getByTestId("stat-n")).toHaveText("3");
  await page.getByTestId("survey-undo").getByRole("button", { name: "撤销" }).click();
  await expect(page.getByTestId("stat-n")).toHaveText("4");
  // Saved on each edit: a reload keeps all four.
  await page.reload();
  await expect(page.getByTestId("stat-n")).toHaveText("4");
  expect(errors).toEqual([]);
});

test("the same survey as XLSX gives the same figures", async ({ page }) => {
  const errors = watchErrors(page);
  const want = expectedFigures(data("wjx-120.csv"), campaign().survey.items.map((i) => i.id));
  await newDraft(page, "individual");
  await page.getByTestId("open-survey").click();
  await page.getByTestId("import-file").setInputFiles(data("wjx-120.xlsx"));
  await expect(page.getByTestId("import-summary")).toContainText(`有效答卷 ${want.n} 份`);
  await page.getByTestId("import-confirm").click();
  await expect(page.getByTestId("stat-n")).toHaveText(String(want.n));
  expect(Math.abs(num(await page.getByTestId("stat-index").textContent()) - want.index)).toBeLessThanOrEqual(0.005 + 1e-9);
  expect(errors).toEqual([]);
});

test("the blank questionnaire prints alone, on A4, with the unit's name", async ({ page }) => {
  const errors = watchErrors(page);
  await newDraft(page, "team");
  await type(page, "employer", "常州供电公司");
  await type(page, "team_name", "客服一班");
  await page.getByTestId("open-survey").click();
  const blank = page.getByTestId("blank-questionnaire");
  await expect(blank).toBeHidden();
  await page.emulateMedia({ media: "print" });
  await expect(blank).toBeVisible();
  await expect(page.getByTestId("pq-unit")).toHaveText("常州供电公司");
  for (const item of campaign().survey.items) await expect(blank).toContainText(item.name);
  await expect(page.getByTestId("responses")).toBeHidden();
  await expect(page.locator(".app-header")).toBeHidden();
  expect(errors).toEqual([]);
});
