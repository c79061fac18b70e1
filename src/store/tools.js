// Loads the tools module (dist/tools/) on first use and forwards calls to
// it. Imported by the main module; the tools module itself is fetched only
// when one of these functions is first called.
let loading;

function tools() {
  if (!loading) {
    loading = import("/tools/shenbao_tools.js").then(async (m) => {
      await m.default();
      return m;
    });
    // A failed load (offline before it was ever cached) may be retried.
    loading.catch(() => (loading = undefined));
  }
  return loading;
}

export async function backupWrite(draftsJson, ids, files, createdAt, appVersion) {
  return (await tools()).backup_write(draftsJson, ids, files, createdAt, appVersion);
}

export async function backupRead(bytes) {
  return (await tools()).backup_read(bytes);
}

export async function keyInfo(seed) {
  return (await tools()).key_info(seed);
}

export async function packageBuild(campaignJson, draftJson, ids, files, seed, createdAt, today, appVersion) {
  return (await tools()).package_build(campaignJson, draftJson, ids, files, seed, createdAt, today, appVersion);
}

export async function packageInspect(bytes, campaignJson, today) {
  return (await tools()).package_inspect(bytes, campaignJson, today);
}

export async function packageEntry(bytes, path) {
  return (await tools()).package_entry(bytes, path);
}

export async function forwardBuild(bytes, fileName, opinionJson, seed, createdAt, appVersion) {
  return (await tools()).forward_build(bytes, fileName, opinionJson, seed, createdAt, appVersion);
}

export async function tableExport(format, sheetJson) {
  return (await tools()).table_export(format, sheetJson);
}

export async function surveyTable(bytes, name) {
  return (await tools()).survey_table(bytes, name);
}
