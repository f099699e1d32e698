import { type TemplateNode, TemplateSyntaxError } from "./ast.ts";
import { type ParsedStep, renderStep, type StepTemplate } from "./message.ts";
import { parseTemplate } from "./parse.ts";
import type { LeadFields } from "./render.ts";

export interface TemplateProblems {
  syntax: { stepId: string; part: "subject" | "body"; message: string }[];
  /** Leads that would get an empty variable, with the variables; launch is refused while this is not empty. */
  missing: { leadId: string; stepId: string; variables: string[] }[];
}

/**
 * The pre-launch check. Renders every step for every lead exactly as it would be sent (same spintax choices), so
 * a variable inside a branch a lead never gets does not block it, and one it does get always does. Stops
 * collecting after `limit` lead problems: enough to show, without building a list as long as the lead list.
 */
export function checkTemplates(
  steps: StepTemplate[],
  leads: Iterable<{ id: string; fields: LeadFields }>,
  limit = 1000,
): TemplateProblems {
  const problems: TemplateProblems = { syntax: [], missing: [] };
  const parsed: ParsedStep[] = [];
  for (const step of steps) {
    const parse = (part: "subject" | "body"): TemplateNode[] | null => {
      try {
        return parseTemplate(step[part]);
      } catch (error) {
        if (!(error instanceof TemplateSyntaxError)) throw error;
        problems.syntax.push({ stepId: step.id, part, message: error.message });
        return null;
      }
    };
    const subject = parse("subject");
    const body = parse("body");
    if (subject && body) parsed.push({ id: step.id, subject, body, bodyFormat: step.bodyFormat });
  }
  for (const lead of leads) {
    for (const step of parsed) {
      const { missing } = renderStep(step, lead.fields, lead.id);
      if (missing.length > 0) problems.missing.push({ leadId: lead.id, stepId: step.id, variables: missing.sort() });
      if (problems.missing.length >= limit) return problems;
    }
  }
  return problems;
}
