import { execFile } from "node:child_process";
import { get } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:tls";
import { promisify } from "node:util";
import { createApiClient } from "@mailflow/api-client";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpRedirect } from "./http-redirect.ts";
import { createTestApp, GOOD_PASSWORD, PUBLIC_URL, type TestApp, uniqueEmail } from "./testing/test-app.ts";

let t: TestApp;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

describe("TLS on the started server", () => {
  it("sslscan finds only TLS 1.2/1.3 with forward-secret AEAD suites", async () => {
    const { stdout } = await promisify(execFile)("sslscan", [
      "--no-colour",
      "--no-check-certificate",
      `127.0.0.1:${port}`,
    ]);
    const protocols = Object.fromEntries(
      [...stdout.matchAll(/^(SSLv2|SSLv3|TLSv1\.[0-3])\s+(enabled|disabled)/gm)].map((m) => [m[1], m[2]]),
    );
    expect(protocols).toEqual({
      SSLv2: "disabled",
      SSLv3: "disabled",
      "TLSv1.0": "disabled",
      "TLSv1.1": "disabled",
      "TLSv1.2": "enabled",
      "TLSv1.3": "enabled",
    });
    const suites = [...stdout.matchAll(/^(?:Preferred|Accepted)\s+(TLSv1\.[0-3])\s+\d+ bits\s+(\S+)/gm)].map((m) => ({
      protocol: m[1]!,
      cipher: m[2]!,
    }));
    console.log(`sslscan 127.0.0.1:${port}:\n${suites.map((s) => `  ${s.protocol} ${s.cipher}`).join("\n")}`);
    expect(suites.length).toBeGreaterThan(0);
    for (const { protocol, cipher } of suites) {
      expect(["TLSv1.2", "TLSv1.3"]).toContain(protocol);
      if (protocol === "TLSv1.2") expect(cipher).toMatch(/^ECDHE-(RSA|ECDSA)-(AES\d+-GCM|CHACHA20-POLY1305)/);
      expect(cipher).not.toMatch(/CBC|RC4|3DES|NULL|EXPORT|anon|^AES|^DHE-|^RSA/);
    }
  });

  it("refuses a client that speaks only TLS 1.1", async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({
        host: "127.0.0.1",
        port,
        minVersion: "TLSv1",
        maxVersion: "TLSv1.1",
        ciphers: "DEFAULT@SECLEVEL=0",
        rejectUnauthorized: false,
      });
      socket.once("secureConnect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error) => resolve(`refused: ${error.message}`));
    });
    expect(outcome).toMatch(/^refused/);
  });

  it("serves the typed API client (packages/api-client) over HTTPS end to end", async () => {
    const dispatcher = new Agent({ connect: { ca: t.ca, servername: "localhost" } });
    // The same typed client the dashboard, the desktop app and integrations use (packages/api-client).
    const clientWith = (token?: string) =>
      createApiClient({
        url: `https://localhost:${port}`,
        getToken: () => token ?? null,
        fetch: (url, init) =>
          undiciFetch(String(url), { ...(init as object), dispatcher }) as unknown as Promise<Response>,
      });
    const signedUp = await clientWith().auth.signUp.mutate({
      email: uniqueEmail("typed"),
      name: "Typed",
      password: GOOD_PASSWORD,
      transport: "bearer",
    });
    const me = await clientWith(signedUp.token!).auth.me.query();
    const workspaceId = me.workspaces[0]!.id;
    const created = await clientWith(signedUp.token!).apiKeys.create.mutate({ workspaceId, name: "typed key" });
    const viaKey = await clientWith(created.key).workspaces.get.query({ workspaceId });
    expect(viaKey.id).toBe(workspaceId);
    await clientWith(signedUp.token!).apiKeys.revoke.mutate({ workspaceId, apiKeyId: created.id });
    await expect(clientWith(created.key).workspaces.get.query({ workspaceId })).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
    await dispatcher.close();
  });
});

describe("plain HTTP", () => {
  it("only redirects to HTTPS", async () => {
    const server = await startHttpRedirect(0, "127.0.0.1", PUBLIC_URL);
    const redirectPort = (server.address() as AddressInfo).port;
    try {
      const response = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
        get({ host: "127.0.0.1", port: redirectPort, path: "/trpc/auth.me?x=1" }, (res) => {
          res.resume();
          resolve({ status: res.statusCode, location: res.headers.location });
        }).on("error", reject);
      });
      expect(response).toEqual({ status: 301, location: `${PUBLIC_URL}/trpc/auth.me?x=1` });
    } finally {
      server.close();
    }
  });
});
