import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { strFromU8, unzipSync } from "fflate";
import { signUpThroughApi } from "../fixtures/api.ts";
import { expect, expectNoPageProblems, logIn, PASSWORD, screenshot, test } from "../fixtures/browser.ts";

/** Data requests in the browser: a person's data exported and erased with visible progress, the account deleted. */
test("an admin exports and erases one person's data, and a user deletes their account", async ({ page, problems }) => {
  const tag = randomBytes(3).toString("hex");
  const email = `privacy-${tag}@example.org`;
  const owner = await signUpThroughApi(email, `Privacy ${tag}`, PASSWORD);
  const person = `ada-${tag}@example.net`;
  const listId = (await owner.api.leads.createList.mutate({ workspaceId: owner.workspaceId, name: "Prospects" })).id;
  await owner.api.leads.importCsv.mutate({
    workspaceId: owner.workspaceId,
    listId,
    csv: `email,firstName\n${person},Ada\ngrace-${tag}@example.net,Grace\n`,
  });
  await logIn(page, email);

  await page.goto(`/w/${owner.workspaceId}/privacy`);
  await page.getByLabel("Email address to export").fill(person);
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const requests = page.getByRole("table", { name: "Data requests" });
  const exportRow = requests.getByRole("row", { name: /Export one person's data/ });
  await expect(exportRow.getByText("done")).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent("download");
  await exportRow.getByRole("button", { name: "Download" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^mailflow-subject-export-.*\.zip$/);
  const files = unzipSync(await readFile(await file.path()));
  const exported = JSON.parse(strFromU8(files["subject.json"]!));
  expect(exported.leads).toEqual([expect.objectContaining({ email: person, firstName: "Ada" })]);

  // Erasure: the address twice, then the job runs; the export about that person goes with it.
  await page.getByLabel("Email address to erase").fill(person);
  await page.getByLabel("Type the address again").fill(person);
  await page.getByRole("button", { name: "Erase" }).click();
  const eraseRow = requests.getByRole("row", { name: /Erase one person/ });
  await expect(eraseRow.getByText("done")).toBeVisible({ timeout: 30_000 });
  await expect(eraseRow).toContainText("leads 1");
  await expect(exportRow.getByRole("button", { name: "Download" })).toHaveCount(0);

  await page.goto(`/w/${owner.workspaceId}/suppression`);
  await expect(page.getByText(/Erased address #[0-9a-f]{10}/)).toBeVisible();
  await page.goto(`/w/${owner.workspaceId}/leads`);
  await expect(page.getByText(`grace-${tag}@example.net`)).toBeVisible();
  await expect(page.getByText(person)).toHaveCount(0);
  await screenshot(page, "privacy-erased");

  // The account: export, then deletion with the password; signed out at once.
  await page.goto(`/w/${owner.workspaceId}/account`);
  await page.getByRole("button", { name: "Export my account" }).click();
  const accountRow = page.getByRole("table", { name: "Data requests" }).getByRole("row", { name: /Export my account/ });
  await expect(accountRow.getByRole("button", { name: "Download" })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel("Password to delete the account").fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect
    .poll(async () => (await owner.api.auth.me.query().catch((e: Error) => e.message)) as string, { timeout: 30_000 })
    .toMatch(/sign in|session|unauthor/i);
  await expectNoPageProblems(problems);
});
