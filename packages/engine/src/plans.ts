/** What each plan allows; the server (API and worker) enforces these, the apps show them with the usage. */
export type PlanName = "FREE" | "PRO" | "SCALE";

export const planLimits = {
  FREE: { inboxes: 3, leads: 1_000, regionChange: false, dpa: false },
  PRO: { inboxes: 50, leads: 100_000, regionChange: false, dpa: false },
  SCALE: { inboxes: 10_000, leads: 5_000_000, regionChange: true, dpa: true },
} as const satisfies Record<PlanName, { inboxes: number; leads: number; regionChange: boolean; dpa: boolean }>;

export const planNames: Record<PlanName, string> = { FREE: "Free", PRO: "Pro", SCALE: "Scale" };

/** What an import needs to keep a workspace within its plan's lead count, and to say so in the rejected rows. */
export const leadLimitOf = (plan: PlanName) => ({ leads: planLimits[plan].leads, planName: planNames[plan] });
