import { useState, type FormEvent } from 'react';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { formatBytes, formatNumber } from '../../../lib/format';
import { ROLES, type ManagedUser, type QuotaDefaults, type Role } from '../api/admin';
import { useUserActions } from '../hooks/use-admin';
import { QuotaEditor } from './QuotaEditor';
import { formatLimit, QUOTA_FIELDS } from './quota-fields';

const COLUMNS = 7;

function QuotaSummary({ user, defaults }: { user: ManagedUser; defaults: QuotaDefaults | undefined }) {
  return (
    <ul className="quota-list">
      {QUOTA_FIELDS.map(({ field, label, bytes }) => {
        const override = user.quota[field];
        return (
          <li key={field} className={override == null ? 'muted' : 'quota-override'}>
            {label}: {override == null ? `default${defaults ? ` (${formatLimit(defaults[field], bytes)})` : ''}` : formatLimit(override, bytes)}
          </li>
        );
      })}
    </ul>
  );
}

function PasswordReset({ username, onReset, saving }: { username: string; onReset: (password: string) => void; saving: boolean }) {
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onReset(password);
    setPassword('');
  };
  return (
    <form className="form-row" onSubmit={submit} aria-label={`Password reset for ${username}`}>
      <label>
        New password for {username}
        <input type="password" autoComplete="new-password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit" className="button primary" disabled={saving}>
        Set password
      </button>
    </form>
  );
}

function deletionQuestion(user: ManagedUser): string {
  const jobs = user.jobs === 1 ? '1 job' : `${formatNumber(user.jobs, 0)} jobs`;
  return `Delete the user ${user.username}, their API tokens, their ${jobs} and ${formatBytes(user.storageBytes)} of stored files? This cannot be undone.`;
}

/** One user in the administration table, with an optional editor row below it. */
export function UserRow({ user, defaults }: { user: ManagedUser; defaults: QuotaDefaults | undefined }) {
  const { update, reset, remove } = useUserActions(user.username);
  const [editing, setEditing] = useState<'quota' | 'password'>();
  const busy = update.isPending || remove.isPending;
  const error = update.error ?? reset.error ?? remove.error;
  const toggle = (what: 'quota' | 'password') => setEditing((current) => (current === what ? undefined : what));
  return (
    <>
      <tr data-username={user.username}>
        <th scope="row" className="file-name">{user.username}</th>
        <td data-label="Role">
          <select aria-label={`Role of ${user.username}`} value={user.role} disabled={busy} onChange={(e) => update.mutate({ role: e.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>{role === 'ADMIN' ? 'Admin' : 'User'}</option>
            ))}
          </select>
        </td>
        <td data-label="Enabled">
          <label className="inline-label">
            <input type="checkbox" checked={user.enabled} disabled={busy} onChange={(e) => update.mutate({ enabled: e.target.checked })} aria-label={`${user.username} enabled`} />
            {user.enabled ? 'Enabled' : 'Disabled'}
          </label>
        </td>
        <td data-label="Jobs">{formatNumber(user.jobs, 0)}</td>
        <td data-label="Storage">{formatBytes(user.storageBytes)}</td>
        <td data-label="Quotas"><QuotaSummary user={user} defaults={defaults} /></td>
        <td data-label="Actions">
          <div className="actions">
            <button type="button" className="button" aria-expanded={editing === 'quota'} onClick={() => toggle('quota')} aria-label={`Quotas of ${user.username}`}>
              Quotas
            </button>
            <button type="button" className="button" aria-expanded={editing === 'password'} onClick={() => toggle('password')} aria-label={`Reset password of ${user.username}`}>
              Reset password
            </button>
            <ConfirmAction
              label="Delete"
              accessibleLabel={`Delete ${user.username}`}
              question={deletionQuestion(user)}
              confirmLabel="Delete user and data"
              disabled={busy}
              onConfirm={() => remove.mutate()}
            />
          </div>
          {error && <p role="alert" className="error-text small">{error.message}</p>}
          {reset.isSuccess && <p role="status" className="ok-text small">Password set.</p>}
        </td>
      </tr>
      {editing && (
        <tr className="editor-row">
          <td colSpan={COLUMNS}>
            {editing === 'quota' ? (
              <QuotaEditor user={user} defaults={defaults} saving={update.isPending} onSave={(quota) => update.mutate({ quota }, { onSuccess: () => setEditing(undefined) })} />
            ) : (
              <PasswordReset username={user.username} saving={reset.isPending} onReset={(password) => reset.mutate(password, { onSuccess: () => setEditing(undefined) })} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}
