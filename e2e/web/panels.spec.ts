import { randomBytes } from "node:crypto";
import { connectStackInbox, signUpThroughApi } from "../fixtures/api.ts";
import { expect, expectNoPageProblems, logIn, PASSWORD, test } from "../fixtures/browser.ts";
import { readStack, stackUser } from "../fixtures/env.ts";

/**
 * The admin panels' remaining controls, each through the page and checked on the server: member roles and removal,
 * invitations revoked, suppression entries removed, webhook endpoints disabled, re-enabled, rotated and removed,
 * an inbox's sending settings.
 */
const stack = readStack();

test("owners manage members, suppression, webhooks and inbox settings from the dashboard", async ({
  page,
  problems,
}) => {
  const tag = randomBytes(3).toString("hex");
  const email = `panels-${tag}@example.org`;
  const owner = await signUpThroughApi(email, `Panels ${tag}`, PASSWORD);
  const colleague = await signUpThroughApi(`panels-colleague-${tag}@example.org`, "Colleague", PASSWORD);
  const { token } = await owner.api.members.invite.mutate({
    workspaceId: owner.workspaceId,
    email: `panels-colleague-${tag}@example.org`,
  });
  await colleague.api.members.accept.mutate({ token });
  const inbox = await connectStackInbox(owner.api, owner.workspaceId, stack, stackUser(stack, "alice"));
  const { workspaceId } = owner;
  page.on("dialog", (dialog) => void dialog.accept()); // the confirm() before removals

  await logIn(page, email);

  // Members: promote the colleague, then remove them; invite someone and take it back.
  await page.goto(`/w/${workspaceId}/settings`);
  await page.getByLabel(`Role of panels-colleague-${tag}@example.org`).selectOption("ADMIN");
  await expect
    .poll(
      async () =>
        (await owner.api.members.list.query({ workspaceId })).members.find((m) => m.userId === colleague.userId)?.role,
    )
    .toBe("ADMIN");
  const members = page.getByRole("table", { name: "Members" });
  await members
    .getByRole("row", { name: new RegExp(`panels-colleague-${tag}`) })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(members).not.toContainText(`panels-colleague-${tag}`);
  const invite = page.getByRole("form", { name: "Invite a member" });
  await invite.getByLabel("Invite by email").fill(`later-${tag}@example.org`);
  await invite.getByRole("button", { name: "Invite" }).click();
  const pending = page.getByRole("table", { name: "Pending invitations" });
  await expect(pending).toContainText(`later-${tag}@example.org`);
  await pending.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("table", { name: "Pending invitations" })).toHaveCount(0);

  // Suppression: add two entries (one invalid is reported), remove one.
  await page.goto(`/w/${workspaceId}/suppression`);
  await page
    .getByLabel("Addresses or domains")
    .fill(`blocked-${tag}@example.org, competitor-${tag}.example, not-an-address`);
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 added" })).toContainText("1 not valid: not-an-address");
  const suppressed = page.getByRole("table", { name: "Suppressed addresses and domains" });
  await suppressed
    .getByRole("row", { name: new RegExp(`blocked-${tag}`) })
    .getByRole("button", { name: "Remove" })
    .click();
  await expect(suppressed).not.toContainText(`blocked-${tag}`);
  expect(
    (await owner.api.suppression.check.query({ workspaceId, email: `anyone@competitor-${tag}.example` })).suppressed,
  ).toBe(true);

  // Webhooks: disable, enable, rotate (new secret shown once), remove.
  await owner.api.webhooks.create.mutate({ workspaceId, url: "https://127.0.0.1:9/hook", events: ["email.sent"] });
  await page.goto(`/w/${workspaceId}/webhooks`);
  const endpoints = page.getByRole("table", { name: "Webhook endpoints" });
  await endpoints.getByRole("button", { name: "Disable" }).click();
  await expect(endpoints.getByText("disabled", { exact: true })).toBeVisible();
  await endpoints.getByRole("button", { name: "Enable" }).click();
  await expect(endpoints.getByText("enabled", { exact: true })).toBeVisible();
  await endpoints.getByRole("button", { name: "Rotate secret" }).click();
  const rotated = page.getByRole("dialog", { name: "New signing secret" });
  await expect(rotated.getByLabel("signing secret")).toHaveValue(/^whsec_/);
  await rotated.getByRole("button", { name: "Close" }).click();
  await endpoints.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("No endpoint yet")).toBeVisible();

  // An inbox's sending settings, saved and read back.
  await page.goto(`/w/${workspaceId}/inboxes`);
  await page.getByRole("button", { name: "Settings" }).click();
  const settings = page.getByRole("dialog", { name: "Sending settings" });
  await settings.getByLabel("Daily limit").fill("45");
  await settings.getByLabel("Ramp up gradually").check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings).toBeHidden();
  expect(await owner.api.inboxes.get.query({ workspaceId, inboxId: inbox.id })).toMatchObject({
    dailyLimit: 45,
    rampUpEnabled: true,
  });

  await expectNoPageProblems(problems);
});
