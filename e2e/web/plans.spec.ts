import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { connectStackInbox, grantOperator, signUpThroughApi } from "../fixtures/api.ts";
import { expect, expectNoPageProblems, logIn, PASSWORD, submitConnectInboxForm, test } from "../fixtures/browser.ts";
import { readStack, stackUser } from "../fixtures/env.ts";

/** Plans in the browser: limits shown and enforced by the server, the DPA on Scale, and the public trust page. */
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
