import { describe, expect, it } from "vitest";
import { ConfigError, loadServerConfig } from "./index.ts";

const good = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/mailflow",
  JWT_SECRET: "q8Zr1vN3kP0xWm7cT5yB2hL9dF4gJ6sA",
  PASSWORD_PEPPER: "Hn2Lq7Vx0Rk5Tz8Bc3Mw6Pf9Yd1Gs4Ja",
  UNSUBSCRIBE_SECRET: "Wd4Nc8Ry2Lp6Ht0Qs3Vb7Kx1Jm5Fz9Ga",
  TLS_CERT_FILE: "/tmp/cert.pem",
  TLS_KEY_FILE: "/tmp/key.pem",
  PUBLIC_URL: "https://localhost:8443",
  VAULT_KEYS_FILE: "/etc/mailflow/vault-keys.json",
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("server config", () => {
  it("accepts a complete environment and applies safe defaults", () => {
    const config = loadServerConfig(good);
    expect(config.NODE_ENV).toBe("production");
    expect(config.PORT).toBe(8443);
  });

  it("names a missing secret", () => {
    const problems = problemsOf({ ...good, JWT_SECRET: undefined });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^JWT_SECRET:/);
  });

  it("refuses a short secret and says how long it must be", () => {
    expect(problemsOf({ ...good, PASSWORD_PEPPER: "short" })[0]).toMatch(/PASSWORD_PEPPER: must be at least 32/);
  });

  it("refuses a long but placeholder secret", () => {
    expect(problemsOf({ ...good, JWT_SECRET: "changeme-changeme-changeme-changeme" })[0]).toMatch(/placeholder/);
    expect(problemsOf({ ...good, JWT_SECRET: "a".repeat(64) })[0]).toMatch(/placeholder/);
  });

  it("never echoes the secret value in the error", () => {
    const weak = "weakweakweakweakweakweakweakweak1";
    const message = (() => {
      try {
        loadServerConfig({ ...good, JWT_SECRET: weak });
      } catch (error) {
        return String(error);
      }
      return "";
    })();
    expect(message).toContain("JWT_SECRET");
    expect(message).not.toContain(weak);
  });

  it("requires an https public URL", () => {
    expect(problemsOf({ ...good, PUBLIC_URL: "http://localhost" })[0]).toMatch(/PUBLIC_URL/);
  });
});

describe("vault key configuration", () => {
  it("requires exactly one of VAULT_KEYS and VAULT_KEYS_FILE", () => {
    expect(problemsOf({ ...good, VAULT_KEYS_FILE: undefined })[0]).toMatch(/VAULT_KEYS_FILE: set exactly one/);
    expect(problemsOf({ ...good, VAULT_KEYS: "{}" })[0]).toMatch(/set exactly one/);
  });
});
