import { appendComplianceFooter, type SenderIdentity } from "./footer.ts";
import { type ParsedStep, parseStep, renderStep } from "./message.ts";
import type { LeadFields } from "./render.ts";
import { chooseVariant } from "./variants.ts";

/** The lead columns a template can use (a Lead row fits). */
export interface LeadRecord {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  timeZone: string | null;
  /** The import's extra columns, by header name. */
  customFields: unknown;
}

/** A stored step variant: the template plus its A/B weight. */
export interface StepVariant {
  id: string;
  weight: number;
  subject: string;
  body: string;
  bodyFormat: "text" | "html";
}

/** The fields a template can use: the lead's custom fields by name, then the standard ones (which win). */
export function fieldsOf(lead: LeadRecord): LeadFields {
  const custom =
    lead.customFields && typeof lead.customFields === "object" ? (lead.customFields as Record<string, string>) : {};
  return {
    ...custom,
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    title: lead.title,
    timeZone: lead.timeZone,
  };
}

/** The variant this lead gets for this step (weighted, deterministic), parsed and ready to render. */
export function stepForLead(
  step: { id: string; variants: readonly StepVariant[] },
  leadId: string,
): { variant: StepVariant; parsed: ParsedStep } {
  const variant = chooseVariant(step.variants, `${leadId}\u0000${step.id}`);
  return {
    variant,
    parsed: parseStep({ id: variant.id, subject: variant.subject, body: variant.body, bodyFormat: variant.bodyFormat }),
  };
}

export interface LeadMessage {
  variantId: string;
  subject: string;
  text: string;
  html: string;
  /** Variables that rendered empty (no value, no fallback): launch refuses these. */
  missing: string[];
}

/**
 * Exactly what the lead receives for a step: the variant, personalization, and the sender footer with the
 * unsubscribe link. The preview and the scheduler both call this, so a preview is what gets sent.
 */
export function renderForLead(
  step: { id: string; variants: readonly StepVariant[] },
  lead: LeadRecord,
  identity: SenderIdentity,
  unsubscribeUrl: string,
): LeadMessage {
  const { variant, parsed } = stepForLead(step, lead.id);
  const rendered = renderStep(parsed, fieldsOf(lead), lead.id);
  return {
    variantId: variant.id,
    subject: rendered.subject,
    missing: rendered.missing,
    ...appendComplianceFooter(rendered, identity, unsubscribeUrl),
  };
}
