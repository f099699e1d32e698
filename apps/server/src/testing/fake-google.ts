import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientMetadata } from "oidc-provider";

export interface FakeGoogleAccount {
  email: string;
  email_verified: boolean;
  name: string;
}

/**
 * A real OpenID provider (the `oidc-provider` package) on loopback, configured like Google: the scopes openid,
 * email and profile, the email claims in the ID token, PKCE required. Sign-in interactions are answered at once as
 * the account named in `signInAs`, and the scope each authorization asked for is recorded in `scopesAsked`.
 */
export async function startFakeGoogle(clients: ClientMetadata[]) {
  const accounts = new Map<string, FakeGoogleAccount>();
  const scopesAsked: string[] = [];
  const state = { signInAs: "" };
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Google puts the requested claims in the ID token itself.
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["fake-google-cookie-key-0123456789"] },
  });
  const callback = provider.callback();
  server.on("request", (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return void callback(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      scopesAsked.push(String(details.params.scope));
      const accountId = state.signInAs;
      const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } });
    })().catch((error: Error) => {
      res.statusCode = 500;
      res.end(error.message);
    });
  });
  return {
    issuer,
    accounts,
    scopesAsked,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type FakeGoogle = Awaited<ReturnType<typeof startFakeGoogle>>;

/** A browser's cookie jar for one host, just enough to carry the provider's session through its redirects. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Follows the provider's redirects (sending its cookies) until one leaves the provider; returns that URL. */
export async function followProvider(start: string, issuer: string, jar = new CookieJar()): Promise<URL> {
  let url = new URL(start);
  for (let hops = 0; hops < 10; hops++) {
    if (url.origin !== new URL(issuer).origin) return url;
    const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(response);
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider answered ${response.status} at ${url}: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error("too many redirects at the provider");
}
