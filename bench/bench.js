// The benchmark page: each figure is measured side by side with its floor
// (one WebCrypto SHA-256 pass over the same bytes) and, for building, with
// fflate's zipSync plus WebCrypto SHA-256 of each file, in the same page and
// run. bench/run.mjs drives it through `window.bench`; nothing here runs on
// its own. Served only by scripts/bench.sh, never shipped in dist/.
import initTools, * as tools from "/tools/shenbao_tools.js";
import { zipSync } from "/bench/fflate.js";

const MIB = 1024 * 1024;
const SEED = new Uint8Array(32).fill(0x5e);
const CREATED_AT_MS = 1_316_505_600_000; // 2011-09-20T08:00:00Z
const TODAY = "2011-09-20";
const APP_VERSION = "shenbao bench";

let wasm;
let campaignJson;
let draft;
let files = []; // { id, slot, name, media_type, data: Uint8Array }
let lastPackage;

/** A deterministic, incompressible byte stream (xorshift32). */
function noise(out, seed) {
  let x = seed >>> 0 || 1;
  const words = new Uint32Array(out.buffer, out.byteOffset, out.length >>> 2);
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x;
  }
  for (let i = words.length * 4; i < out.length; i++) out[i] = i & 0xff;
}

const ascii = (s) => new TextEncoder().encode(s);

/** A JPEG-like file: the JFIF header, entropy-coded noise, the end marker. */
function jpegLike(size, seed) {
  const out = new Uint8Array(size);
  noise(out, seed);
  out.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  out.set([0xff, 0xd9], size - 2);
  return out;
}

/** A PDF-like file: text objects around deflated-looking (noise) streams. */
function pdfLike(size, seed) {
  const out = new Uint8Array(size);
  noise(out, seed);
  out.set(ascii("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"));
  // Every 64 KiB an object header in plain text, as a scanned PDF has
  // between its image streams.
  for (let at = 4096, n = 1; at + 200 < size; at += 64 * 1024, n++) {
    out.set(ascii(`endstream\nendobj\n${n} 0 obj\n<< /Type /XObject /Subtype /Image /Width 2480 /Height 3508 /Filter /DCTDecode /Length 65400 >>\nstream\n`), at);
  }
  out.set(ascii("\n%%EOF\n"), size - 7);
  return out;
}

/** The attachments of the build benchmark: `weights` in MiB, a dozen files. */
function makeFiles(weights) {
  // Slots of 表1 (enterprise) that take PDF and JPEG.
  const pdfSlots = ["summary", "third_party_report", "media"];
  const jpgSlots = ["stamped_form", "media"];
  return weights.map((w, i) => {
    const pdf = i % 2 === 0;
    const slot = pdf ? pdfSlots[(i / 2) % pdfSlots.length] : jpgSlots[((i - 1) / 2) % jpgSlots.length];
    const size = Math.round(w * MIB);
    return {
      id: `f${i + 1}`,
      slot,
      name: `附件${i + 1}.${pdf ? "pdf" : "jpg"}`,
      media_type: pdf ? "application/pdf" : "image/jpeg",
      data: pdf ? pdfLike(size, 1000 + i) : jpegLike(size, 2000 + i),
    };
  });
}

function draftJson() {
  return JSON.stringify({
    ...draft,
    attachments: files.map(({ id, slot, name, media_type, data }) => ({ id, slot, name, size: data.length, media_type })),
  });
}

async function digest(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

const now = () => performance.now();

/** Loads the tools module and makes the files. `weights`: sizes in MiB. */
async function setup(campaign, baseDraft, weights) {
  wasm = await initTools();
  campaignJson = campaign;
  draft = baseDraft;
  files = makeFiles(weights);
  return { files: files.length, bytes: files.reduce((n, f) => n + f.data.length, 0) };
}

/** One round of (1): the floor, the package, fflate + WebCrypto. */
async function build() {
  let t = now();
  for (const f of files) await digest(f.data);
  const floor = now() - t;

  const ids = files.map((f) => f.id);
  const datas = files.map((f) => f.data);
  const json = draftJson();
  t = now();
  const out = await tools.package_build(campaignJson, json, ids, datas, SEED, CREATED_AT_MS, TODAY, APP_VERSION);
  const ours = now() - t;
  lastPackage = out.bytes;

  t = now();
  const entries = {};
  for (const f of files) entries[`attachments/${f.slot}/${f.id}.${f.name.split(".").pop()}`] = [f.data, { level: 0 }];
  const zipped = zipSync(entries);
  for (const f of files) await digest(f.data);
  const fflate = now() - t;

  return { floor, ours, fflate, package_bytes: out.bytes.length, fflate_bytes: zipped.length };
}

/** One round of (2): verifying the last package built, and its floor. */
async function verify() {
  let t = now();
  await digest(lastPackage);
  const floor = now() - t;
  t = now();
  const report = JSON.parse(await tools.package_verify(lastPackage));
  const ours = now() - t;
  if (report.status !== "valid" && report.status !== "valid_with_warnings") {
    throw new Error(`the package did not verify: ${report.status} ${JSON.stringify(report.problems)}`);
  }
  return { floor, ours, status: report.status };
}

/**
 * One round of (3) without the page: every file picked in #packages read
 * and hashed (the floor), then read and verified by the tools module.
 */
async function reviewLoop() {
  const picked = [...document.getElementById("packages").files];
  let t = now();
  for (const f of picked) await digest(await f.arrayBuffer());
  const floor = now() - t;
  t = now();
  let valid = 0;
  for (const f of picked) {
    const report = JSON.parse(await tools.package_verify(new Uint8Array(await f.arrayBuffer())));
    if (report.status === "valid" || report.status === "valid_with_warnings") valid++;
  }
  const ours = now() - t;
  return { floor, ours, count: picked.length, valid, bytes: picked.reduce((n, f) => n + f.size, 0) };
}

/** (3), the floor alone, for the side-by-side figure of the review page. */
async function reviewFloor() {
  const picked = [...document.getElementById("packages").files];
  const t = now();
  for (const f of picked) await digest(await f.arrayBuffer());
  return now() - t;
}

/** The tools module's WebAssembly memory, in bytes. */
function wasmMemory() {
  return wasm.memory.buffer.byteLength;
}

window.bench = { setup, build, verify, reviewLoop, reviewFloor, wasmMemory };
document.getElementById("state").textContent = "ready";
