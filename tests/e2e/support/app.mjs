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

/** SHA-256 of bytes, hex. */
export async function sha256(bytes) {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(bytes).digest("hex");
}

/** Deterministic test bytes: a real file signature followed by filler. */
export function fileBytes(kind, size, seed = 1) {
  const heads = {
    pdf: Buffer.from("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "latin1"),
    jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  };
  const out = Buffer.alloc(size);
  heads[kind].copy(out);
  let x = seed * 2654435761;
  for (let i = heads[kind].length; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Attaches files to a material slot through its file picker. */
export async function attach(page, slot, files) {
  await page.getByTestId(`slot-${slot}`).locator('input[type="file"]').first().setInputFiles(files);
}

/**
 * What the browser holds for the open draft: each attachment's name and the
 * SHA-256 of its bytes as stored in IndexedDB.
 */
export async function storedAttachments(page) {
  return page.evaluate(async () => {
    const id = new URLSearchParams(location.search).get("d");
    const saved = JSON.parse(localStorage.getItem(`shenbao.v1.draft.${id}`));
    const db = await new Promise((ok, err) => {
      const r = indexedDB.open("shenbao");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => err(r.error);
    });
    const get = (key) =>
      new Promise((ok, err) => {
        const r = db.transaction("files").objectStore("files").get(key);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => err(r.error);
      });
    const out = [];
    for (const a of saved.draft.attachments) {
      const record = await get(a.id);
      let sha = null;
      if (record) {
        const digest = await crypto.subtle.digest("SHA-256", await record.blob.arrayBuffer());
        sha = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
      }
      out.push({ name: a.name, slot: a.slot, sha256: sha });
    }
    db.close();
    return out.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  });
}
