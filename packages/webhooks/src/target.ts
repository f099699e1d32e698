import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isInternalAddress } from "@mailflow/mail";

export type TargetCheck = { ok: true; url: URL; address: string } | { ok: false; reason: string };

/**
 * An endpoint URL we may call: https only, and its host must not resolve to loopback, private, link-local or
 * metadata addresses (169.254.169.254) unless self-hosting allows private hosts. Checked when the endpoint is saved
 * and again before every delivery, which connects to the address checked here (no second DNS answer: rebinding).
 */
export async function checkWebhookTarget(raw: string, allowPrivateHosts: boolean): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "Enter a full URL, e.g. https://example.com/hooks/mailflow." };
  }
  if (url.protocol !== "https:") return { ok: false, reason: "Webhook URLs must use https://." };
  if (url.username || url.password) return { ok: false, reason: "Put credentials in a header secret, not the URL." };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let address: string;
  if (isIP(host)) address = host;
  else {
    try {
      address = (await lookup(host)).address;
    } catch {
      return { ok: false, reason: `The host ${host} could not be found (DNS).` };
    }
  }
  if (!allowPrivateHosts && isInternalAddress(address)) {
    return {
      ok: false,
      reason: `${host} points at an internal address (${address}); MailFlow only calls public hosts.`,
    };
  }
  return { ok: true, url, address };
}
