import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AccountPage } from '../features/account/components/AccountPage';
import { isAdmin } from '../features/auth/api/auth';
import { LoginPage } from '../features/auth/components/LoginPage';
import { useSession } from '../features/auth/hooks/use-session';
import { ClusterPage } from '../features/cluster/components/ClusterPage';
import { JobsPage } from '../features/jobs/components/JobsPage';
import { useLiveSync } from '../features/jobs/hooks/use-live-sync';
import { AppShell } from './AppShell';

// The detail page carries the charting library: load it only when a job is opened.
const JobDetailPage = lazy(() => import('../features/job-detail/components/JobDetailPage').then((m) => ({ default: m.JobDetailPage })));
const AdminPage = lazy(() => import('../features/admin/components/AdminPage').then((m) => ({ default: m.AdminPage })));

/** A page whose code is fetched when it is first opened. */
function Deferred({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted" role="status">Loading…</p>}>{children}</Suspense>;
}

/**
 * Routes, shown only to a signed-in user; live updates run while signed in. The administration and the cluster are
 * not routed at all for other users, so their addresses show "not found" like any unknown page.
 */
export function App() {
  const session = useSession();
  const user = session.data;
  useLiveSync(Boolean(user));

  if (session.isPending) return <p className="muted centered" role="status">Loading…</p>;
  if (session.isError) {
    return (
      <div className="card error-box centered" role="alert">
        <p>The server cannot be reached: {session.error.message}</p>
        <button type="button" className="button" onClick={() => void session.refetch()}>Try again</button>
      </div>
    );
  }
  if (!user) return <LoginPage />;
  return (
    <Routes>
      <Route element={<AppShell user={user} />}>
        <Route index element={<JobsPage />} />
        <Route
          path="jobs/:id"
          element={
            <Deferred>
              <JobDetailPage />
            </Deferred>
          }
        />
        <Route path="account" element={<AccountPage />} />
        {isAdmin(user) && (
          <>
            <Route path="cluster" element={<ClusterPage />} />
            <Route
              path="admin"
              element={
                <Deferred>
                  <AdminPage />
                </Deferred>
              }
            />
          </>
        )}
        <Route path="*" element={<p className="empty" role="status">Not found: there is no page here.</p>} />
      </Route>
    </Routes>
  );
}
