import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, expectNoPageProblems, screenshot, signUp, submitConnectInboxForm, test } from "../fixtures/browser.ts";
import { readStack, stackUser } from "../fixtures/env.ts";
import { eventually, readInbox, replyAs } from "../fixtures/mail.ts";

/**
 * The whole product in one person's hands, in a real browser against the real server, database, worker and mail
 * stack: sign up, connect two inboxes, import leads (with bad rows), build a 2-step campaign, launch it, see the
 * mail arrive over IMAP, see a reply in the unified inbox and answer it, add a webhook, and find it all audited.
 */
const stack = readStack();
const senders = [stackUser(stack, "alice"), stackUser(stack, "carol")];
const tag = randomBytes(3).toString("hex");
const leads = [
  { mailbox: stackUser(stack, "bob"), email: `bob+${tag}@${stack.domain}`, firstName: "Bob", company: "Builders" },
  { mailbox: stackUser(stack, "dave"), email: `dave+${tag}@${stack.domain}`, firstName: "Dave", company: "Divers" },
];

test("a new user runs a campaign end to end", async ({ page, problems }) => {
  const workspaceId = await signUp(page, {
    name: "Ada Founder",
    email: `ada-${tag}@founders.test`,
    workspace: "Ada's agency",
  });
  const go = (path: string) => page.goto(`/w/${workspaceId}/${path}`);

  // Sender identity: every message's footer needs it, and the pre-flight refuses to launch without it.
  await go("settings");
  const identity = page.getByRole("form", { name: "Sender identity" });
  await identity.getByLabel("Company name").fill("Ada's Agency Ltd");
  await identity.getByLabel("Postal address").fill("1 Analytical Way, London N1 1AA, United Kingdom");
  await identity.getByRole("button", { name: "Save sender identity" }).click();
  await expect(identity.getByRole("status")).toHaveText("Saved.");

  // Two inboxes of the test mail stack, each checked for real (DNS, TCP, TLS, authentication) before it is saved.
  for (const sender of senders) await connectInbox(page, workspaceId, sender);
  await go("inboxes");
  for (const sender of senders) await expect(page.getByRole("button", { name: `Pause ${sender.email}` })).toBeVisible();
  await screenshot(page, "inboxes");

  // A CSV with good rows, bad rows and a duplicate: the good ones are imported, the bad ones reported by line.
  await go("leads/import");
  const csv = [
    "email,first_name,company,industry",
    `${leads[0]!.email},${leads[0]!.firstName},${leads[0]!.company},construction`,
    "not-an-email,Nobody,Nowhere,none",
    `${leads[1]!.email},${leads[1]!.firstName},${leads[1]!.company},diving`,
    ",Empty,No email,none",
    `${leads[0]!.email},Bob again,Builders,construction`,
  ].join("\n");
  const importForm = page.getByRole("form", { name: "Import leads" });
  await importForm.getByLabel("New list name").fill(`Launch list ${tag}`);
  await importForm
    .getByLabel("CSV file")
    .setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(importForm.getByLabel("Email", { exact: true })).toHaveValue("email");
  await importForm.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Import finished")).toBeVisible({ timeout: 60_000 });
  await expect(statValue(page, "Imported")).toHaveText("2");
  await expect(statValue(page, "Duplicates")).toHaveText("1");
  await expect(statValue(page, "Rejected")).toHaveText("2");
  const rejected = page.getByRole("table", { name: "Rejected rows" });
  await expect(rejected.getByRole("row")).toHaveCount(3);
  await expect(rejected.getByRole("cell", { name: "3", exact: true })).toBeVisible(); // not-an-email, on line 3
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download report" }).click();
  const report = await readFile(await (await download).path());
  expect(report.toString()).toMatch(/^line,reason\r\n3,/);
  await screenshot(page, "lead-import");

  // A 2-step campaign, written with variable autocomplete.
  await go("campaigns");
  await page.getByRole("form", { name: "New campaign" }).getByLabel("Name").fill(`Launch ${tag}`);
  await page.getByRole("button", { name: "Create campaign" }).click();
  await page.waitForURL(/\/campaigns\/[0-9a-f-]+$/);
  const campaignUrl = page.url();
  await page.getByLabel("Step 1 subject").fill(`Quick question for {{firstName|you}} [${tag}]`);
  const body1 = page.getByLabel("Step 1 body");
  await body1.fill("Hi {{firstName}},\n\nHow is everything at {{comp");
  await expect(page.getByRole("option", { name: "{{company}}" })).toBeVisible();
  await body1.press("Enter");
  await expect(body1).toHaveValue("Hi {{firstName}},\n\nHow is everything at {{company}}");
  await body1.pressSequentially("? {Cheers|Best},\nAda");
  await page.getByRole("button", { name: "Add step" }).click();
  await page.getByLabel("Step 2 subject").fill(`Following up [${tag}]`);
  await page.getByLabel("Step 2 body").fill("Just bumping this, {{firstName|there}}.");
  await page.getByRole("button", { name: "Save sequence" }).click();
  await expect(page.getByText("Sequence saved.")).toBeVisible();
  await screenshot(page, "campaign-builder");

  await page.getByRole("tab", { name: "Leads and inboxes" }).click();
  for (const sender of senders) await page.getByLabel(sender.email).check();
  await page.getByRole("button", { name: "Save inboxes" }).click();
  await expect(page.getByText("2 inboxes will send.")).toBeVisible();
  await page.getByLabel("Add a lead list").selectOption({ label: `Launch list ${tag} (2)` });
  await page.getByRole("button", { name: "Add leads" }).click();
  await expect(page.getByText(/2 leads added/)).toBeVisible();

  await page.getByRole("tab", { name: "Schedule" }).click();
  const schedule = page.getByRole("form", { name: "Schedule" });
  for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]) await schedule.getByLabel(day).check();
  await schedule.getByLabel("Window opens").fill("00:00");
  await schedule.getByLabel("Window closes").fill("23:59");
  await schedule.getByLabel("Campaign time zone").fill("UTC");
  await schedule.getByRole("button", { name: "Save schedule" }).click();
  await expect(schedule.getByRole("status")).toHaveText("Saved.");

  await page.getByRole("tab", { name: "Preview" }).click();
  await page.getByLabel("Preview for lead").selectOption({ label: leads[1]!.email });
  const preview = page.getByRole("article", { name: "Step 1 preview" });
  await expect(preview).toContainText(`Quick question for Dave [${tag}]`);
  await expect(preview).toContainText("How is everything at Divers?");
  await expect(preview).toContainText("1 Analytical Way");

  // Launch after the pre-flight passes.
  await page.getByRole("tab", { name: "Launch" }).click();
  await expect(page.getByText("Ready to launch")).toBeVisible();
  await screenshot(page, "campaign-preflight");
  await page.getByRole("button", { name: "Launch campaign" }).click();
  await expect(page.getByText("Status: active.")).toBeVisible();

  // The mail really arrives: step 1 in each lead's mailbox, read over IMAP.
  const delivered = await Promise.all(
    leads.map((lead) =>
      eventually(`step 1 in ${lead.email}'s mailbox`, async () =>
        (await readInbox(stack, lead.mailbox)).find(
          (m) => m.subject.includes(`[${tag}]`) && m.source.includes(`To: ${lead.email}`),
        ),
      ),
    ),
  );
  expect(delivered[0]!.subject).toBe(`Quick question for Bob [${tag}]`);
  expect(delivered[0]!.source).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  await page.getByRole("tab", { name: "Statistics" }).click();
  await expect(statValue(page, "Messages sent")).toHaveText("2", { timeout: 30_000 });
  for (const chart of ["Activity per day", "Outcomes per step", "Outcomes per inbox"]) {
    await expect(page.getByRole("figure", { name: chart })).toBeVisible();
  }
  // The per-inbox chart carries its figures as a table too (for screen readers): one message from each inbox.
  const perInbox = page.getByRole("figure", { name: "Outcomes per inbox" }).getByRole("table");
  for (const sender of senders) {
    await expect(perInbox.getByRole("row", { name: new RegExp(`^${sender.email} 1 0 0 0$`) })).toHaveCount(1);
  }

  // Bob answers; the reply shows up in the unified inbox, and we answer from the same inbox.
  await replyAs(stack, leads[0]!.mailbox, delivered[0]!.from, delivered[0]!, `Sounds good, tell me more. ${tag}`);
  await go("replies");
  const replyItem = page
    .getByRole("list", { name: "Replies" })
    .getByRole("button", { name: /Re: Quick question for Bob/ });
  await expect(async () => {
    await page.reload();
    await expect(replyItem).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await replyItem.click();
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation.getByRole("listitem")).toHaveCount(2);
  await expect(conversation).toContainText(`Sounds good, tell me more. ${tag}`);
  await page.getByLabel("Label", { exact: true }).selectOption("INTERESTED");
  await page.getByLabel("Your reply").fill(`Great, Bob! Here is a link to book a call. ${tag}`);
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(page.getByText("Reply sent.")).toBeVisible();
  await eventually("our answer in Bob's mailbox", async () =>
    (await readInbox(stack, leads[0]!.mailbox)).some((m) => m.source.includes(`Here is a link to book a call. ${tag}`)),
  );
  await expect(page.getByRole("list", { name: "Replies" })).toContainText("Interested");
  await screenshot(page, "unified-inbox");

  // The sequence stopped for Bob (he replied): the campaign's statistics say so.
  await page.goto(campaignUrl);
  await page.getByRole("tab", { name: "Statistics" }).click();
  await expect(statValue(page, "Replied")).toHaveText("1", { timeout: 30_000 });
  await screenshot(page, "campaign-stats");

  // A webhook endpoint: its signing secret is shown once.
  await go("webhooks");
  const endpoint = page.getByRole("form", { name: "Add an endpoint" });
  await endpoint.getByLabel("Endpoint URL").fill("https://127.0.0.1:9/hooks/mailflow");
  await endpoint.getByLabel("Description").fill("CRM sync");
  await endpoint.getByRole("button", { name: "Add endpoint" }).click();
  const secret = page.getByRole("dialog", { name: "Signing secret" });
  await expect(secret.getByLabel("signing secret")).toHaveValue(/^whsec_/);
  await secret.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("table", { name: "Webhook endpoints" })).toContainText(
    "https://127.0.0.1:9/hooks/mailflow",
  );
  await screenshot(page, "webhooks");

  // Every one of those actions is in the audit log.
  await go("audit");
  const audit = page.getByRole("table", { name: "Audit events" });
  for (const action of [
    "workspace.created", // the sign-up (auth.* events belong to the account, not to a workspace's trail)
    "workspace.sender_identity_updated",
    "inbox.connected",
    "lead_list.created",
    "leads.imported",
    "campaign.created",
    "campaign.launched",
    "reply.sent",
    "webhook.created",
  ]) {
    await expect(audit.getByRole("cell", { name: action, exact: true }).first()).toBeVisible();
  }
  await expect(audit.getByRole("cell", { name: "inbox.connected", exact: true })).toHaveCount(2);
  // The filter narrows the trail to one family.
  await page.getByLabel("Action").selectOption("campaign.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(audit.getByRole("cell", { name: "inbox.connected", exact: true })).toHaveCount(0);
  await expect(audit.getByRole("cell", { name: "campaign.launched", exact: true })).toBeVisible();
  // Export what the filter selects: a CSV file with those events (and the export is audited in turn).
  const exported = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csvFile = (await readFile(await (await exported).path())).toString();
  expect(csvFile.split("\r\n")[0]).toBe(
    "id,created_at,action,actor_type,actor_id,target_type,target_id,ip,user_agent,metadata",
  );
  expect(csvFile).toContain(",campaign.launched,USER,");
  expect(csvFile).not.toContain("inbox.connected");
  await screenshot(page, "audit-log");

  await expectNoPageProblems(problems);
});

async function connectInbox(page: Page, workspaceId: string, sender: { email: string; password: string }) {
  await submitConnectInboxForm(page, workspaceId, stack, sender);
  await expect(page.getByText(`${sender.email} is connected`)).toBeVisible({ timeout: 30_000 });
  for (const check of ["SMTP check", "IMAP check"]) {
    const steps = page.getByRole("list", { name: check });
    for (const step of ["DNS", "TCP connection", "TLS", "Authentication"]) {
      await expect(steps.getByRole("listitem").filter({ hasText: step }).first()).toContainText("passed");
    }
  }
  if (sender === senders[0]) await screenshot(page, "connect-inbox");
}

function statValue(page: Page, label: string) {
  return page
    .locator("dl > div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
    .locator("dd")
    .first();
}
