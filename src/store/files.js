// IndexedDB for attachment bytes: one object store "files" of records
// {id, draft, added, blob}. A thin promise wrapper over the browser API;
// src/store/files.rs is its typed Rust face.
const DB = "shenbao";
const VERSION = 1;
const FILES = "files";

let opening;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(FILES)) {
          req.result.createObjectStore(FILES, { keyPath: "id" });
        }
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab upgrading the database, or the browser clearing site
        // data, closes this connection: open a fresh one next time.
        db.onversionchange = () => {
          db.close();
          opening = undefined;
        };
        db.onclose = () => (opening = undefined);
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new DOMException("数据库被其他标签页占用", "BlockedError"));
    });
    opening.catch(() => (opening = undefined));
  }
  return opening;
}

async function run(mode, work) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(FILES, mode);
    let result;
    work(tx.objectStore(FILES), (value) => (result = value));
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException("事务被中止", "AbortError"));
  });
}

export function putFile(id, draft, added, blob) {
  return run("readwrite", (store) => store.put({ id, draft, added, blob }));
}

export function getFile(id) {
  return run("readonly", (store, done) => {
    const req = store.get(id);
    req.onsuccess = () => done(req.result ? req.result.blob : undefined);
  });
}

export function deleteFiles(ids) {
  return run("readwrite", (store) => ids.forEach((id) => store.delete(id)));
}

export function listFiles() {
  return run("readonly", (store, done) => {
    const req = store.getAll();
    req.onsuccess = () => done(req.result.map((r) => ({ id: r.id, added: r.added ?? 0 })));
  });
}

// One buffer, reused for file after file: reading a batch of packages one at
// a time then leaves no garbage behind (a fresh ArrayBuffer per file waits
// for the garbage collector, hundreds of megabytes of them). The stream is
// read in BYOB mode, which hands the same memory back and forth without
// copying. Only one read at a time may use it.
let reused = new ArrayBuffer(0);

export async function readReused(blob) {
  const size = blob.size;
  let buffer = reused.byteLength >= size ? reused : new ArrayBuffer(size);
  let reader;
  try {
    reader = blob.stream().getReader({ mode: "byob" });
  } catch {
    // A browser without byte streams: the plain way.
    return new Uint8Array(await blob.arrayBuffer());
  }
  let offset = 0;
  try {
    while (offset < size) {
      const want = Math.min(size - offset, 1 << 20);
      const { value, done } = await reader.read(new Uint8Array(buffer, offset, want));
      if (done) break;
      buffer = value.buffer;
      offset += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
  reused = buffer;
  return new Uint8Array(buffer, 0, offset);
}
