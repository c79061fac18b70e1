// Page helpers shared by the specs: how a user starts a draft and fills
// fields, in terms of what the page shows (roles, labels, test ids).
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";

const campaignPath = new URL("../../../campaigns/jiangsu-2011.json", import.meta.url);

/** The shipped campaign definition, parsed. */
export function campaign() {
  return JSON.parse(readFileSync(campaignPath, "utf8"));
}

/** Fields of a form, in order, from the campaign definition. */
export function formFields(c, formId) {
  const form = c.forms.find((f) => f.id === formId);
  return form.sections.flatMap((id) => c.sections.find((s) => s.id === id).fields);
}

/** Collects uncaught page errors; assert it stays empty. */
export function watchErrors(page) {
  const errors = [];
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

/** From the home screen, start a draft of a category; lands in the editor. */
export async function newDraft(page, category) {
  await page.goto("/");
  await page.getByTestId(`category-${category}`).getByRole("button").click();
  await expect(page.getByTestId("findings")).toBeVisible();
}

/** The input of a field, found by its label as a user (or screen reader) would. */
export function field(page, label) {
  return page.getByLabel(label, { exact: true });
}

/** Types into a field and leaves it, as a user tabbing on would. */
export async function type(page, id, value) {
  const input = page.locator(`#f-${id}`);
  const tag = await input.evaluate((el) => el.tagName);
  if (tag === "SELECT") {
    await input.selectOption(value);
  } else {
    await input.fill(value);
  }
  await input.blur();
}

/** A value that passes the checks of a field, by type and format. */
export function validValue(f) {
  const byId = {
    grumble_rate: "0.5",
    complaint_rate: "0.5",
    valid_complaint_rate: "0.5",
    birth: "1949-12",
    sex: "女",
    annual_clients: "1000",
    sample_size: "150",
    measure_sample: "150",
    original_year: "2008",
    founded: "2001-05",
    team_founded: "2001-05",
  };
  if (f.id in byId) return byId[f.id];
  const byFormat = {
    postcode: "213022",
    phone: "0519-86681391-8003",
    mobile: "13812345678",
    email: "jsaq2007@126.com",
    unit_code: "914403001922038216",
    id_card: "11010519491231002X",
  };
  if (f.format) return byFormat[f.format];
  switch (f.type) {
    case "integer":
    case "decimal":
    case "year":
      return String(f.max ?? (f.min ?? 0) + 10);
    case "year_month":
      return "2005-06";
    case "date":
      return "2011-08-20";
    case "choice":
      return f.options[0];
    case "route":
      return "changzhou";
    default:
      return "江苏省常州市";
  }
}

/** Reads the summary's error count for the form. */
export async function errorCount(page) {
  return Number(await page.getByTestId("field-error-count").textContent());
}
