import { expect, expectNoPageProblems, PASSWORD, screenshot, signUp, test } from "../fixtures/browser.ts";
import { BASE_URL } from "../fixtures/env.ts";

/** Accounts and workspaces in the browser: keys shown once, invitations, the switcher, passwords and sessions. */
test("API keys are shown once; a member joins by invitation and switches workspaces", async ({
  page,
  browser,
  problems,
}) => {
  const stamp = Date.now();
  const workspaceId = await signUp(page, {
    name: "Owner One",
    email: `owner-${stamp}@example.org`,
    workspace: "Agency HQ",
  });
  await page.goto(`/w/${workspaceId}/settings`);

  // An API key: the whole key once, with a copy button; afterwards only its prefix. It works as a Bearer token.
  const keys = page.getByRole("form", { name: "Create an API key" });
  await keys.getByLabel("Key name").fill("CRM sync");
  await keys.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByLabel("API key", { exact: true });
  await expect(shown).toHaveValue(/^mf_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
  const key = await shown.inputValue();
  await page.getByRole("button", { name: "Copy" }).click();
  const listed = page.getByRole("table", { name: "API keys" });
  await expect(listed).toContainText(`${key.slice(3, 11)}…`);
  await expect(listed).not.toContainText(key.slice(12));
  const byKey = await page
    .context()
    .request.get(
      `${BASE_URL}/trpc/campaigns.list?input=${encodeURIComponent(JSON.stringify({ json: { workspaceId } }))}`,
      { headers: { authorization: `Bearer ${key}` } },
    );
  expect(byKey.status()).toBe(200);
  await page.reload();
  await expect(page.getByLabel("API key", { exact: true })).toHaveCount(0); // gone for good after a reload
  await listed.getByRole("button", { name: "Revoke" }).click();
  await expect(listed.getByText("revoked")).toBeVisible();

  // An invitation link for a colleague, who signs up and joins with the role chosen.
  const invite = page.getByRole("form", { name: "Invite a member" });
  const colleague = `colleague-${stamp}@example.org`;
  await invite.getByLabel("Invite by email").fill(colleague);
  await invite.getByLabel("Role").selectOption("ADMIN");
  await invite.getByRole("button", { name: "Invite" }).click();
  const link = await page.getByLabel("invitation link").inputValue();
  expect(link).toMatch(new RegExp(`^${BASE_URL}/invite/[A-Za-z0-9_-]+$`));
  await screenshot(page, "settings");

  const other = await browser.newContext({ ignoreHTTPSErrors: true });
  const colleaguePage = await other.newPage();
  await signUp(colleaguePage, { name: "Colleague", email: colleague, workspace: "My own" });
  await colleaguePage.goto(link);
  await colleaguePage.getByRole("button", { name: "Accept invitation" }).click();
  await colleaguePage.waitForURL(`**/w/${workspaceId}/campaigns`);
  const switcher = colleaguePage.getByLabel("Workspace", { exact: true });
  await expect(switcher.getByRole("option")).toHaveText(["My own (US)", "Agency HQ (US)"]);
  await switcher.selectOption({ label: "My own (US)" });
  await expect(colleaguePage).not.toHaveURL(new RegExp(workspaceId));
  await other.close();

  await page.reload();
  await expect(page.getByRole("table", { name: "Members" })).toContainText(colleague);
  await expectNoPageProblems(problems);
});

test("changing the password signs out other sessions; log out everywhere ends this one too", async ({
  page,
  browser,
}) => {
  const email = `sessions-${Date.now()}@example.org`;
  const workspaceId = await signUp(page, { name: "Session Owner", email });

  // A second device, signed in with the keyboard only.
  const second = await browser.newContext({ ignoreHTTPSErrors: true });
  const device = await second.newPage();
  await device.goto("/login");
  await device.getByLabel("Email").focus();
  await device.keyboard.type(email);
  await device.keyboard.press("Tab");
  await device.keyboard.type(PASSWORD);
  await device.keyboard.press("Enter");
  await device.waitForURL(/\/w\/.+\/campaigns$/);

  // A wrong current password is reported next to its field.
  await page.goto(`/w/${workspaceId}/account`);
  await page.getByLabel("Current password").fill("not-the-password-at-all");
  await page.getByLabel("New password").fill("a-Brand-new-passphrase-42");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is incorrect.")).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  // The other device's session is refused at its next request; this one goes on.
  await device.reload();
  await device.waitForURL(/\/login\?next=/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Account and security" })).toBeVisible();

  // Log in on the other device with the new password, then end every session from the first.
  await device.getByLabel("Email").fill(email);
  await device.getByLabel("Password").fill("a-Brand-new-passphrase-42");
  await device.getByRole("button", { name: "Log in" }).click();
  await device.waitForURL(/\/w\/.+\/campaigns$/);
  await page.getByRole("button", { name: "Log out everywhere" }).click();
  await page.waitForURL(/\/login$/);
  await device.reload();
  await device.waitForURL(/\/login\?next=/);
  await second.close();

  // The old password no longer works; a readable message says so.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect.");
});

test("the dashboard works on a phone: the menu opens and pages fit the screen", async ({ browser }) => {
  const phone = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await phone.newPage();
  const workspaceId = await signUp(page, { name: "Phone User", email: `phone-${Date.now()}@example.org` });
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await nav.getByRole("link", { name: "Inboxes" }).click();
  await page.waitForURL(`**/w/${workspaceId}/inboxes`);
  await expect(nav).toBeHidden();
  for (const path of ["inboxes", "campaigns", "settings"]) {
    await page.goto(`/w/${workspaceId}/${path}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} is wider than the phone`).toBeLessThanOrEqual(0);
  }
  await screenshot(page, "phone-settings");
  await phone.close();
});
