import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { contentSecurityPolicyHeader } from "@mailflow/config/csp";
import { describe, expect, it, vi } from "vitest";
import { channels } from "../shared/channels.ts";
import { appResponseHeaders, resolveAppFile } from "./app-protocol.ts";
import { createBridgeHandlers } from "./bridge-handlers.ts";
import { type IpcMainLike, registerBridgeIpc } from "./ipc.ts";
import { type GuardedContents, guardNavigation, isAppUrl } from "./navigation-guard.ts";
import { type SecretCipher, TokenStore } from "./token-store.ts";
import { mainWindowOptions } from "./window-options.ts";

describe("the window", () => {
  it("isolates the renderer: context isolation, sandbox, no Node, no webviews, our preload", () => {
    const options = mainWindowOptions("/app/dist/preload/index.cjs");
    expect(options.webPreferences).toMatchObject({
      preload: "/app/dist/preload/index.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(options.show).toBe(false);
  });
});

describe("the navigation guard", () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: (details: { url: string }) => { action: string } = () => ({ action: "allow" });
    const contents: GuardedContents = {
      on: (event: string, listener: (event: { preventDefault(): void }, url?: string) => void) =>
        listeners.set(event, listener),
      setWindowOpenHandler: (handler) => {
        openHandler = handler;
      },
    } as GuardedContents;
    const fire = (event: string, url?: string) => {
      const prevent = vi.fn();
      listeners.get(event)!({ preventDefault: prevent }, url);
      return prevent.mock.calls.length > 0;
    };
    return { contents, fire, open: (url: string) => openHandler({ url }) };
  }

  it("keeps the window on app:// and sends https links to the system browser, never a new window", () => {
    const { contents, fire, open } = fakeContents();
    const external = vi.fn();
    guardNavigation(contents, external);
    expect(fire("will-navigate", "app://mailflow/index.html")).toBe(false);
    expect(fire("will-navigate", "https://evil.example/login")).toBe(true);
    expect(fire("will-navigate", "file:///etc/passwd")).toBe(true);
    expect(fire("will-redirect", "http://127.0.0.1:8080/")).toBe(true);
    expect(fire("will-attach-webview")).toBe(true);
    expect(open("https://mailflow.dev/docs")).toEqual({ action: "deny" });
    expect(open("javascript:alert(1)")).toEqual({ action: "deny" });
    expect(open("file:///etc/passwd")).toEqual({ action: "deny" });
    expect(external.mock.calls).toEqual([["https://mailflow.dev/docs"]]);
    expect(isAppUrl("app://mailflow.evil/x")).toBe(false);
  });
});

describe("the app:// protocol", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "mailflow-renderer-"));
  it("serves files of the renderer folder only, index.html for app routes", () => {
    expect(resolveAppFile(dir, "app://mailflow/assets/index-1.js")).toBe(path.join(dir, "assets", "index-1.js"));
    expect(resolveAppFile(dir, "app://mailflow/")).toBe(path.join(dir, "index.html"));
    expect(resolveAppFile(dir, "app://mailflow/workspaces/123")).toBe(path.join(dir, "index.html"));
    // The URL parser already folds literal and %2e dot segments: they stay inside the folder.
    for (const folded of ["app://mailflow/../../etc/passwd.txt", "app://mailflow/%2e%2e/%2e%2e/etc/passwd.txt"]) {
      expect(resolveAppFile(dir, folded)!.startsWith(`${dir}${path.sep}`), folded).toBe(true);
    }
    for (const evil of [
      "app://mailflow/assets%2F..%2F..%2F..%2Fetc%2Fpasswd.txt",
      "app://mailflow/assets/%00.js",
      "app://other/index.html",
      "https://mailflow/index.html",
      "app://mailflow/%E0%A4%A.js",
    ]) {
      expect(resolveAppFile(dir, evil), evil).toBeNull();
    }
  });

  it("sends the same strict CSP as the web dashboard", () => {
    const headers = appResponseHeaders(path.join(dir, "index.html"));
    expect(headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(headers["content-security-policy"]).toBe(contentSecurityPolicyHeader());
    expect(headers["content-security-policy"]).toContain("script-src 'self'");
    expect(headers["content-security-policy"]).not.toContain("unsafe");
  });
});

describe("IPC", () => {
  it("registers one handler per bridge function and refuses calls that do not come from the app's page", async () => {
    const handlers = new Map<string, (event: { senderFrame: { url: string } | null }, payload?: unknown) => unknown>();
    const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener) };
    const bridge = {
      session: vi.fn(async () => null),
      signIn: vi.fn(async () => ({ ok: false as const, message: "no" })),
      signOut: vi.fn(async () => {}),
      apiFetch: vi.fn(async () => ({ status: 200, body: "{}", contentType: null })),
    };
    registerBridgeIpc(ipcMain, bridge);
    expect([...handlers.keys()].sort()).toEqual(Object.values(channels).sort());
    const fromApp = { senderFrame: { url: "app://mailflow/index.html" } };
    await handlers.get(channels.session)!(fromApp);
    expect(bridge.session).toHaveBeenCalledTimes(1);
    for (const sender of [{ senderFrame: { url: "https://evil.example/" } }, { senderFrame: null }]) {
      await expect(
        handlers.get(channels.apiFetch)!(sender, { path: "/trpc/x", method: "GET", body: null }),
      ).rejects.toThrow(/did not come from the MailFlow app/);
    }
    expect(bridge.apiFetch).not.toHaveBeenCalled();
  });
});

/** A stand-in for the OS keychain: reversible, and recognisably not the plain token. */
const fakeKeychain = (available = true): SecretCipher => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).reverse().toString("hex")}`),
  decryptString: (sealed) =>
    Buffer.from(sealed.toString().replace(/^sealed:/, ""), "hex")
      .reverse()
      .toString(),
});

describe("the token store", () => {
  const session = {
    serverUrl: "https://mail.example.com",
    method: "password" as const,
    label: "ada@example.com",
    token: "eyJ.secret.token",
  };

  it("keeps the token sealed by the keychain in a 0600 file, and reads it back after a restart", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "mailflow-store-")), "session.json");
    expect(new TokenStore(file, fakeKeychain()).save(session)).toBe(true);
    const onDisk = readFileSync(file, "utf8");
    expect(onDisk).not.toContain(session.token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(new TokenStore(file, fakeKeychain()).load()).toEqual(session);
  });

  it("writes nothing when the OS has no keychain, and forgets an unreadable file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "mailflow-store-"));
    const file = path.join(dir, "session.json");
    const store = new TokenStore(file, fakeKeychain(false));
    expect(store.save(session)).toBe(false);
    expect(store.load()).toEqual(session); // for this run only
    expect(new TokenStore(file, fakeKeychain(false)).load()).toBeNull();
    writeFileSync(file, "{not json");
    expect(new TokenStore(file, fakeKeychain()).load()).toBeNull();
    expect(() => statSync(file)).toThrow();
  });
});

describe("the bridge handlers", () => {
  const signedOut = () =>
    createBridgeHandlers({
      store: new TokenStore(path.join(mkdtempSync(path.join(tmpdir(), "mailflow-store-")), "s.json"), fakeKeychain()),
      fetch: vi.fn(async () => {
        throw new Error("no request should be made");
      }) as unknown as typeof fetch,
    });

  it("refuses a server that is not https, and an API key of the wrong shape, before any request", async () => {
    const handlers = signedOut();
    expect(
      await handlers.signIn({
        method: "password",
        serverUrl: "http://mail.example.com",
        email: "a@b.c",
        password: "x",
      }),
    ).toEqual({
      ok: false,
      message: "Enter the server's https:// address.",
    });
    expect(
      await handlers.signIn({ method: "apiKey", serverUrl: "https://mail.example.com", apiKey: "mf_short" }),
    ).toEqual({
      ok: false,
      message: "That is not a MailFlow API key.",
    });
  });

  it("forwards only API paths, and answers 401 while signed out", async () => {
    const handlers = signedOut();
    for (const path of ["https://evil.example/", "/api/csrf", "/trpc/../../admin", "//evil.example/trpc/x"]) {
      await expect(handlers.apiFetch({ path, method: "GET", body: null })).rejects.toThrow(
        /Only API calls are allowed/,
      );
    }
    const answer = await handlers.apiFetch({ path: "/trpc/auth.me", method: "GET", body: null });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error.json.data.code).toBe("UNAUTHORIZED");
    // A batch gets one error per procedure, as the server would send.
    const batch = await handlers.apiFetch({
      path: "/trpc/auth.me,auth.whoami?batch=1&input=%7B%7D",
      method: "GET",
      body: null,
    });
    expect(JSON.parse(batch.body)).toHaveLength(2);
    expect(await handlers.session()).toBeNull();
  });
});
