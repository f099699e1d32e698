import { describe, expect, it } from "vitest";
import { isInternalAddress, resolveMailHost } from "./host-policy.ts";

describe("isInternalAddress", () => {
  it("lets public IPv4 and IPv6 hosts through (a regression: every IPv4 address once matched ::ffff:0:0/96)", () => {
    for (const address of [
      "93.184.215.14",
      "8.8.8.8",
      "142.250.74.110",
      "2a00:1450:4001:82b::200e",
      "::ffff:8.8.8.8",
    ]) {
      expect(isInternalAddress(address), address).toBe(false);
    }
  });

  it("refuses loopback, private, link-local, metadata, CGNAT, multicast and their IPv6 forms", () => {
    for (const address of [
      "127.0.0.1",
      "10.0.0.5",
      "172.16.3.4",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "::ffff:169.254.169.254",
      "::ffff:7f00:1",
      "64:ff9b::7f00:1",
      "not an address",
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
  });

  it("resolves a public literal without a DNS lookup and refuses an internal one", async () => {
    expect(await resolveMailHost("8.8.8.8", false)).toEqual({ ok: true, address: "8.8.8.8", servername: undefined });
    expect(await resolveMailHost("[::1]", false)).toMatchObject({ ok: false, reason: "internal_address" });
  });
});
