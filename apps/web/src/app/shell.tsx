import { useTRPC } from "@mailflow/api-client/react";
import { cn, Select, Spinner } from "@mailflow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { NavLink, Outlet, useNavigate, useParams } from "react-router";
import { useMe } from "../session/session.tsx";

const sections = [
  { to: "campaigns", label: "Campaigns" },
  { to: "replies", label: "Unified inbox" },
  { to: "leads", label: "Leads" },
  { to: "inboxes", label: "Inboxes" },
  { to: "suppression", label: "Suppression" },
  { to: "webhooks", label: "Webhooks" },
  { to: "audit", label: "Audit log" },
  { to: "privacy", label: "Data requests" },
  { to: "settings", label: "Settings" },
] as const;

/** Sidebar on a wide screen, a collapsible menu on a phone; the page itself renders in the Outlet. */
export function Shell() {
  const me = useMe();
  const { workspaceId } = useParams();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [menuOpen, setMenuOpen] = useState(false);
  const logOut = useMutation(
    trpc.auth.logOut.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        navigate("/login");
      },
    }),
  );

  return (
    <div className="min-h-full lg:flex">
      <aside className="border-b border-slate-200 bg-white lg:sticky lg:top-0 lg:h-screen lg:w-56 lg:shrink-0 lg:overflow-y-auto lg:border-r lg:border-b-0">
        <div className="flex items-center justify-between px-4 py-3">
          <span className="flex items-center gap-2 font-semibold text-indigo-700">
            <img src="/favicon.svg" alt="" className="size-6" />
            MailFlow
          </span>
          <button
            type="button"
            className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300 lg:hidden"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            Menu
          </button>
        </div>
        <div id="main-nav" className={cn("space-y-4 px-3 pb-4", !menuOpen && "hidden lg:block")}>
          <label htmlFor="workspace-switcher" className="block text-xs text-slate-500">
            Workspace
          </label>
          <Select
            id="workspace-switcher"
            className="mt-1"
            value={workspaceId}
            onChange={(e) => navigate(`/w/${e.target.value}/campaigns`)}
          >
            {me.workspaces.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} ({w.region})
              </option>
            ))}
          </Select>
          <nav aria-label="Main" className="space-y-0.5">
            {sections.map((s) => (
              <NavLink
                key={s.to}
                to={`/w/${workspaceId}/${s.to}`}
                onClick={() => setMenuOpen(false)}
                className={({ isActive }) =>
                  cn(
                    "block rounded-md px-2.5 py-1.5 text-sm",
                    isActive ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-700 hover:bg-slate-100",
                  )
                }
              >
                {s.label}
              </NavLink>
            ))}
          </nav>
          <div className="border-t border-slate-200 pt-3 text-sm">
            <p className="truncate px-2.5 text-xs text-slate-500" title={me.user.email}>
              {me.user.email}
            </p>
            <NavLink
              to={`/w/${workspaceId}/account`}
              className="block rounded-md px-2.5 py-1.5 text-slate-700 hover:bg-slate-100"
            >
              Account and security
            </NavLink>
            <button
              type="button"
              onClick={() => logOut.mutate()}
              className="block w-full rounded-md px-2.5 py-1.5 text-left text-slate-700 hover:bg-slate-100"
            >
              Log out
            </button>
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-4 py-6 lg:px-8">
        {/* The page's chunk loads here, the navigation stays. */}
        <Suspense fallback={<Spinner label="Loading" />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
