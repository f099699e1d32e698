import { describe, expect, it, vi } from "vitest";
import { channels } from "../shared/channels.ts";

/** The preload with electron replaced: what it puts in the page, and that each function is one invoke. */
const fake = vi.hoisted(() => ({
  exposed: new Map<string, Record<string, (...args: unknown[]) => unknown>>(),
  invoke: vi.fn(async (..._args: unknown[]) => "answer"),
}));
vi.mock("electron", () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) =>
      fake.exposed.set(key, api),
  },
  ipcRenderer: { invoke: fake.invoke, send: vi.fn(), on: vi.fn() },
}));

describe("the preload", () => {
  it("exposes window.mailflow with exactly the four bridge functions, each one invoke on its channel", async () => {
    await import("./index.ts");
    expect([...fake.exposed.keys()]).toEqual(["mailflow"]);
    const bridge = fake.exposed.get("mailflow")!;
    expect(Object.keys(bridge).sort()).toEqual(["apiFetch", "session", "signIn", "signOut"]);
    expect(Object.values(bridge).every((f) => typeof f === "function")).toBe(true);

    const request = { path: "/trpc/auth.me", method: "GET", body: null };
    await bridge.apiFetch!(request);
    await bridge.signIn!({ method: "apiKey", serverUrl: "https://x", apiKey: "k" });
    await bridge.session!();
    await bridge.signOut!();
    expect(fake.invoke.mock.calls).toEqual([
      [channels.apiFetch, request],
      [channels.signIn, { method: "apiKey", serverUrl: "https://x", apiKey: "k" }],
      [channels.session],
      [channels.signOut],
    ]);
  });
});
