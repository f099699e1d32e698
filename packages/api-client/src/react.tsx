// React bindings: TanStack Query hooks typed by the server's router (`useTRPC().campaigns.list.queryOptions(...)`).
import type { AppRouter } from "@mailflow/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import { type ApiClientOptions, apiLink } from "./index.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function ApiProvider({ options, children }: { options: ApiClientOptions; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // A refused call (bad input, forbidden) will not succeed by retrying; a dropped connection might.
          queries: { retry: (count, error) => count < 2 && !(error as { data?: unknown }).data, staleTime: 5_000 },
        },
      }),
  );
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [apiLink(options)] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
