import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSuppressionEntry, UnsubscribeTokens } from "./index.ts";

const tokens = new UnsubscribeTokens("a-long-random-server-secret-for-tests-0001");
const payload = { workspaceId: "5b0c2a3e-8f1d-4c7a-9e2b-1a2b3c4d5e6f", email: "Ada@Example.test" };

describe("unsubscribe tokens", () => {
  it("round-trips, lower-casing the address", () => {
    expect(tokens.verify(tokens.sign(payload))).toEqual({
      workspaceId: payload.workspaceId,
      email: "ada@example.test",
    });
  });

  it("refuses a token signed under another secret", () => {
    const other = new UnsubscribeTokens("another-long-random-server-secret-0002");
    expect(tokens.verify(other.sign(payload))).toBeNull();
  });

  it("refuses any change to the token (property)", () => {
    const token = tokens.sign(payload);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(..."ABCabc019-_."), (index, ch) => {
        fc.pre(token[index] !== ch);
        const changed = token.slice(0, index) + ch + token.slice(index + 1);
        expect(tokens.verify(changed)).toBeNull();
      }),
    );
  });

  it("refuses garbage", () => {
    for (const bad of ["", ".", "a.b", "a.b.c", `${tokens.sign(payload)}.x`]) expect(tokens.verify(bad)).toBeNull();
  });
});

describe("suppression entries", () => {
  it.each([
    ["Ada@Example.COM", { kind: "EMAIL", value: "ada@example.com" }],
    ["example.com", { kind: "DOMAIN", value: "example.com" }],
    ["@Sub.Example.co.uk", { kind: "DOMAIN", value: "sub.example.co.uk" }],
    ["not an address", null],
    ["@", null],
    ["a@b", null],
  ])("%s", (raw, expected) => {
    expect(parseSuppressionEntry(raw)).toEqual(expected);
  });
});
