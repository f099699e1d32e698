/**
 * Saves text as a file through a blob: URL (no server round trip, nothing inline for the CSP to block). In the
 * desktop app the same anchor download reaches Electron's will-download, which asks where to save it.
 */
export function downloadText(fileName: string, text: string, type = "text/csv"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
