import { Alert, Spinner } from "@mailflow/ui";
import { Component, type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { Navigate, Route, Routes } from "react-router";
import { RequireSession, useMe, WorkspaceFromUrl } from "../session/session.tsx";
import { Shell } from "./shell.tsx";

/**
 * Each page is its own chunk, loaded when first visited: the first paint downloads the shell, React and the
 * client, not every page of the dashboard.
 */
function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const AccountPage = lazyPage(() => import("../pages/account/account-page.tsx"), "AccountPage");
const AuditPage = lazyPage(() => import("@mailflow/features"), "AuditPage");
const AcceptInvitationPage = lazyPage(() => import("../pages/auth/accept-invitation.tsx"), "AcceptInvitationPage");
const LogInPage = lazyPage(() => import("../pages/auth/log-in.tsx"), "LogInPage");
const SignUpPage = lazyPage(() => import("../pages/auth/sign-up.tsx"), "SignUpPage");
const CampaignPage = lazyPage(() => import("../pages/campaigns/campaign-page.tsx"), "CampaignPage");
const CampaignsPage = lazyPage(() => import("../pages/campaigns/campaigns-page.tsx"), "CampaignsPage");
const ConnectInboxPage = lazyPage(() => import("../pages/inboxes/connect-inbox-page.tsx"), "ConnectInboxPage");
const InboxesPage = lazyPage(() => import("../pages/inboxes/inboxes-page.tsx"), "InboxesPage");
const ImportLeadsPage = lazyPage(() => import("../pages/leads/import-leads-page.tsx"), "ImportLeadsPage");
const LeadsPage = lazyPage(() => import("../pages/leads/leads-page.tsx"), "LeadsPage");
const RepliesPage = lazyPage(() => import("../pages/replies/replies-page.tsx"), "RepliesPage");
const SettingsPage = lazyPage(() => import("../pages/settings/settings-page.tsx"), "SettingsPage");
const PrivacyPage = lazyPage(() => import("@mailflow/features"), "PrivacyPage");
const SuppressionPage = lazyPage(() => import("@mailflow/features"), "SuppressionPage");
const WebhooksPage = lazyPage(() => import("@mailflow/features"), "WebhooksPage");
const TrustPage = lazyPage(() => import("../pages/trust/trust-page.tsx"), "TrustPage");

export function AppRoutes() {
  return (
    <Suspense fallback={<Spinner label="Loading" />}>
      <AppRouteTable />
    </Suspense>
  );
}

function AppRouteTable() {
  return (
    <Routes>
      <Route path="/login" element={<LogInPage />} />
      <Route path="/signup" element={<SignUpPage />} />
      <Route path="/trust" element={<TrustPage />} />
      <Route
        path="/invite/:token"
        element={
          <RequireSession>
            <AcceptInvitationPage />
          </RequireSession>
        }
      />
      <Route
        path="/"
        element={
          <RequireSession>
            <FirstWorkspace />
          </RequireSession>
        }
      />
      <Route
        path="/w/:workspaceId"
        element={
          <RequireSession>
            <PageErrorBoundary>
              <WorkspaceFromUrl>
                <Shell />
              </WorkspaceFromUrl>
            </PageErrorBoundary>
          </RequireSession>
        }
      >
        <Route index element={<Navigate to="campaigns" replace />} />
        <Route path="campaigns" element={<CampaignsPage />} />
        <Route path="campaigns/:campaignId" element={<CampaignPage />} />
        <Route path="replies" element={<RepliesPage />} />
        <Route path="leads" element={<LeadsPage />} />
        <Route path="leads/import" element={<ImportLeadsPage />} />
        <Route path="inboxes" element={<InboxesPage />} />
        <Route path="inboxes/connect" element={<ConnectInboxPage />} />
        <Route path="suppression" element={<SuppressionPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="privacy" element={<PrivacyPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="account" element={<AccountPage />} />
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

function FirstWorkspace() {
  const me = useMe();
  const first = me.workspaces[0];
  return first ? <Navigate to={`/w/${first.id}/campaigns`} replace /> : <NotFound />;
}

function NotFound() {
  return (
    <div className="space-y-3 p-8">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <Alert tone="warning" title="There is nothing at this address.">
        <a className="underline" href="/">
          Go to your dashboard
        </a>
      </Alert>
    </div>
  );
}

/** A page that throws (an unknown workspace, a bug) shows a sentence instead of a blank screen. */
class PageErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="p-8">
        <Alert tone="error" title="This page could not be shown">
          {this.state.error.message}{" "}
          <a className="underline" href="/">
            Back to your dashboard
          </a>
        </Alert>
      </div>
    );
  }
}
