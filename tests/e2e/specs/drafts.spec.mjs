// Drafts are saved as the user types and listed on the home screen.
import { test, expect } from "@playwright/test";
import { newDraft, type } from "../support/app.mjs";

test("a draft is saved while typing, survives a reload, and is listed at home", async ({ page }) => {
  await newDraft(page, "team");
  await type(page, "team_name", "常州供电公司客服班");
  await expect(page.getByTestId("save-state")).toContainText("已保存");
  await page.reload();
  await expect(page.locator("#f-team_name")).toHaveValue("常州供电公司客服班");

  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "首页" }).click();
  const draft = page.getByTestId("draft").filter({ hasText: "常州供电公司客服班" });
  await expect(draft).toContainText("班组");
  await expect(draft).toContainText("必填项");

  // Delete, then undo: the draft is back, with its content.
  await draft.getByRole("button", { name: /删除草稿/ }).click();
  await expect(page.getByTestId("draft").filter({ hasText: "常州供电公司客服班" })).toHaveCount(0);
  await page.getByRole("button", { name: "撤销" }).click();
  await page.getByRole("link", { name: "常州供电公司客服班" }).click();
  await expect(page.locator("#f-team_name")).toHaveValue("常州供电公司客服班");
});
