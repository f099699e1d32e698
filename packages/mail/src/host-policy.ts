import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Addresses a user-supplied mail host must not resolve to, unless self-hosting is enabled: otherwise "connect an
 * inbox" would let anyone probe our internal network (SSRF) and read the answers from the step-by-step check.
 */
// Two lists: Node's BlockList matches an IPv4 address against IPv4-mapped IPv6 rules too (::ffff:0:0/96 would
// block every IPv4 host), so each family is checked against its own list, and a mapped IPv6 address
// (::ffff:a.b.c.d) against the IPv4 list.
const internal = new BlockList();
const internalV6 = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
  // Mapped IPv4 written in hex (::ffff:7f00:1): refused outright; the dotted form is checked as IPv4 below.
  ["::ffff:0:0", 96],
] as const) {
  internalV6.addSubnet(network, prefix, "ipv6");
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return internal.check(address, "ipv4");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, "ipv4");
  return internalV6.check(address, "ipv6");
}

export type ResolveResult =
  | { ok: true; address: string; servername: string | undefined }
  | { ok: false; reason: "not_found" | "internal_address"; address?: string };

/** Resolves once; callers connect to this address so a second lookup cannot point elsewhere (DNS rebinding). */
export async function resolveMailHost(host: string, allowPrivateHosts: boolean): Promise<ResolveResult> {
  const literal = host.replace(/^\[|\]$/g, "");
  let address: string;
  if (isIP(literal)) address = literal;
  else {
    try {
      address = (await lookup(literal)).address;
    } catch {
      return { ok: false, reason: "not_found" };
    }
  }
  if (!allowPrivateHosts && isInternalAddress(address)) return { ok: false, reason: "internal_address", address };
  return { ok: true, address, servername: isIP(literal) ? undefined : literal };
}
