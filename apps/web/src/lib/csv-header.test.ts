import { describe, expect, it } from "vitest";
import { toBase64 } from "./base64.ts";
import { parseCsvHeader, rejectionsCsv } from "./csv-header.ts";

describe("the CSV header read in the browser for column mapping", () => {
  it("splits plain, quoted and BOM-prefixed names", () => {
    expect(parseCsvHeader("\uFEFFemail, First Name ,company")).toEqual(["email", "First Name", "company"]);
    expect(parseCsvHeader('email,"Company, Inc.","He said ""hi"""')).toEqual([
      "email",
      "Company, Inc.",
      'He said "hi"',
    ]);
    expect(parseCsvHeader("")).toEqual([""]);
  });

  it("writes the rejected rows as CSV with quoted reasons, spreadsheet-safe", () => {
    expect(rejectionsCsv([{ line: 3, reason: 'Not an email address: "x"' }])).toBe(
      'line,reason\r\n3,"Not an email address: ""x"""',
    );
  });
});

describe("the chunk encoding of the import upload", () => {
  it("matches Node's base64 on large and odd-sized chunks", () => {
    const bytes = new Uint8Array(200_001).map((_, i) => (i * 31) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(toBase64(new Uint8Array())).toBe("");
  });
});
