// The preload: the renderer's only way out. It exposes the functions of shared/bridge.ts as window.mailflow, each
// a single invoke on its channel; ipcRenderer itself is never handed to the page.
import { contextBridge, ipcRenderer } from "electron";
import type { MailflowBridge } from "../shared/bridge.ts";
import { channels } from "../shared/channels.ts";

const bridge: MailflowBridge = {
  session: () => ipcRenderer.invoke(channels.session),
  signIn: (input) => ipcRenderer.invoke(channels.signIn, input),
  signOut: () => ipcRenderer.invoke(channels.signOut),
  apiFetch: (request) => ipcRenderer.invoke(channels.apiFetch, request),
};

contextBridge.exposeInMainWorld("mailflow", bridge);
