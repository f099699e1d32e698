/**
 * The one Content-Security-Policy of every page MailFlow serves: the server's responses (apps/server, through
 * helmet) and the desktop app's renderer (apps/desktop, on its app:// protocol). No inline script or style, no eval,
 * nothing from another origin, no framing, no plugins.
 */
export const CONTENT_SECURITY_POLICY_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

/** The directives as a header value ("default-src 'self'; script-src 'self'; ..."). */
export function contentSecurityPolicyHeader(extra: readonly string[] = []): string {
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return [
    ...Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES).map(([name, values]) => `${kebab(name)} ${values.join(" ")}`),
    ...extra,
  ].join("; ");
}
