// The Electron main process: the only file that touches Electron's runtime. Everything it wires is a plain
// function of its own (window options, navigation guard, IPC, token store, app:// files), unit-tested in Node.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, shell } from "electron";
import { appResponseHeaders, resolveAppFile } from "./app-protocol.ts";
import { createBridgeHandlers } from "./bridge-handlers.ts";
import { registerBridgeIpc } from "./ipc.ts";
import { appMenuTemplate } from "./menu.ts";
import { APP_ORIGIN, guardNavigation } from "./navigation-guard.ts";
import { TokenStore } from "./token-store.ts";
import { mainWindowOptions } from "./window-options.ts";

// app:// is a standard, secure origin of its own ('self' in the CSP), with fetch and module scripts allowed.
protocol.registerSchemesAsPrivileged([
  { scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false } },
]);

app.enableSandbox();

app.whenReady().then(() => {
  // Built layout (scripts/build.mjs), under the app's folder: dist/main, dist/preload, dist/renderer.
  const distDir = path.join(app.getAppPath(), "dist");
  const rendererDir = path.join(distDir, "renderer");
  protocol.handle("app", async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response("Not found", { status: 404 });
    try {
      return new Response(await readFile(file), { headers: appResponseHeaders(file) });
    } catch {
      return new Response("Not found", { status: 404 });
    }
  });

  const store = new TokenStore(path.join(app.getPath("userData"), "session.json"), safeStorage);
  registerBridgeIpc(ipcMain, createBridgeHandlers({ store, fetch: globalThis.fetch }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform)));

  const window = new BrowserWindow(mainWindowOptions(path.join(distDir, "preload", "index.cjs")));
  guardNavigation(window.webContents, (url) => void shell.openExternal(url));
  window.once("ready-to-show", () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
});

// Any other webContents (devtools aside) gets the same guard.
app.on("web-contents-created", (_event, contents) => {
  guardNavigation(contents, (url) => void shell.openExternal(url));
});

app.on("window-all-closed", () => app.quit());
