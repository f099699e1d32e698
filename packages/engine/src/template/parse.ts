import { type TemplateNode, TemplateSyntaxError } from "./ast.ts";

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Parses `Hi {{firstName|there}}, {quick|short} {question|note}`. `{{` opens a variable, a single `{` a spintax
 * group whose options are separated by `|` and may nest. `\{`, `\}` and `\|` are literal characters. Spin groups
 * get ids in document order, so a lead's choices stay the same whatever other branches contain.
 */
export function parseTemplate(source: string): TemplateNode[] {
  let pos = 0;
  let spinIds = 0;

  function parseSequence(inSpin: boolean): { nodes: TemplateNode[]; stop: "|" | "}" | "end" } {
    const nodes: TemplateNode[] = [];
    let text = "";
    const flush = () => {
      if (text) nodes.push({ kind: "text", value: text });
      text = "";
    };
    while (pos < source.length) {
      const ch = source[pos]!;
      if (ch === "\\" && pos + 1 < source.length && "{}|\\".includes(source[pos + 1]!)) {
        text += source[pos + 1];
        pos += 2;
      } else if (source.startsWith("{{", pos)) {
        flush();
        nodes.push(parseVariable());
      } else if (ch === "{") {
        flush();
        nodes.push(parseSpin());
      } else if (inSpin && (ch === "|" || ch === "}")) {
        flush();
        pos++;
        return { nodes, stop: ch };
      } else if (ch === "}") {
        throw new TemplateSyntaxError("A closing } has no opening {", pos);
      } else {
        text += ch;
        pos++;
      }
    }
    flush();
    return { nodes, stop: "end" };
  }

  function parseVariable(): TemplateNode {
    const start = pos;
    const end = source.indexOf("}}", pos + 2);
    if (end === -1) throw new TemplateSyntaxError("A variable opened with {{ is never closed with }}", start);
    const inner = source.slice(pos + 2, end);
    pos = end + 2;
    const bar = inner.indexOf("|");
    const name = (bar === -1 ? inner : inner.slice(0, bar)).trim();
    if (!VARIABLE_NAME.test(name)) {
      throw new TemplateSyntaxError(`"${name}" is not a variable name (letters, digits, _ and .)`, start);
    }
    return { kind: "variable", name, fallback: bar === -1 ? null : inner.slice(bar + 1).trim() };
  }

  function parseSpin(): TemplateNode {
    const start = pos;
    pos++; // the {
    const id = spinIds++;
    const options: TemplateNode[][] = [];
    for (;;) {
      const { nodes, stop } = parseSequence(true);
      options.push(nodes);
      if (stop === "}") break;
      if (stop === "end") throw new TemplateSyntaxError("A { is never closed with }", start);
    }
    if (options.length < 2) {
      throw new TemplateSyntaxError("A {spin|tax} group needs at least two options separated by |", start);
    }
    return { kind: "spin", id, options };
  }

  return parseSequence(false).nodes;
}

/** Every variable name a template can use, in any branch. */
export function variablesOf(nodes: TemplateNode[]): Set<string> {
  const names = new Set<string>();
  const walk = (list: TemplateNode[]) => {
    for (const node of list) {
      if (node.kind === "variable") names.add(node.name);
      else if (node.kind === "spin") node.options.forEach(walk);
    }
  };
  walk(nodes);
  return names;
}
