/**
 * Saves a blob as a file through a blob: URL (no server round trip, nothing inline for the CSP to block). In the
 * desktop app the same anchor download reaches Electron's will-download, which asks where to save it.
 */
function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export const downloadText = (fileName: string, text: string, type = "text/csv") =>
  downloadBlob(fileName, new Blob([text], { type }));

/** A file the API returned as base64 (an export's zip). */
export const downloadBase64 = (fileName: string, base64: string, type = "application/zip") =>
  downloadBlob(fileName, new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type }));
