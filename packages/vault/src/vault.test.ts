import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyIdOf, parseKeyRing, Vault, VaultError } from "./index.ts";

const newKey = () => randomBytes(32).toString("base64");
const ring = (current: string, keys: Record<string, string>) => new Vault(parseKeyRing({ current, keys }));
const k1 = newKey();
const k2 = newKey();
const vault = ring("k1", { k1 });

/** Flips one character of one dot-separated part, keeping it valid base64url. */
function tamper(sealed: string, partIndex: number): string {
  const parts = sealed.split(".");
  const part = parts[partIndex]!;
  const bytes = Buffer.from(part, "base64url");
  bytes[0] = bytes[0]! ^ 0x01;
  parts[partIndex] = bytes.toString("base64url");
  return parts.join(".");
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return "OK";
  } catch (error) {
    return error instanceof VaultError ? error.code : "OTHER";
  }
};

describe("vault", () => {
  it("round-trips and names its key", () => {
    const sealed = vault.seal("app-password-123", "inbox:1");
    expect(sealed.startsWith("v1.k1.")).toBe(true);
    expect(sealed).not.toContain("app-password-123");
    expect(vault.open(sealed, "inbox:1")).toBe("app-password-123");
    expect(keyIdOf(sealed)).toBe("k1");
  });

  it("uses a fresh IV for every seal", () => {
    const ivs = new Set(Array.from({ length: 1000 }, () => vault.seal("same", "ctx").split(".")[2]));
    expect(ivs.size).toBe(1000);
  });

  it.each([
    ["IV", 2],
    ["ciphertext", 3],
    ["tag", 4],
  ])("refuses a tampered %s", (_name, index) => {
    const sealed = vault.seal("secret", "inbox:1");
    expect(codeOf(() => vault.open(tamper(sealed, index), "inbox:1"))).toBe("AUTHENTICATION_FAILED");
  });

  it("refuses a value moved to another record (AAD)", () => {
    const sealed = vault.seal("secret", "inbox:1");
    expect(codeOf(() => vault.open(sealed, "inbox:2"))).toBe("AUTHENTICATION_FAILED");
  });

  it("refuses a value relabelled with another key id", () => {
    const both = ring("k1", { k1, k2: k1 }); // same bytes under two ids: only the AAD tells them apart
    const sealed = both.seal("secret", "ctx");
    expect(codeOf(() => both.open(sealed.replace("v1.k1.", "v1.k2."), "ctx"))).toBe("AUTHENTICATION_FAILED");
  });

  it("refuses to open with the wrong key", () => {
    const sealed = vault.seal("secret", "ctx");
    const impostor = ring("k1", { k1: k2 });
    expect(codeOf(() => impostor.open(sealed, "ctx"))).toBe("AUTHENTICATION_FAILED");
  });

  it("says which key is missing", () => {
    const sealed = ring("old", { old: k2 }).seal("secret", "ctx");
    expect(() => vault.open(sealed, "ctx")).toThrow(/"old"/);
    expect(codeOf(() => vault.open(sealed, "ctx"))).toBe("UNKNOWN_KEY");
  });

  it("refuses malformed input", () => {
    for (const bad of ["", "plaintext", "v2.k1.a.b.c", "v1.k1.AAAA.AAAA.AAAA", "v1.k1..."]) {
      expect(codeOf(() => vault.open(bad, "ctx"))).toBe("MALFORMED");
    }
  });

  it("rotates: values sealed under an old key re-seal under the new one, then the old key can go", () => {
    const before = ring("k1", { k1 });
    const secrets = ["one", "two", "thr€€", ""];
    const sealed = secrets.map((s, i) => before.seal(s, `inbox:${i}`));
    const during = ring("k2", { k1, k2 });
    expect(sealed.every((s) => during.needsRotation(s))).toBe(true);
    const resealed = sealed.map((s, i) => during.seal(during.open(s, `inbox:${i}`), `inbox:${i}`));
    const after = ring("k2", { k2 });
    expect(resealed.map((s, i) => after.open(s, `inbox:${i}`))).toEqual(secrets);
    expect(codeOf(() => after.open(sealed[0]!, "inbox:0"))).toBe("UNKNOWN_KEY");
  });

  it("round-trips any string under any context, and never opens under another (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.string(), fc.string(), (secret, ctx, other) => {
        const sealed = vault.seal(secret, ctx);
        expect(vault.open(sealed, ctx)).toBe(secret);
        if (other !== ctx) expect(codeOf(() => vault.open(sealed, other))).toBe("AUTHENTICATION_FAILED");
      }),
      { numRuns: 500 },
    );
  });
});

describe("key ring", () => {
  it("refuses a key that is not 32 bytes, and a current key it does not hold", () => {
    expect(() => parseKeyRing({ current: "a", keys: { a: randomBytes(16).toString("base64") } })).toThrow(
      /32 random bytes/,
    );
    expect(() => parseKeyRing({ current: "a", keys: { a: "not base64!!" } })).toThrow(/32 random bytes/);
    expect(() => parseKeyRing({ current: "b", keys: { a: newKey() } })).toThrow(/"b" is not among/);
  });
});
