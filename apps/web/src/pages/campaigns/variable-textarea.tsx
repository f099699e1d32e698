import { parseTemplate } from "@mailflow/engine/template-syntax";
import { cn, Input, Textarea } from "@mailflow/ui";
import { type KeyboardEvent, useId, useRef, useState } from "react";

/** The template problem in `text` (an unclosed `{{`, an empty spintax option), or null when it parses. */
export function templateProblem(text: string): string | null {
  try {
    parseTemplate(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : "This template cannot be read.";
  }
}

/**
 * A subject or body editor with variable autocomplete: typing `{{` lists the variables the leads have; arrows
 * choose, Enter or Tab inserts, Escape closes. The syntax is checked as you type, with the engine's own parser.
 */
export function VariableEditor({
  label,
  value,
  onChange,
  variables,
  multiline,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  variables: readonly string[];
  multiline?: boolean;
  error?: string | null;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const matches =
    query === null ? [] : variables.filter((v) => v.toLowerCase().startsWith(query.toLowerCase())).slice(0, 8);
  const problem = error ?? templateProblem(value);

  const update = (text: string, caret: number) => {
    onChange(text);
    const open = /\{\{\s*([A-Za-z0-9_]*)$/.exec(text.slice(0, caret));
    setQuery(open ? (open[1] ?? "") : null);
    setActive(0);
  };
  const insert = (name: string) => {
    const el = ref.current;
    if (!el) return;
    const caret = el.selectionStart ?? value.length;
    const before = value.slice(0, caret).replace(/\{\{\s*[A-Za-z0-9_]*$/, "");
    const after = value.slice(caret).replace(/^[A-Za-z0-9_]*\s*\}\}/, "");
    const next = `${before}{{${name}}}${after}`;
    onChange(next);
    setQuery(null);
    const position = before.length + name.length + 4;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(position, position);
    });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!matches.length) return;
    if (e.key === "ArrowDown") setActive((a) => (a + 1) % matches.length);
    else if (e.key === "ArrowUp") setActive((a) => (a - 1 + matches.length) % matches.length);
    else if (e.key === "Enter" || e.key === "Tab") insert(matches[active]!);
    else if (e.key === "Escape") setQuery(null);
    else return;
    e.preventDefault();
  };
  const common = {
    ref,
    id,
    value,
    role: "combobox",
    "aria-expanded": matches.length > 0,
    "aria-controls": `${id}-list`,
    "aria-autocomplete": "list" as const,
    "aria-invalid": Boolean(problem),
    "aria-describedby": problem ? `${id}-error` : undefined,
    "aria-activedescendant": matches.length ? `${id}-opt-${active}` : undefined,
    onKeyDown,
    onBlur: () => setTimeout(() => setQuery(null), 150),
    onChange: (e: { target: { value: string; selectionStart: number | null } }) =>
      update(e.target.value, e.target.selectionStart ?? e.target.value.length),
  };
  return (
    <div className="relative space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {multiline ? <Textarea {...common} rows={7} /> : <Input {...common} />}
      {matches.length ? (
        <div
          id={`${id}-list`}
          role="listbox"
          aria-label="Variables"
          className="absolute z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {matches.map((name, i) => (
            <div
              key={name}
              tabIndex={-1}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                insert(name);
              }}
              className={cn(
                "cursor-pointer px-3 py-1 font-mono text-xs",
                i === active ? "bg-indigo-50 text-indigo-700" : "text-slate-700",
              )}
            >
              {`{{${name}}}`}
            </div>
          ))}
        </div>
      ) : null}
      {problem ? (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-600">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
