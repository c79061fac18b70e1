// The app shell: it loads, speaks Chinese, and moves between its screens.
import { test, expect } from "@playwright/test";

test("navigates between 首页, 填写 and 审阅", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));

  await page.goto("/");
  await expect(page.getByTestId("screen-home")).toBeVisible();
  await expect(page).toHaveTitle(/申报/);

  const nav = page.getByRole("navigation", { name: "主导航" });
  await nav.getByRole("link", { name: "填写" }).click();
  await expect(page.getByTestId("screen-fill")).toBeVisible();
  await expect(page).toHaveURL(/\/fill\/$/);
  await expect(nav.getByRole("link", { name: "填写" })).toHaveAttribute("aria-current", "page");

  await nav.getByRole("link", { name: "审阅" }).click();
  await expect(page.getByTestId("screen-review")).toBeVisible();
  await expect(nav.getByRole("link", { name: "审阅" })).toHaveAttribute("aria-current", "page");

  await nav.getByRole("link", { name: "首页" }).click();
  await expect(page.getByTestId("screen-home")).toBeVisible();
  expect(errors).toEqual([]);
});

test("a deep link opens its screen on reload", async ({ page }) => {
  await page.goto("/review/");
  await expect(page.getByTestId("screen-review")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("screen-review")).toBeVisible();
});

test("an unknown address says so in Chinese", async ({ page }) => {
  await page.goto("/no-such-page");
  await expect(page.getByTestId("screen-not-found")).toContainText("找不到这个页面");
});
