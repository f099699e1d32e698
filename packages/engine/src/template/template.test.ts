import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkTemplates,
  escapeHtml,
  parseStep,
  parseTemplate,
  renderStep,
  renderTemplate,
  TemplateSyntaxError,
  variablesOf,
} from "../index.ts";

const render = (
  source: string,
  fields: Record<string, string | null> = {},
  seed = "lead-1",
  mode: "text" | "html" | "header" = "text",
) => renderTemplate(parseTemplate(source), fields, seed, mode);

describe("variables", () => {
  it("fills variables and custom fields, and uses the fallback for a missing or blank value", () => {
    const fields = { firstName: "Ada", company: "Analytical Engines", industry: "computing", title: "  " };
    expect(render("Hi {{firstName}} at {{ company }} ({{industry}})", fields).output).toBe(
      "Hi Ada at Analytical Engines (computing)",
    );
    expect(render("Hi {{lastName|there}}, {{title|friend}}", fields).output).toBe("Hi there, friend");
  });

  it("reports a variable with no value and no fallback", () => {
    expect(render("Hi {{firstName}}, about {{company}}", { firstName: "Ada" })).toEqual({
      output: "Hi Ada, about ",
      missing: ["company"],
    });
  });

  it("lists every variable of every branch", () => {
    expect([...variablesOf(parseTemplate("{{a}} {x {{b}}|{y|{{c|z}}}}"))].sort()).toEqual(["a", "b", "c"]);
  });
});

describe("spintax", () => {
  it("chooses among nested options", () => {
    const outputs = new Set(
      Array.from({ length: 300 }, (_, i) => render("{Hi|Hello {there|friend}}", {}, `lead-${i}`).output),
    );
    expect(outputs).toEqual(new Set(["Hi", "Hello there", "Hello friend"]));
  });

  it("gives the same lead the same variant every time (property)", () => {
    const template = parseTemplate("{Hi|Hello|Hey} {{firstName|there}}, {quick|short} {question|note|idea}");
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const first = renderTemplate(template, { firstName: "Ada" }, seed, "text").output;
        expect(renderTemplate(template, { firstName: "Ada" }, seed, "text").output).toBe(first);
      }),
    );
  });

  it("spreads the options roughly evenly across leads", () => {
    const counts = { Hi: 0, Hello: 0, Hey: 0 };
    for (let i = 0; i < 3000; i++) counts[render("{Hi|Hello|Hey}", {}, `lead-${i}`).output as keyof typeof counts]++;
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(850);
  });

  it("keeps literal braces and bars when escaped, and bars outside groups", () => {
    expect(render("a \\{b\\} c\\|d | e").output).toBe("a {b} c|d | e");
  });
});

describe("syntax errors say where", () => {
  it.each([
    ["Hi {there|friend", /never closed with \}.*character 4/],
    ["Hi {{firstName", /never closed with \}\}/],
    ["Hi there}", /closing \} has no opening \{.*character 9/],
    ["{only}", /at least two options/],
    ["{{first name}}", /not a variable name/],
  ])("%s", (source, message) => {
    expect(() => parseTemplate(source)).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate(source)).toThrow(message);
  });
});

describe("header safety", () => {
  it("never lets a value or the template start a new header line (property)", () => {
    const template = parseTemplate("Re: {{company}} {and|with} {{firstName|you}}\r\nBcc: evil@example.test");
    fc.assert(
      fc.property(fc.string(), fc.string(), (company, firstName) => {
        const { output } = renderTemplate(template, { company, firstName }, "seed", "header");
        // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that no control character is left.
        expect(output).not.toMatch(/[\r\n\u0000-\u001f\u007f\u0085\u2028\u2029]/);
      }),
    );
  });

  it("turns an injection attempt into harmless text on one line", () => {
    const { output } = render(
      "Quick question for {{company}}",
      { company: "Acme\r\nBcc: all@example.test" },
      "s",
      "header",
    );
    expect(output).toBe("Quick question for Acme Bcc: all@example.test");
  });
});

describe("HTML bodies", () => {
  it("escapes every variable value but keeps the author's markup (property)", () => {
    const template = parseTemplate("<p>Hi <b>{{firstName}}</b></p>");
    fc.assert(
      fc.property(fc.string(), (firstName) => {
        fc.pre(firstName.trim() !== "");
        const { output } = renderTemplate(template, { firstName }, "seed", "html");
        expect(output).toBe(`<p>Hi <b>${escapeHtml(firstName)}</b></p>`);
      }),
    );
  });

  it("always produces a plain-text part, from HTML or from text", () => {
    const fields = { firstName: "<Ada>" };
    const html = renderStep(
      parseStep({ id: "s1", subject: "Hi", body: "<p>Hello {{firstName}},</p><p>Bye</p>", bodyFormat: "html" }),
      fields,
      "l1",
    );
    expect(html.html).toBe("<p>Hello &lt;Ada&gt;,</p><p>Bye</p>");
    expect(html.text).toBe("Hello <Ada>,\n\nBye");
    const text = renderStep(
      parseStep({ id: "s1", subject: "Hi", body: "Hello {{firstName}},\n\nBye\nMe", bodyFormat: "text" }),
      fields,
      "l1",
    );
    expect(text.text).toBe("Hello <Ada>,\n\nBye\nMe");
    expect(text.html).toBe("<p>Hello &lt;Ada&gt;,</p>\n<p>Bye<br>Me</p>");
  });

  it("renders a step identically for the same lead, with subject and body seeded apart", () => {
    const step = parseStep({ id: "s1", subject: "{A|B|C|D|E|F|G|H}", body: "{A|B|C|D|E|F|G|H}", bodyFormat: "text" });
    const messages = Array.from({ length: 50 }, (_, i) => renderStep(step, {}, `lead-${i}`));
    for (const [i, message] of messages.entries()) expect(renderStep(step, {}, `lead-${i}`)).toEqual(message);
    expect(messages.some((m) => m.subject !== m.text)).toBe(true);
  });
});

describe("pre-launch check", () => {
  const steps = [
    { id: "step-1", subject: "Hi {{firstName}}", body: "About {{company|your team}}", bodyFormat: "text" as const },
    {
      id: "step-2",
      subject: "Re: {{firstName}}",
      body: "{Following up|{{title}} question}",
      bodyFormat: "text" as const,
    },
  ];

  it("lists the leads that would get an empty variable, per step, using their real spintax choice", () => {
    const leads = Array.from({ length: 40 }, (_, i) => ({
      id: `lead-${i}`,
      fields: { firstName: i % 10 === 0 ? "" : `Lead${i}`, title: null },
    }));
    const problems = checkTemplates(steps, leads);
    expect(problems.syntax).toEqual([]);
    const missingFirstName = problems.missing.filter((m) => m.variables.includes("firstName"));
    expect(new Set(missingFirstName.map((m) => m.leadId))).toEqual(
      new Set(["lead-0", "lead-10", "lead-20", "lead-30"]),
    );
    // {{title}} only blocks the leads whose variant of step 2 contains it.
    const missingTitle = problems.missing.filter((m) => m.variables.includes("title")).map((m) => m.leadId);
    const step2 = parseStep(steps[1]!);
    for (const lead of leads) {
      const usesTitle = renderStep(step2, { firstName: "x", title: "T" }, lead.id).text.startsWith("T");
      expect(missingTitle.includes(lead.id)).toBe(usesTitle);
    }
  });

  it("reports syntax errors per step and part", () => {
    const problems = checkTemplates([{ id: "bad", subject: "Hi {there", body: "ok", bodyFormat: "text" }], []);
    expect(problems.syntax).toEqual([
      { stepId: "bad", part: "subject", message: expect.stringMatching(/never closed/) },
    ]);
  });
});
