import type { DbOrTx, Plan } from "@mailflow/db";
import { planLimits, planNames } from "@mailflow/engine";
import { AppError } from "./errors.ts";

export { planLimits };

/** Refuses adding `adding` more inboxes beyond the plan's number, saying what the plan allows and how to get more. */
export function assertInboxAllowance(plan: Plan, current: number, adding = 1): void {
  const limit = planLimits[plan].inboxes;
  if (current + adding > limit) {
    throw new AppError(
      "FORBIDDEN",
      `The ${planNames[plan]} plan allows ${limit} inboxes and this workspace has ${current}. Remove one or move to a larger plan.`,
    );
  }
}

/** Refuses a feature the plan does not include. */
export function assertPlanFeature(plan: Plan, feature: "regionChange" | "dpa"): void {
  if (!planLimits[plan][feature]) {
    const what =
      feature === "regionChange" ? "Moving a workspace to another region" : "The data processing agreement (DPA)";
    throw new AppError("FORBIDDEN", `${what} is part of the Scale plan; this workspace is on ${planNames[plan]}.`);
  }
}

export async function planOf(db: DbOrTx, workspaceId: string): Promise<Plan> {
  return (await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { plan: true } })).plan;
}
