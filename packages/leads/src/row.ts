import { z } from "zod";
import type { ColumnPlan } from "./columns.ts";

export interface LeadRow {
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  timeZone: string | null;
  customFields: Record<string, string>;
}

const emailSchema = z.email();
const MAX_FIELD = 500;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** One CSV record to a lead, or the reason it cannot be one (shown to the user with its line number). */
export function toLeadRow(record: string[], plan: ColumnPlan): LeadRow | { error: string } {
  const cell = (index: number | undefined) => {
    const value = index === undefined ? "" : (record[index] ?? "").trim();
    return value === "" ? null : value;
  };
  const email = cell(plan.fields.email)?.toLowerCase() ?? null;
  if (!email) return { error: "The email address is empty." };
  if (email.length > 254 || !emailSchema.safeParse(email).success)
    return { error: `"${email.slice(0, 80)}" is not a valid email address.` };
  const timeZone = cell(plan.fields.timeZone);
  if (timeZone && !isTimeZone(timeZone))
    return { error: `"${timeZone.slice(0, 60)}" is not a time zone (use e.g. Europe/Berlin).` };
  const row: LeadRow = {
    email,
    firstName: cell(plan.fields.firstName),
    lastName: cell(plan.fields.lastName),
    company: cell(plan.fields.company),
    title: cell(plan.fields.title),
    timeZone,
    customFields: {},
  };
  for (const { name, index } of plan.custom) {
    const value = cell(index);
    if (value !== null) row.customFields[name] = value;
  }
  const tooLong = [row.firstName, row.lastName, row.company, row.title, ...Object.values(row.customFields)].some(
    (v) => v !== null && v.length > MAX_FIELD,
  );
  if (tooLong) return { error: `A value is longer than ${MAX_FIELD} characters.` };
  return row;
}
