import { createHash } from "node:crypto";
import type { TemplateNode } from "./ast.ts";

/**
 * Where the output goes decides how a variable's value is made safe:
 * - "header": a subject or other header line; every line break and control character becomes a space, so a value
 *   (or the template) can never start a new header;
 * - "html": values are HTML-escaped (the template's own markup is the author's);
 * - "text": values as they are.
 */
export type RenderMode = "header" | "html" | "text";

export type LeadFields = Readonly<Record<string, string | null | undefined>>;

export interface RenderResult {
  output: string;
  /** Variables that had no value and no fallback. Launch refuses a campaign while any lead has one. */
  missing: string[];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point (header safety).
const CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
const headerSafe = (value: string) => value.replace(CONTROL, " ");

/**
 * Picks a spin option from the seed and the group's id: the same lead (seed) always gets the same variant, so a
 * resend or a retry renders an identical message, while across leads the options spread evenly.
 */
export function spinChoice(seed: string, spinId: number, optionCount: number): number {
  const digest = createHash("sha256").update(`${seed}\u0000${spinId}`).digest();
  return digest.readUInt32BE(0) % optionCount;
}

export function renderTemplate(
  nodes: TemplateNode[],
  fields: LeadFields,
  seed: string,
  mode: RenderMode,
): RenderResult {
  const missing = new Set<string>();
  const format = (value: string) =>
    mode === "html" ? escapeHtml(value) : mode === "header" ? headerSafe(value) : value;

  const walk = (list: TemplateNode[]): string => {
    let out = "";
    for (const node of list) {
      if (node.kind === "text") out += node.value;
      else if (node.kind === "variable") {
        const value = fields[node.name];
        if (value !== null && value !== undefined && value.trim() !== "") out += format(value);
        else if (node.fallback !== null) out += format(node.fallback);
        else missing.add(node.name);
      } else {
        out += walk(node.options[spinChoice(seed, node.id, node.options.length)]!);
      }
    }
    return out;
  };

  const raw = walk(nodes);
  const output = mode === "header" ? headerSafe(raw).replace(/ {2,}/g, " ").trim() : raw;
  return { output, missing: [...missing] };
}
