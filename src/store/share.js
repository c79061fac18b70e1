// Sharing a file through the system share sheet (navigator.share with
// files), where the browser offers it: mostly phones and tablets.
function file(bytes, name, type) {
  return new File([bytes], name, { type });
}

export function canShareFile(name, type) {
  try {
    return !!navigator.canShare && navigator.canShare({ files: [file(new Uint8Array(1), name, type)] });
  } catch {
    return false;
  }
}

export async function shareFile(bytes, name, type, title, text) {
  await navigator.share({ files: [file(bytes, name, type)], title, text });
}
