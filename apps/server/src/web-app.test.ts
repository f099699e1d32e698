import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./testing/test-app.ts";

/**
 * How the server hands out the dashboard build: any page path gets index.html (client-side routes), hashed
 * assets are cached for good, API paths never fall through to the app, and every answer keeps the CSP.
 * A small stand-in build is enough here; e2e/ drives the real one in Chromium.
 */
const dist = mkdtempSync(path.join(tmpdir(), "mailflow-web-dist-"));
mkdirSync(path.join(dist, "assets"));
writeFileSync(
  path.join(dist, "index.html"),
  '<!doctype html><div id="root"></div><script type="module" src="/assets/app-3f2a.js"></script>',
);
writeFileSync(path.join(dist, "assets", "app-3f2a.js"), "console.log('dashboard')");
writeFileSync(path.join(dist, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");

let t: TestApp;
let bare: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { webDistDir: dist });
  bare = await createTestApp({}, { webDistDir: path.join(dist, "missing") });
});
afterAll(async () => {
  await t.close();
  await bare.close();
  rmSync(dist, { recursive: true, force: true });
});

const page = { accept: "text/html,application/xhtml+xml" };

describe("the dashboard build", () => {
  it("serves index.html for every page path, never cached, with the strict CSP and HSTS", async () => {
    for (const url of ["/", "/login", "/w/3b1c/campaigns/9d2e?tab=stats"]) {
      const response = await t.app.inject({ method: "GET", url, headers: page });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(response.headers["strict-transport-security"]).toMatch(/max-age=63072000/);
    }
  });

  it("caches hashed assets for a year and other files not at all", async () => {
    const asset = await t.app.inject({ method: "GET", url: "/assets/app-3f2a.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(asset.headers["content-security-policy"]).toBeDefined();
    const icon = await t.app.inject({ method: "GET", url: "/favicon.svg" });
    expect(icon.headers["cache-control"]).toBe("no-cache");
  });

  it("never answers an API path, a missing asset or a non-page request with the app", async () => {
    for (const [url, headers] of [
      ["/api/nothing-here", page],
      ["/trpc/no.such.procedure", page],
      ["/assets/missing.js", {}],
      ["/w/3b1c/campaigns", { accept: "application/json" }],
    ] as const) {
      const response = await t.app.inject({ method: "GET", url, headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('<div id="root">');
    }
    const post = await t.app.inject({ method: "POST", url: "/w/3b1c/campaigns", headers: page });
    expect(post.statusCode).not.toBe(200);
  });

  it("without a build, says how to make one instead of failing", async () => {
    const response = await bare.app.inject({ method: "GET", url: "/", headers: page });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/pnpm --filter @mailflow\/web build/);
  });
});
