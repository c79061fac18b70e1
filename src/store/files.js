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
