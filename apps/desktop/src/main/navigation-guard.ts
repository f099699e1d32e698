/** The renderer's own origin: the app:// protocol serves the built renderer (app-protocol.ts). */
export const APP_ORIGIN = "app://mailflow";

export const isAppUrl = (url: string): boolean => {
  try {
    // A custom scheme has no "origin" to WHATWG URL (it reads "null"): compare scheme and host instead.
    const parsed = new URL(url);
    return parsed.protocol === "app:" && parsed.host === "mailflow";
  } catch {
    return false;
  }
};

/** Where a link the page tries to open may go instead: the system browser, for https pages only. */
export const isExternalLink = (url: string): boolean => {
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
};

/** The parts of webContents the guard hooks, so it can be tested without Electron. */
export interface GuardedContents {
  on(
    event: "will-navigate" | "will-redirect",
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): unknown;
  on(event: "will-attach-webview", listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: "deny" } | { action: "allow" }): void;
}

/**
 * The window only ever shows the app: navigation away from app:// is cancelled, no new window opens (an https
 * link goes to the system browser instead), and no <webview> can be attached.
 */
export function guardNavigation(contents: GuardedContents, openExternal: (url: string) => void): void {
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on("will-navigate", stayInApp);
  contents.on("will-redirect", stayInApp);
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) openExternal(url);
    return { action: "deny" };
  });
}
