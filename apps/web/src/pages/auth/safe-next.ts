/**
 * Only a path on this site may be the `next` target after log-in: never another origin (an open redirect).
 * "//host" and "/\host" are protocol-relative to browsers, so they are refused too.
 */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}
