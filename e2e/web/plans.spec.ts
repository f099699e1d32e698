import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { connectStackInbox, grantOperator, signUpThroughApi } from "../fixtures/api.ts";
import { expect, expectNoPageProblems, logIn, PASSWORD, submitConnectInboxForm, test } from "../fixtures/browser.ts";
import { readStack, readStackInfo, stackUser } from "../fixtures/env.ts";

/**
 * Plans and regions in the browser: limits shown and enforced by the server, the DPA on Scale, a workspace created in
 * the EU whose leads land in the EU database only, and the public trust page.
 */
const stack = readStack();

test("a Free workspace sees its limits, is refused a 4th inbox, and gets the DPA once on Scale", async ({
  page,
  problems,
}) => {
  const tag = randomBytes(3).toString("hex");
  const email = `plans-${tag}@example.org`;
  const owner = await signUpThroughApi(email, `Plans ${tag}`, PASSWORD);
  for (const name of ["alice", "bob", "carol"])
    await connectStackInbox(owner.api, owner.workspaceId, stack, stackUser(stack, name));
  await logIn(page, email);

  await page.goto(`/w/${owner.workspaceId}/settings`);
  await expect(page.getByRole("progressbar", { name: "Inboxes: 3 of 3" })).toBeVisible();
  await expect(page.getByText("Data processing agreement (DPA): Scale plan")).toBeVisible();
  await expect(page.getByRole("button", { name: "Download the DPA" })).toHaveCount(0);

  // A 4th inbox: the server's refusal, next to the form.
  const dave = stackUser(stack, "dave");
  await submitConnectInboxForm(page, owner.workspaceId, stack, dave);
  const form = page.getByRole("form", { name: "Connect an inbox" });
  await expect(form.getByRole("alert")).toHaveText(
    "The Free plan allows 3 inboxes and this workspace has 3. Remove one or move to a larger plan.",
  );

  // An operator moves the workspace to Scale (the role granted from the shell); the DPA becomes downloadable.
  const operatorEmail = `plans-operator-${tag}@example.org`;
  const operator = await signUpThroughApi(operatorEmail, "Operator", PASSWORD);
  await grantOperator(operatorEmail);
  await operator.api.admin.setPlan.mutate({ workspaceId: owner.workspaceId, plan: "SCALE" });
  await page.goto(`/w/${owner.workspaceId}/settings`);
  await expect(page.getByRole("progressbar", { name: "Inboxes: 3 of 10,000" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the DPA" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("mailflow-dpa-v1.md");
  expect((await readFile(await file.path())).toString()).toMatch(/^# MailFlow Data Processing Agreement/);
  await expectNoPageProblems(problems);
});

test("the trust page lists dated subprocessors and links the advisories feed, without signing in", async ({
  page,
  problems,
}) => {
  await page.goto("/trust");
  const table = page.getByRole("table", { name: "Subprocessors" });
  await expect(table.getByRole("row")).not.toHaveCount(1);
  await expect(table).toContainText("Hetzner Online GmbH");
  await expect(table).toContainText(/changed \d{4}-\d{2}-\d{2}/);
  const href = await page.getByRole("link", { name: "Atom feed" }).getAttribute("href");
  const feed = await page.request.get(href!);
  expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
  expect(await feed.text()).toContain("MF-2026-001");
  await expectNoPageProblems(problems);
});

test("a workspace created in the EU shows its region, and its leads are stored in the EU database only", async ({
  page,
  problems,
}) => {
  const tag = randomBytes(3).toString("hex");
  const email = `region-${tag}@example.org`;
  const owner = await signUpThroughApi(email, `Region ${tag}`, PASSWORD);
  await logIn(page, email);
  await page.goto(`/w/${owner.workspaceId}/settings`);
  const form = page.getByRole("form", { name: "Create a workspace" });
  await form.getByLabel("Workspace name").fill(`Berlin ${tag}`);
  await form.getByLabel("Region").selectOption("EU");
  await form.getByRole("button", { name: "Create" }).click();
  // The app opens the new workspace's settings.
  await page.waitForURL(
    (url) => /\/w\/[0-9a-f-]{36}\/settings$/.test(url.pathname) && !url.pathname.includes(owner.workspaceId),
  );
  const workspaceId = page.url().split("/w/")[1]!.split("/")[0]!;
  await expect(page.getByText("Data region").locator("..")).toContainText("EU");

  const listId = (await owner.api.leads.createList.mutate({ workspaceId, name: "Prospects" })).id;
  await owner.api.leads.importCsv.mutate({ workspaceId, listId, csv: `email\nhans-${tag}@example.de\n` });
  await page.goto(`/w/${workspaceId}/leads`);
  await expect(page.getByText(`hans-${tag}@example.de`)).toBeVisible();

  // pnpm start gives the EU a database of its own beside the global one (<name>_eu on the same server).
  const globalUrl = readStackInfo().databaseUrl;
  const count = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "Lead" WHERE "workspaceId" = $1', [
        workspaceId,
      ]);
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  };
  expect(await count(`${globalUrl}_eu`)).toBe(1);
  expect(await count(globalUrl)).toBe(0);
  await expectNoPageProblems(problems);
});
