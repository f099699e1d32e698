import { convert } from "html-to-text";
import type { TemplateNode } from "./ast.ts";
import { parseTemplate } from "./parse.ts";
import { escapeHtml, type LeadFields, renderTemplate } from "./render.ts";

export interface StepTemplate {
  /** Stable id of the step (or A/B variant): part of the spin seed. */
  id: string;
  subject: string;
  body: string;
  /** "text": the author writes plain text; "html": the author writes HTML. Either way both parts are produced. */
  bodyFormat: "text" | "html";
}

export interface ParsedStep {
  id: string;
  subject: TemplateNode[];
  body: TemplateNode[];
  bodyFormat: "text" | "html";
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  missing: string[];
}

export function parseStep(step: StepTemplate): ParsedStep {
  return {
    id: step.id,
    subject: parseTemplate(step.subject),
    body: parseTemplate(step.body),
    bodyFormat: step.bodyFormat,
  };
}

/** Plain text to a minimal HTML part: escaped, paragraphs on blank lines, <br> on single ones. */
function textToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\r?\n/g, "<br>")}</p>`)
    .join("\n");
}

/**
 * One message for one lead. The seed is the lead and step, so the same lead always gets the same wording; subject
 * and body choose their spintax independently.
 */
export function renderStep(step: ParsedStep, fields: LeadFields, leadId: string): RenderedMessage {
  const seed = `${leadId}\u0000${step.id}`;
  const subject = renderTemplate(step.subject, fields, `${seed}\u0000subject`, "header");
  if (step.bodyFormat === "html") {
    const html = renderTemplate(step.body, fields, `${seed}\u0000body`, "html");
    return {
      subject: subject.output,
      html: html.output,
      text: convert(html.output, {
        wordwrap: false,
        selectors: [{ selector: "a", options: { hideLinkHrefIfSameAsText: true } }],
      }),
      missing: [...new Set([...subject.missing, ...html.missing])],
    };
  }
  const text = renderTemplate(step.body, fields, `${seed}\u0000body`, "text");
  return {
    subject: subject.output,
    text: text.output,
    html: textToHtml(text.output),
    missing: [...new Set([...subject.missing, ...text.missing])],
  };
}
