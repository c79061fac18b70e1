// Filling forms as a new applicant would: empty required fields, bad
// formats with their specific messages, the summary, and reaching zero.
import { test, expect } from "@playwright/test";
import { campaign, errorCount, formFields, newDraft, type, validValue, watchErrors } from "../support/app.mjs";

test("表1: required, postcode and credit-code errors are explained, fixed, and the form reaches zero errors", async ({ page }) => {
  const errors = watchErrors(page);
  await newDraft(page, "enterprise");
  await expect(page.getByTestId("form-title")).toContainText("表1");

  // Every required field is pending, but nothing shouts before it is visited.
  const required = formFields(campaign(), "form1").filter((f) => f.required && !f.show_when);
  expect(await errorCount(page)).toBe(required.length);
  await expect(page.locator(".field .message-error")).toHaveCount(0);

  // Leaving 单位名称 empty shows its message under it.
  await page.getByLabel("单位名称").focus();
  await page.getByLabel("单位名称").blur();
  await expect(page.locator('[data-field="unit_name"] .message-error')).toHaveText(/请填写「单位名称」/);
  await expect(page.getByLabel("单位名称")).toHaveAttribute("aria-invalid", "true");

  // A four-digit postcode and a credit code with a wrong check character.
  await type(page, "postcode", "2130");
  await expect(page.locator('[data-field="postcode"] .message-error')).toContainText("应为 6 位数字，实际为 4 位");
  await type(page, "unit_code", "914403001922038217");
  await expect(page.locator('[data-field="unit_code"] .message-error')).toContainText("第 18 位校验码应为 6，实际为 7");

  // The summary lists them; a click takes the user to the field.
  const summary = page.getByTestId("field-findings");
  await summary.getByRole("button", { name: /统一社会信用代码第 18 位/ }).click();
  await expect(page.locator("#f-unit_code")).toBeFocused();

  // Fix the two, then fill every other required field.
  await type(page, "postcode", "213022");
  await type(page, "unit_code", "914403001922038216");
  await expect(page.locator('[data-field="postcode"] .message-error')).toHaveCount(0);
  for (const f of required) {
    if (f.type === "table" || f.id === "postcode" || f.id === "unit_code") continue;
    await type(page, f.id, validValue(f));
  }
  await expect(page.getByTestId("field-error-count")).toHaveText("0");
  await expect(page.getByTestId("form-clean")).toBeVisible();
  // The materials are another matter: the summary still says what is missing.
  await expect(page.getByTestId("material-error-count")).not.toHaveText("0");
  expect(errors).toEqual([]);
});

test("表4: a 身份证号码 with a wrong check character, then one that disagrees with 出生年月", async ({ page }) => {
  const errors = watchErrors(page);
  await newDraft(page, "individual");
  await expect(page.getByTestId("form-title")).toContainText("表4");
  const required = formFields(campaign(), "form4").filter((f) => f.required && !f.show_when);
  for (const f of required) await type(page, f.id, validValue(f));
  await expect(page.getByTestId("field-error-count")).toHaveText("0");

  await type(page, "id_card", "110105194912310021");
  const idMessage = page.locator('[data-field="id_card"] .message-error');
  await expect(idMessage).toContainText("第 18 位校验码应为 X，实际为 1");
  await expect(page.getByTestId("field-error-count")).toHaveText("1");

  await type(page, "id_card", "11010519491231002X");
  await expect(idMessage).toHaveCount(0);
  await type(page, "birth", "1950-01");
  await expect(idMessage).toContainText("1949年12月");
  await type(page, "birth", "1949-12");
  await expect(page.getByTestId("field-error-count")).toHaveText("0");
  expect(errors).toEqual([]);
});

test("long text counts characters live and flags going over the limit", async ({ page }) => {
  await newDraft(page, "individual");
  const deeds = page.locator("#f-deeds");
  await deeds.fill("事".repeat(1500));
  await expect(page.locator("#f-deeds-count")).toHaveText("1500 / 1500 字");
  await deeds.fill("事".repeat(1501));
  await expect(page.locator("#f-deeds-count")).toHaveText("1501 / 1500 字");
  await expect(page.locator("#f-deeds-count")).toHaveClass(/over/);
  await deeds.blur();
  await expect(page.locator('[data-field="deeds"] .message-error')).toContainText("请删减 1 字");
});

test("the honours table adds rows, checks cells, and undoes a removal", async ({ page }) => {
  await newDraft(page, "team");
  await page.getByRole("button", { name: "＋ 添加一行" }).click();
  const title = page.getByLabel("获得荣誉第 1 行荣誉名称");
  await expect(page.getByLabel("获得荣誉第 1 行年份")).toBeFocused();
  await page.keyboard.type("2010");
  await title.fill("江苏省巾帼文明岗");
  await title.blur();
  // A listed honour needs its certificate attached.
  await expect(page.getByTestId("material-findings")).toContainText("相关荣誉证书复印件");
  await page.getByLabel("获得荣誉第 1 行授予单位").focus();
  await page.getByLabel("获得荣誉第 1 行授予单位").blur();
  await expect(page.getByTestId("field-findings")).toContainText("第 1 行请填写「授予单位」");

  await page.getByRole("button", { name: "删除获得荣誉第 1 行" }).click();
  await expect(title).toHaveCount(0);
  await page.getByRole("button", { name: "撤销" }).click();
  await expect(page.getByLabel("获得荣誉第 1 行荣誉名称")).toHaveValue("江苏省巾帼文明岗");
});

test("every input has a label and the form works from the keyboard", async ({ page }) => {
  await newDraft(page, "manager");
  const unlabelled = await page.locator(".editor-form input, .editor-form select, .editor-form textarea").evaluateAll((els) =>
    els.filter((el) => !el.labels?.length && !el.getAttribute("aria-label")).map((el) => el.id),
  );
  expect(unlabelled).toEqual([]);
  // Tab from the first field to the second, typing as we go.
  await page.locator("#f-route").focus();
  await page.keyboard.press("Tab");
  await expect(page.locator("#f-fill_date")).toBeFocused();
});
