// An organiser changes the campaign by data alone: an extra field shows up
// in the editor and is validated; a broken file is refused with its place.
import { test, expect } from "@playwright/test";
import { campaign, newDraft, type, watchErrors } from "../support/app.mjs";

async function loadCampaign(page, name, json) {
  await page.goto("/");
  await page.getByText("活动定义（供组织者调整）").click();
  await page.getByTestId("campaign-file").setInputFiles({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(json),
  });
}

test("a campaign file with one extra field shows and validates it, with no code change", async ({ page }) => {
  const errors = watchErrors(page);
  const c = campaign();
  c.title = "2012年江苏省用户满意服务明星创建活动（试用）";
  c.sections
    .find((s) => s.id === "unit")
    .fields.push({ id: "brand_count", label: "自主品牌数", type: "integer", required: true, min: 0, max: 50 });
  await loadCampaign(page, "jiangsu-2012.json", JSON.stringify(c));
  await expect(page.getByTestId("campaign-result")).toContainText("已载入活动定义");
  await expect(page.getByTestId("campaign-title")).toHaveText(c.title);

  await newDraft(page, "enterprise");
  const input = page.getByLabel("自主品牌数");
  await expect(input).toBeVisible();
  await input.focus();
  await input.blur();
  await expect(page.locator('[data-field="brand_count"] .message-error')).toHaveText(/请填写「自主品牌数」/);
  await type(page, "brand_count", "51");
  await expect(page.locator('[data-field="brand_count"] .message-error')).toContainText("0 到 50");
  await type(page, "brand_count", "7");
  await expect(page.locator('[data-field="brand_count"] .message-error')).toHaveCount(0);

  // The choice survives a reload; the organiser can go back to the built-in one.
  await page.goto("/");
  await expect(page.getByTestId("campaign-title")).toHaveText(c.title);
  await page.getByText("活动定义（供组织者调整）").click();
  await page.getByRole("button", { name: "恢复内置定义" }).click();
  await expect(page.getByTestId("campaign-title")).toHaveText("2011年江苏省用户满意服务明星创建活动");
  expect(errors).toEqual([]);
});

test("a broken campaign file is refused with the place named, and the old one stays", async ({ page }) => {
  const c = campaign();
  c.sections[0].fields[0].type = "colour";
  await loadCampaign(page, "broken.json", JSON.stringify(c, null, 2));
  const result = page.getByTestId("campaign-result");
  // The place is named by line and the line's own text.
  await expect(result).toContainText(/第 \d+ 行（"type": "colour"/);
  await expect(result).toContainText("未知的取值");
  await expect(page.getByTestId("campaign-title")).toHaveText("2011年江苏省用户满意服务明星创建活动");

  await loadCampaign(page, "not-json.json", "{ this is not json");
  await expect(page.getByTestId("campaign-result")).toContainText("不是有效的 JSON");
});
