// Helpers for the printing and offline specs: values that fill a whole form
// with long texts, PDF text by page, and reading the QR code a page shows.
import { expect } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import jsQR from "jsqr";
import { campaign, formFields, type, validValue } from "./app.mjs";

// Common characters, enough that a value's text does not repeat elsewhere.
const POOL =
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

/** Deterministic text of `length` characters from the pool, from `seed`. */
export function chineseText(length, seed) {
  let x = (seed * 2654435761) >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += POOL[(x >>> 8) % POOL.length];
  }
  return out;
}

/** Long text of about `chars` characters in paragraphs of 180 to 300. */
export function longText(chars, seed) {
  const paragraphs = [];
  let left = chars;
  let i = 0;
  while (left > 0) {
    const n = Math.min(left, 180 + ((seed * 31 + i * 57) % 121));
    paragraphs.push(chineseText(n, seed * 100 + i));
    left -= n + 1; // the line break counts too
    i += 1;
  }
  return paragraphs.join("\n");
}

/**
 * Fills every field of a form that shows without conditions: long texts to
 * their limit, other texts to theirs, formatted fields with valid values.
 * Returns what each field should print as: [{ id, text }].
 */
export async function fillWholeForm(page, formId, seed) {
  const c = campaign();
  const printed = [];
  let n = 0;
  for (const f of formFields(c, formId)) {
    if (f.show_when || f.type === "table") continue;
    n += 1;
    let value;
    if (f.type === "long_text") value = longText(f.max_chars, seed * 1000 + n);
    else if (f.type === "text" && !f.format) value = chineseText(f.max_chars ?? 20, seed * 1000 + n);
    else value = validValue(f);
    await type(page, f.id, value);
    const text = f.type === "route" ? c.routes.find((r) => r.id === value).name : value;
    printed.push({ id: f.id, type: f.type, text });
  }
  return printed;
}

/** The text of every page of a PDF, whitespace removed. */
export async function pdfPages(bytes) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((t) => t.replace(/\s+/g, ""));
}

/** Decodes the QR code drawn by an SVG element of the page. */
export async function decodeQr(page, locator) {
  const svg = await locator.evaluate((el) => el.outerHTML);
  const blank = await page.context().newPage();
  try {
    const { width, height, data } = await blank.evaluate(async (markup) => {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
      await img.decode();
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 400;
      const g = canvas.getContext("2d");
      g.imageSmoothingEnabled = false;
      g.drawImage(img, 0, 0, 400, 400);
      return { width: 400, height: 400, data: [...g.getImageData(0, 0, 400, 400).data] };
    }, svg);
    const code = jsQR(Uint8ClampedArray.from(data), width, height);
    expect(code, "the QR code decodes").not.toBeNull();
    return code.data;
  } finally {
    await blank.close();
  }
}

/** This browser's signing key fingerprint, from its storage. */
export async function storedFingerprint(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem("shenbao.v1.signing-key")).fingerprint);
}
