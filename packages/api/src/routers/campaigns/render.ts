import type { Lead } from "@mailflow/db";
import { appendComplianceFooter, chooseVariant, type LeadFields, parseStep, renderStep } from "@mailflow/engine";
import type { StoredVariant } from "./schemas.ts";

/** The fields a template can use: the standard ones, then the lead's custom fields by name. */
export function fieldsOf(lead: Lead): LeadFields {
  return {
    ...(lead.customFields as Record<string, string>),
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    title: lead.title,
    timeZone: lead.timeZone,
  };
}

/** The variant this lead gets for this step (weighted, deterministic), ready to render. */
export function stepForLead(step: { id: string; variants: unknown }, leadId: string) {
  const variant = chooseVariant(step.variants as StoredVariant[], `${leadId}\u0000${step.id}`);
  return {
    variant,
    parsed: parseStep({ id: variant.id, subject: variant.subject, body: variant.body, bodyFormat: variant.bodyFormat }),
  };
}

/** Exactly what the lead would receive for a step: rendered, with the sender footer and unsubscribe link. */
export function renderForLead(
  step: { id: string; variants: unknown },
  lead: Lead,
  identity: { company: string; postalAddress: string },
  unsubscribeUrl: string,
) {
  const { variant, parsed } = stepForLead(step, lead.id);
  const rendered = renderStep(parsed, fieldsOf(lead), lead.id);
  return {
    variantId: variant.id,
    subject: rendered.subject,
    missing: rendered.missing,
    ...appendComplianceFooter(rendered, identity, unsubscribeUrl),
  };
}
