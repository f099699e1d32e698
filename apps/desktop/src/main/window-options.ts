import type { BrowserWindowConstructorOptions } from "electron";

/**
 * The only window: the renderer is a web page with no Node.js in it. contextIsolation keeps the preload's world
 * apart from the page's, sandbox puts the renderer in Chromium's OS sandbox, and the preload exposes a few named
 * functions (shared/bridge.ts), never ipcRenderer itself.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on ready-to-show: no white flash
    backgroundColor: "#f8fafc",
    title: "MailFlow Admin",
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
