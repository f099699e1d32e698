export const leadFields = ["email", "firstName", "lastName", "company", "title", "timeZone"] as const;
export type LeadField = (typeof leadFields)[number];

/** Header names people actually use, normalized (lower case, no spaces, dashes or underscores). */
const aliases: Record<LeadField, string[]> = {
  email: ["email", "emailaddress", "e-mail", "mail", "workemail"],
  firstName: ["firstname", "first", "givenname", "forename"],
  lastName: ["lastname", "last", "surname", "familyname"],
  company: ["company", "companyname", "organization", "organisation", "account"],
  title: ["title", "jobtitle", "position", "role"],
  timeZone: ["timezone", "tz", "time_zone"],
};
const normalize = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");

export interface ColumnPlan {
  /** Column index of each known field found. */
  fields: Partial<Record<LeadField, number>>;
  /** Every other non-empty header becomes a custom field under its own name. */
  custom: { name: string; index: number }[];
}

/**
 * Maps CSV columns to lead fields: an explicit mapping (field -> header) wins, then the aliases above. Returns a
 * readable error when no column holds the email address.
 */
export function planColumns(header: string[], mapping: Partial<Record<LeadField, string>> = {}): ColumnPlan | string {
  const fields: Partial<Record<LeadField, number>> = {};
  for (const field of leadFields) {
    const wanted = mapping[field];
    const index = wanted
      ? header.findIndex((h) => h.trim() === wanted.trim())
      : header.findIndex((h) => aliases[field].includes(normalize(h)));
    if (wanted && index === -1) return `The column "${wanted}" chosen for ${field} is not in the file.`;
    if (index !== -1) fields[field] = index;
  }
  if (fields.email === undefined) return "No column holds the email address. Choose which column has it.";
  const used = new Set(Object.values(fields));
  const custom = header
    .map((name, index) => ({ name: name.trim(), index }))
    .filter((c) => c.name !== "" && !used.has(c.index))
    .filter((c) => /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(c.name.replace(/\s+/g, "_")))
    .map((c) => ({ name: c.name.replace(/\s+/g, "_"), index: c.index }));
  return { fields, custom };
}
