/** A parsed template: literal text, `{{variable|fallback}}` and `{spin|tax}` nodes (options may nest). */
export type TemplateNode =
  | { kind: "text"; value: string }
  | { kind: "variable"; name: string; fallback: string | null }
  | { kind: "spin"; id: number; options: TemplateNode[][] };

/** A template that does not parse; `index` is the 0-based character position. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(`${message} (at character ${index + 1})`);
    this.name = "TemplateSyntaxError";
  }
}
