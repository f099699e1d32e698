import { ApiProvider } from "@mailflow/api-client/react";
import { Spinner } from "@mailflow/ui";
import { useEffect, useState } from "react";
import type { DesktopSession } from "../shared/bridge.ts";
import { bridge, bridgeFetch } from "./bridge.ts";
import { SignInScreen } from "./screens/sign-in.tsx";
import { SignedIn } from "./screens/signed-in.tsx";

/** Signed out: the sign-in screen. Signed in: the admin screens, on a client whose requests go through the preload. */
export function App() {
  const [session, setSession] = useState<DesktopSession | null | undefined>(undefined);
  useEffect(() => {
    void bridge()
      .session()
      .then(setSession, () => setSession(null));
  }, []);
  if (session === undefined) return <Spinner label="Starting" />;
  if (session === null) return <SignInScreen onSignedIn={setSession} />;
  return (
    // A new provider per session: nothing cached under one sign-in is shown under the next.
    <ApiProvider key={`${session.serverUrl}|${session.label}`} options={{ url: "", fetch: bridgeFetch }}>
      <SignedIn
        session={session}
        onSignOut={async () => {
          await bridge().signOut();
          setSession(null);
        }}
      />
    </ApiProvider>
  );
}
