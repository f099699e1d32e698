import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, type Harness } from "../../testing/harness.ts";

const h: Harness = createHarness();
afterAll(() => h.close());

type Account = Awaited<ReturnType<Harness["signUp"]>>;
let owner: Account;
let member: Account;
let workspaceId: string;
let inboxId: string;
let listId: string;

beforeAll(async () => {
  ({ owner, member, workspaceId } = await h.team("campaign"));
  inboxId = (await h.connectStackInbox(owner.as(), workspaceId, h.mailStack.users[0]!)).id;
  listId = (await member.as().leads.createList({ workspaceId, name: "Prospects" })).id;
  await member.as().leads.importCsv({
    workspaceId,
    listId,
    csv: "email,first_name,company\nada@example.test,Ada,Engines\nbob@example.test,,Acme\ncarol@blocked.test,Carol,Blocked\n",
  });
});

const steps = [
  {
    delayMinutes: 0,
    variants: [
      {
        subject: "{Quick|Short} question, {{firstName}}",
        body: "Hi {{firstName}},\n\nHow is {{company|your team}} doing?",
        weight: 50,
      },
      { subject: "Idea for {{company|you}}", body: "Hello {{firstName|there}}", weight: 50 },
    ],
  },
  { delayMinutes: 3 * 24 * 60, variants: [{ subject: "Re: {{company|our chat}}", body: "Following up." }] },
];

describe("campaigns", () => {
  let campaignId: string;

  it("refuses invalid template syntax, saying where", async () => {
    campaignId = (await member.as().campaigns.create({ workspaceId, name: "Q4 outreach", timeZone: "Europe/Berlin" }))
      .id;
    const bad = member.as().campaigns.setSteps({
      workspaceId,
      campaignId,
      steps: [{ delayMinutes: 0, variants: [{ subject: "Hi {there", body: "x" }] }],
    });
    await expect(bad).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Step 1, variant 1, subject: .*never closed/),
    });
    expect(await codeOf(member.as().campaigns.update({ workspaceId, campaignId, timeZone: "Mars/Base" }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("lists every blocking problem before launch: identity, variables, and refuses to launch", async () => {
    await member.as().campaigns.setSteps({ workspaceId, campaignId, steps });
    await member.as().campaigns.setInboxes({ workspaceId, campaignId, inboxIds: [inboxId] });
    expect(await member.as().campaigns.addLeads({ workspaceId, campaignId, listId })).toEqual({ added: 3 });
    expect(await member.as().campaigns.addLeads({ workspaceId, campaignId, listId })).toEqual({ added: 0 });
    const check = await member.as().campaigns.preflight({ workspaceId, campaignId });
    expect(check.ok).toBe(false);
    expect(check.problems.join(" ")).toMatch(/sender identity/);
    // Bob has no first name; only the variants that use {{firstName}} without a fallback block him.
    expect(check.missingVariables.every((m) => m.email === "bob@example.test")).toBe(true);
    expect(check.activeInboxes).toBe(1);
    expect(await codeOf(member.as().campaigns.launch({ workspaceId, campaignId }))).toBe("BAD_REQUEST");
  });

  it("previews exactly what a lead receives: variant, personalization, footer, unsubscribe link", async () => {
    await owner.as().workspaces.updateSenderIdentity({
      workspaceId,
      companyName: "Acme GmbH",
      postalAddress: "Hauptstr. 1\n10115 Berlin",
    });
    const ada = (await member.as().leads.list({ workspaceId, search: "ada@" })).items[0]!;
    const preview = await member.as().campaigns.preview({ workspaceId, campaignId, leadId: ada.id });
    expect(preview).toHaveLength(2);
    expect(preview[0]!.subject).toMatch(/^(Quick|Short) question, Ada$|^Idea for Engines$/);
    expect(preview[0]!.text).toContain("Acme GmbH\nHauptstr. 1\n10115 Berlin\nUnsubscribe: https://mailflow.test/u/");
    expect(preview[1]!.subject).toBe("Re: Engines");
    expect(await member.as().campaigns.preview({ workspaceId, campaignId, leadId: ada.id })).toEqual(preview);
    const link = /Unsubscribe: (\S+)/.exec(preview[0]!.text)![1]!;
    expect(h.deps.unsubscribeTokens.verify(link.split("/u/")[1]!)).toEqual({ workspaceId, email: "ada@example.test" });
  });

  it("launches once the problems are fixed, marking suppressed leads, audited", async () => {
    const bob = (await member.as().leads.list({ workspaceId, search: "bob@" })).items[0]!;
    await h.db.lead.update({ where: { id: bob.id }, data: { firstName: "Bob" } });
    await member.as().suppression.add({ workspaceId, entries: ["blocked.test"] });
    const check = await member.as().campaigns.preflight({ workspaceId, campaignId });
    expect(check).toMatchObject({ ok: true, problems: [], leads: 3, suppressedLeads: 1 });
    const launched = await member.as().campaigns.launch({ workspaceId, campaignId });
    expect(launched.status).toBe("ACTIVE");
    const states = await h.db.campaignLead.findMany({ where: { campaignId }, include: { lead: true } });
    expect(Object.fromEntries(states.map((s) => [s.lead.email, s.status]))).toEqual({
      "ada@example.test": "ACTIVE",
      "bob@example.test": "ACTIVE",
      "carol@blocked.test": "SUPPRESSED",
    });
    expect(states.find((s) => s.status === "SUPPRESSED")!.nextSendAt).toBeNull();
    const event = await h.db.auditEvent.findFirstOrThrow({ where: { workspaceId, action: "campaign.launched" } });
    expect(event).toMatchObject({ actorId: member.user.id, ip: "192.0.2.10", metadata: { leads: 3, suppressed: 1 } });
    expect(await codeOf(member.as().campaigns.launch({ workspaceId, campaignId }))).toBe("CONFLICT");
  });

  it("pauses and resumes; content changes need a pause", async () => {
    expect(await codeOf(member.as().campaigns.setSteps({ workspaceId, campaignId, steps }))).toBe("CONFLICT");
    await member.as().campaigns.pause({ workspaceId, campaignId });
    expect(await codeOf(member.as().campaigns.setSteps({ workspaceId, campaignId, steps }))).toBe("OK");
    expect((await member.as().campaigns.resume({ workspaceId, campaignId })).status).toBe("ACTIVE");
    const detail = await member.as().campaigns.get({ workspaceId, campaignId });
    expect(detail).toMatchObject({ leadCount: 3, inboxIds: [inboxId] });
    expect(detail.steps).toHaveLength(2);
  });
});
