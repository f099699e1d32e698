import { channels, type MailflowBridge } from "../shared/bridge.ts";
import { isAppUrl } from "./navigation-guard.ts";

/** ipcMain, as much of it as this needs (a fake in unit tests). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: { senderFrame: { url: string } | null }, payload?: unknown) => unknown,
  ): void;
}

/**
 * One handler per bridge function. A call from anything but the app's own page (another origin in a frame, a
 * page it was somehow navigated to) is refused before the handler runs.
 */
export function registerBridgeIpc(ipcMain: IpcMainLike, handlers: MailflowBridge): void {
  const guarded =
    <T>(run: (payload: unknown) => Promise<T>) =>
    (event: { senderFrame: { url: string } | null }, payload?: unknown): Promise<T> => {
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
        return Promise.reject(new Error("Refused: this call did not come from the MailFlow app."));
      }
      return run(payload);
    };
  ipcMain.handle(
    channels.session,
    guarded(() => handlers.session()),
  );
  ipcMain.handle(
    channels.signIn,
    guarded((payload) => handlers.signIn(payload as Parameters<MailflowBridge["signIn"]>[0])),
  );
  ipcMain.handle(
    channels.signOut,
    guarded(() => handlers.signOut()),
  );
  ipcMain.handle(
    channels.apiFetch,
    guarded((payload) => handlers.apiFetch(payload as Parameters<MailflowBridge["apiFetch"]>[0])),
  );
}
