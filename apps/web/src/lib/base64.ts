/** Bytes as base64, for the import's chunked upload (tRPC carries JSON). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const step = 0x8000; // String.fromCharCode takes a bounded number of arguments
  for (let i = 0; i < bytes.length; i += step) binary += String.fromCharCode(...bytes.subarray(i, i + step));
  return btoa(binary);
}
