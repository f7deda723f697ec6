import { NavLink, Outlet } from 'react-router';
import { isAdmin, type User } from '../features/auth/api/auth';
import { useLogout } from '../features/auth/hooks/use-session';
import { ConnectionIndicator } from '../features/jobs/components/ConnectionIndicator';

/** Header with navigation (administration and cluster for admins only), connection state and sign-out around the current page. */
export function AppShell({ user }: { user: User }) {
  const logout = useLogout();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">Skip to content</a>
      <header className="topbar">
        <span className="brand">Assay</span>
        <nav aria-label="Main">
          <NavLink to="/" end>Jobs</NavLink>
          <NavLink to="/account">Account</NavLink>
          {isAdmin(user) && (
            <>
              <NavLink to="/admin">Admin</NavLink>
              <NavLink to="/cluster">Cluster</NavLink>
            </>
          )}
        </nav>
        <div className="topbar-right">
          <ConnectionIndicator />
          <span className="user" aria-label="Signed in as">{user.username}</span>
          <button type="button" className="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content">
        <Outlet />
      </main>
    </div>
  );
}
