import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { connectStackInbox, grantOperator, signUpThroughApi } from "../fixtures/api.ts";
import { expect, expectNoPageProblems, PASSWORD, screenshot, test } from "../fixtures/browser.ts";
import { installBridge, serveRenderer } from "../fixtures/desktop-harness.ts";
import { BASE_URL, readStack, stackUser } from "../fixtures/env.ts";

/**
 * The desktop admin app's renderer (apps/desktop/dist/renderer) in Debian's Chromium with the app's own bridge code
 * behind window.mailflow (fixtures/desktop-harness.ts), against the real server, database and mail stack.
 */
const stack = readStack();
let renderer: { url: string; close: () => void };
test.beforeAll(async () => {
  renderer = await serveRenderer();
});
test.afterAll(() => renderer.close());

async function signIn(page: Page, how: { email: string; password: string } | { apiKey: string }) {
  await page.goto(renderer.url);
  await page.getByLabel("Server address").fill(BASE_URL);
  if ("apiKey" in how) {
    await page.getByRole("tab", { name: "API key" }).click();
    await page.getByLabel("API key").fill(how.apiKey);
  } else {
    await page.getByLabel("Email").fill(how.email);
    await page.getByLabel("Password").fill(how.password);
  }
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

test("an owner signs in, pauses an inbox, revokes an API key and finds both in the audit log", async ({
  page,
  problems,
}) => {
  const tag = randomBytes(3).toString("hex");
  const email = `desk-owner-${tag}@example.org`;
  const owner = await signUpThroughApi(email, "Desk Owner", PASSWORD);
  const inbox = await connectStackInbox(owner.api, owner.workspaceId, stack, stackUser(stack, "alice"));
  await owner.api.apiKeys.create.mutate({ workspaceId: owner.workspaceId, name: `Old integration ${tag}` });
  const { store } = await installBridge(page);

  await signIn(page, { email, password: PASSWORD });
  // The token stays in the main process: the page holds neither it nor a cookie.
  const token = store.load()!.token;
  expect(
    await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie,
    ),
  ).not.toContain(token.slice(-20));
  expect(await page.evaluate(() => Object.keys((window as unknown as { mailflow: object }).mailflow).sort())).toEqual([
    "apiFetch",
    "session",
    "signIn",
    "signOut",
  ]);

  const health = page.getByRole("region", { name: "Desk Owner's team health" });
  await expect(health).toContainText("Every inbox is sending");
  await health.getByRole("button", { name: "Open" }).click();

  // Pause the inbox.
  await page.getByRole("button", { name: `Pause ${inbox.email}` }).click();
  await expect(page.getByRole("button", { name: `Resume ${inbox.email}` })).toBeVisible();
  await expect(page.getByText("Paused by a member of the workspace.")).toBeVisible();

  // Revoke the API key.
  await page.getByRole("tab", { name: "API keys" }).click();
  const keys = page.getByRole("table", { name: "API keys" });
  await expect(keys).toContainText(`Old integration ${tag}`);
  await keys.getByRole("button", { name: "Revoke" }).click();
  await expect(keys.getByText("revoked")).toBeVisible();

  // Both in the audit log, and exported.
  await page.getByRole("tab", { name: "Audit log" }).click();
  const audit = page.getByRole("table", { name: "Audit events" });
  await expect(audit.getByRole("cell", { name: "inbox.paused", exact: true })).toBeVisible();
  await expect(audit.getByRole("cell", { name: "api_key.revoked", exact: true })).toBeVisible();
  await page.getByLabel("Action").selectOption("inbox.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(audit.getByRole("cell", { name: "api_key.revoked", exact: true })).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = (await readFile(await (await download).path())).toString();
  expect(csv).toContain(",inbox.paused,USER,");
  expect(csv).toContain(",inbox.connected,USER,");
  expect(csv).not.toContain("api_key.revoked");
  await screenshot(page, "desktop-audit-log");

  // The overview now says which inbox stopped, and why.
  await page.getByRole("button", { name: "Overview" }).click();
  await expect(health.getByRole("list", { name: "Stopped inboxes" })).toContainText(
    `${inbox.email} — Paused by a member of the workspace.`,
  );
  await screenshot(page, "desktop-overview");

  // Signing out ends the session on the server too.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(store.load()).toBeNull();
  await expectNoPageProblems(problems);
});

test("an API key signs in to its one workspace and cannot manage keys", async ({ page }) => {
  const tag = randomBytes(3).toString("hex");
  const owner = await signUpThroughApi(`desk-key-${tag}@example.org`, `Key Team ${tag}`, PASSWORD);
  const { key } = await owner.api.apiKeys.create.mutate({ workspaceId: owner.workspaceId, name: "Desktop" });
  await installBridge(page);
  await signIn(page, { apiKey: key });
  await expect(page.getByText(`API key · Key Team ${tag}'s team`)).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("button")).toHaveText(["Overview", `Key Team ${tag}'s team`]);
  await nav.getByRole("button", { name: `Key Team ${tag}'s team` }).click();
  await page.getByRole("tab", { name: "API keys" }).click();
  await expect(page.getByText("Only an owner or admin, signed in as a person, manages API keys.")).toBeVisible();
  await page.getByRole("tab", { name: "Suppression" }).click();
  await page.getByLabel("Addresses or domains").fill("nobody@competitor.example");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("table", { name: "Suppressed addresses and domains" })).toContainText(
    "nobody@competitor.example",
  );
});

test("platform-operator screens appear for an operator only, and change a workspace's plan", async ({ page }) => {
  const tag = randomBytes(3).toString("hex");
  const email = `desk-operator-${tag}@example.org`;
  await signUpThroughApi(email, "Operator", PASSWORD);
  const customer = await signUpThroughApi(`desk-customer-${tag}@example.org`, `Customer ${tag}`, PASSWORD);
  await installBridge(page);

  await signIn(page, { email, password: PASSWORD });
  await expect(page.getByRole("button", { name: "Operator", exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();

  // The role is granted from the operator's shell, never through the API.
  await grantOperator(email);
  await signIn(page, { email, password: PASSWORD });
  await page.getByRole("button", { name: "Operator", exact: true }).click();
  await page.getByRole("textbox", { name: "Search workspaces" }).fill(`Customer ${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByRole("row", { name: new RegExp(`Customer ${tag}'s team`) });
  await row.getByLabel(`Plan of Customer ${tag}'s team`).selectOption("SCALE");
  await expect(row.getByLabel(`Plan of Customer ${tag}'s team`)).toHaveValue("SCALE");
  await page.getByRole("tab", { name: "Users" }).click();
  await page.getByRole("textbox", { name: "Search users" }).fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("row", { name: new RegExp(email) })).toContainText("operator");
  await screenshot(page, "desktop-operator");

  const trail = await customer.api.audit.list.query({ workspaceId: customer.workspaceId, action: "admin." });
  expect(trail.items.map((e) => [e.action, e.metadata])).toEqual([
    ["admin.plan_changed", { from: "FREE", to: "SCALE" }],
  ]);
});
