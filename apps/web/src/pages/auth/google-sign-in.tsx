import { useTRPC } from "@mailflow/api-client/react";
import { Alert } from "@mailflow/ui";
import { useQuery } from "@tanstack/react-query";

/** Why a Google sign-in came back to the log-in page (the server's reason code, never its details). */
const reasons: Record<string, string> = {
  unverified_email:
    "Google has not verified that account's email address, so it cannot sign in here. Use your password.",
  other_account: "Your MailFlow account is linked to a different Google account.",
  expired: "That sign-in took too long or was already used. Try again.",
  refused: "Google's answer could not be verified, so you were not signed in. Try again.",
};

export function GoogleSignInError({ code }: { code: string | null }) {
  if (!code) return null;
  return <Alert tone="error">{reasons[code] ?? reasons.refused}</Alert>;
}

/**
 * "Continue with Google", shown only when the server has it configured. A plain link: the server starts the
 * OpenID Connect flow and the browser comes back signed in, to `next`.
 */
export function GoogleSignInLink({ next }: { next: string }) {
  const trpc = useTRPC();
  const providers = useQuery(trpc.auth.providers.queryOptions({}));
  if (!providers.data?.google) return null;
  return (
    <a
      href={`/auth/google/start?next=${encodeURIComponent(next)}`}
      className="flex w-full items-center justify-center rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
    >
      Continue with Google
    </a>
  );
}
