import { Alert } from "@mailflow/ui";
import { Component, type ReactNode } from "react";
import { Navigate, Route, Routes } from "react-router";
import { AccountPage } from "../pages/account/account-page.tsx";
import { AuditPage } from "../pages/audit/audit-page.tsx";
import { AcceptInvitationPage } from "../pages/auth/accept-invitation.tsx";
import { LogInPage } from "../pages/auth/log-in.tsx";
import { SignUpPage } from "../pages/auth/sign-up.tsx";
import { CampaignPage } from "../pages/campaigns/campaign-page.tsx";
import { CampaignsPage } from "../pages/campaigns/campaigns-page.tsx";
import { ConnectInboxPage } from "../pages/inboxes/connect-inbox-page.tsx";
import { InboxesPage } from "../pages/inboxes/inboxes-page.tsx";
import { ImportLeadsPage } from "../pages/leads/import-leads-page.tsx";
import { LeadsPage } from "../pages/leads/leads-page.tsx";
import { RepliesPage } from "../pages/replies/replies-page.tsx";
import { SettingsPage } from "../pages/settings/settings-page.tsx";
import { SuppressionPage } from "../pages/suppression/suppression-page.tsx";
import { WebhooksPage } from "../pages/webhooks/webhooks-page.tsx";
import { RequireSession, useMe } from "../session/session.tsx";
import { Shell } from "./shell.tsx";

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LogInPage />} />
      <Route path="/signup" element={<SignUpPage />} />
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
              <Shell />
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
    <div className="p-8">
      <Alert tone="warning" title="Page not found">
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
