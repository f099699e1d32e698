import path from "node:path";
import { contentSecurityPolicyHeader } from "@mailflow/config/csp";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/**
 * The file under `rendererDir` that an app://mailflow/... URL names, or null: unknown hosts, encoded or literal
 * "..", and anything outside the folder are refused. Paths without a file extension get index.html.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "app:" || url.host !== "mailflow") return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0")) return null;
  const relative = path.extname(pathname) ? pathname : "/index.html";
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  return file.startsWith(root + path.sep) ? file : null;
}

/** The headers every app:// response carries: its type, and the same strict CSP the server sends. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    "content-type": contentTypes[path.extname(file)] ?? "application/octet-stream",
    "content-security-policy": contentSecurityPolicyHeader(),
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  };
}
