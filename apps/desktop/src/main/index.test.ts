import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { contentSecurityPolicyHeader } from "@mailflow/config/csp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { channels } from "../shared/channels.ts";

/**
 * The main process as Electron runs it (src/main/index.ts), with the electron module replaced at that one boundary:
 * what it registers, the window it opens and the files its app:// protocol serves.
 */
const fake = vi.hoisted(() => {
  const appDir = `${process.env.TMPDIR ?? "/tmp"}/mailflow-desktop-app-${process.pid}`;
  const windows: { options: unknown; url?: string; contents: { on: unknown; setWindowOpenHandler: unknown } }[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const ipcChannels: string[] = [];
  let ready: () => void = () => {};
  const whenReadyPromise = new Promise<void>((resolve) => {
    ready = resolve;
  });
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor(readonly options: unknown) {
      windows.push({ options, contents: this.webContents });
    }
    once = vi.fn();
    show = vi.fn();
    loadURL = vi.fn(async (url: string) => {
      windows.at(-1)!.url = url;
    });
  }
  const module = {
    app: {
      enableSandbox: vi.fn(),
      whenReady: () => whenReadyPromise,
      getAppPath: () => appDir,
      getPath: () => appDir,
      on: vi.fn(),
      quit: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        protocolHandlers.set(scheme, handler),
    },
    ipcMain: { handle: (channel: string) => ipcChannels.push(channel) },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
    shell: { openExternal: vi.fn() },
    BrowserWindow,
  };
  return { appDir, module, windows, protocolHandlers, ipcChannels, ready: () => ready() };
});
vi.mock("electron", () => fake.module);

beforeAll(async () => {
  mkdirSync(path.join(fake.appDir, "dist", "renderer", "assets"), { recursive: true });
  writeFileSync(path.join(fake.appDir, "dist", "renderer", "index.html"), "<!doctype html><div id=root></div>");
  await import("./index.ts");
  fake.ready();
  await new Promise((resolve) => setTimeout(resolve, 10));
});

describe("the main process", () => {
  it("declares app:// a secure standard scheme and turns the sandbox on for every renderer, before the app is ready", () => {
    expect(fake.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: "app", privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.module.app.enableSandbox).toHaveBeenCalled();
  });

  it("opens one isolated window on app://mailflow with the built preload, guarded against navigation", () => {
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window!.url).toBe("app://mailflow/index.html");
    expect(window!.options).toMatchObject({
      webPreferences: {
        preload: path.join(fake.appDir, "dist", "preload", "index.cjs"),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    const events = (window!.contents.on as ReturnType<typeof vi.fn>).mock.calls.map((c) => c[0]);
    expect(events).toEqual(expect.arrayContaining(["will-navigate", "will-redirect", "will-attach-webview"]));
    expect(window!.contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(fake.module.app.on).toHaveBeenCalledWith("web-contents-created", expect.any(Function));
  });

  it("answers exactly the bridge's IPC channels", () => {
    expect(fake.ipcChannels.sort()).toEqual(Object.values(channels).sort());
  });

  it("serves the renderer over app:// with the strict CSP, and nothing outside it", async () => {
    const handler = fake.protocolHandlers.get("app")!;
    const page = await handler(new Request("app://mailflow/index.html"));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toBe(contentSecurityPolicyHeader());
    expect(await page.text()).toContain("<div id=root>");
    const outside = await handler(new Request("app://mailflow/assets%2F..%2F..%2F..%2Fpackage.json"));
    expect(outside.status).toBe(404);
    expect((await handler(new Request("app://mailflow/assets/missing.js"))).status).toBe(404);
  });
});
