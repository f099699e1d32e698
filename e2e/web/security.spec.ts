import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, expectNoPageProblems, signUp, test } from "../fixtures/browser.ts";
import { BASE_URL } from "../fixtures/env.ts";

/**
 * The dashboard's security promises, checked in the browser: the strict CSP and HSTS on every HTML response with
 * no violation in the console, and no state change from another origin without the CSRF token.
 */
const pages = [
  "/login",
  "/signup",
  "/trust",
  "/no-such-page",
  "campaigns",
  "replies",
  "leads",
  "leads/import",
  "inboxes",
  "inboxes/connect",
  "suppression",
  "webhooks",
  "audit",
  "privacy",
  "settings",
  "account",
];

test("every page is served with the strict CSP and HSTS, and none violates it", async ({ page, problems }) => {
  const workspaceId = await signUp(page, { name: "Csp Checker", email: `csp-${Date.now()}@example.org` });
  for (const path of pages) {
    const response = await page.goto(path.startsWith("/") ? path : `/w/${workspaceId}/${path}`);
    expect(response, path).not.toBeNull();
    const headers = response!.headers();
    expect(headers["content-type"], path).toMatch(/^text\/html/);
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("default-src 'self'");
    expect(csp, path).toContain("script-src 'self'");
    expect(csp, path).toContain("style-src 'self'");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toContain("unsafe-inline");
    expect(csp, path).not.toContain("unsafe-eval");
    expect(headers["strict-transport-security"], path).toMatch(/max-age=\d{8}; includeSubDomains; preload/);
    expect(headers["x-frame-options"], path).toBe("DENY");
    // Every page renders its heading, so what was checked is a page the app drew, not a blank one.
    await expect(page.getByRole("heading").first()).toBeVisible();
  }
  await expectNoPageProblems(problems);
});

test("a state-changing request from another origin, or without the CSRF token, changes nothing", async ({ page }) => {
  const workspaceId = await signUp(page, {
    name: "Csrf Target",
    email: `csrf-${Date.now()}@example.org`,
    workspace: "Original name",
  });
  const rename = `${BASE_URL}/trpc/workspaces.rename`;
  const body = JSON.stringify({ json: { workspaceId, name: "Renamed by an attacker" } });

  // 1. A real cross-site page in the same browser posts a form at the API (no preflight: text/plain), with the
  //    victim's cookies if the browser sends them.
  const attacker = await startAttackerSite(rename, body);
  try {
    const attack = await page.context().newPage();
    const posted = attack.waitForResponse((r) => r.url() === rename);
    await attack.goto(`${attacker.url}/`);
    const answer = await posted;
    expect(answer.status()).toBe(403);
    await attack.close();
  } finally {
    attacker.server.close();
  }

  // 2. The browser's own cookies over the API without a token, and with another Origin even with a token.
  const request = page.context().request;
  const noToken = await request.post(rename, {
    data: body,
    headers: { "content-type": "application/json", origin: BASE_URL },
  });
  expect(noToken.status()).toBe(403);
  const { token } = (await (await request.get(`${BASE_URL}/api/csrf`)).json()) as { token: string };
  const otherOrigin = await request.post(rename, {
    data: body,
    headers: { "content-type": "application/json", origin: "https://evil.example", "x-csrf-token": token },
  });
  expect(otherOrigin.status()).toBe(403);

  // Nothing changed: the dashboard still shows the original name.
  await page.goto(`/w/${workspaceId}/settings`);
  await expect(page.getByRole("form", { name: "Rename the workspace" }).getByLabel("Name")).toHaveValue(
    "Original name",
  );

  // The dashboard itself (same origin, with its token) can rename: the refusals above were the CSRF defence.
  await page.getByRole("form", { name: "Rename the workspace" }).getByLabel("Name").fill("Renamed by its owner");
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByLabel("Workspace", { exact: true })).toContainText("Renamed by its owner");
});

/** An attacker's page on another origin (http://127.0.0.1:<port>) that auto-submits a form to the API. */
async function startAttackerSite(action: string, body: string): Promise<{ server: Server; url: string }> {
  const html = `<!doctype html><html><body>
<form id="f" method="POST" action="${action}" enctype="text/plain"><input type="hidden" name='${body.slice(0, -2)}' value='"}'></form>
<script>document.getElementById("f").submit()</script></body></html>`;
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
