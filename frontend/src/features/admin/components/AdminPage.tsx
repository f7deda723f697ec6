import { useQuotaDefaults, useUsers } from '../hooks/use-admin';
import { CreateUserForm } from './CreateUserForm';
import { UserRow } from './UserRow';
import { formatLimit, QUOTA_FIELDS } from './quota-fields';

/** User administration: accounts, roles, per-user quotas. Routed only for administrators. */
export function AdminPage() {
  const users = useUsers();
  const defaults = useQuotaDefaults();
  return (
    <>
      <section className="card" aria-labelledby="admin-title">
        <h1 id="admin-title">Administration</h1>
        {defaults.data && (
          <p className="muted small">
            Default limits: {QUOTA_FIELDS.map(({ field, label, bytes }) => `${label.toLowerCase()} ${formatLimit(defaults.data[field], bytes)}`).join(' · ')}
          </p>
        )}
        <CreateUserForm />
      </section>
      <section className="card" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        {users.isPending && <p className="muted" role="status">Loading users…</p>}
        {users.isError && (
          <div role="alert" className="error-box">
            <p>Could not load the users: {users.error.message}</p>
            <button type="button" className="button" onClick={() => void users.refetch()}>Try again</button>
          </div>
        )}
        {users.data && (
          <div className="table-wrap">
            <table aria-label="Users">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">Enabled</th>
                  <th scope="col">Jobs</th>
                  <th scope="col">Storage</th>
                  <th scope="col">Quotas</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {users.data.map((user) => (
                  <UserRow key={user.username} user={user} defaults={defaults.data} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
