import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { exportZip, toCsv } from "./zip.ts";

describe("export files", () => {
  it("writes a JSON document and one CSV per section, dates and JSON readable", () => {
    const zip = exportZip(
      "subject",
      { subject: "ada@example.com", generatedAt: new Date("2026-11-29T10:00:00Z") },
      {
        leads: [{ id: "l1", email: "ada@example.com", customFields: { plan: "pro" }, createdAt: new Date(0) }],
        messages: [],
      },
    );
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(["csv/leads.csv", "csv/messages.csv", "subject.json"]);
    const json = JSON.parse(strFromU8(files["subject.json"]!));
    expect(json).toEqual({
      subject: "ada@example.com",
      generatedAt: "2026-11-29T10:00:00.000Z",
      leads: [
        { id: "l1", email: "ada@example.com", customFields: { plan: "pro" }, createdAt: "1970-01-01T00:00:00.000Z" },
      ],
      messages: [],
    });
    expect(strFromU8(files["csv/leads.csv"]!)).toBe(
      'id,email,customFields,createdAt\r\nl1,ada@example.com,"{""plan"":""pro""}",1970-01-01T00:00:00.000Z\r\n',
    );
  });

  it("a cell that a spreadsheet would run as a formula is neutralised", () => {
    expect(toCsv([{ name: "=HYPERLINK(1)", n: 2n, empty: null }])).toBe("name,n,empty\r\n'=HYPERLINK(1),2,\r\n");
  });
});
