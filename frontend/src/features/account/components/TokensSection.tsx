import { useId, useState, type FormEvent } from 'react';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { formatDateTime } from '../../../lib/format';
import type { CreatedToken } from '../api/account';
import { useTokens } from '../hooks/use-account';
import { NewTokenNotice } from './NewTokenNotice';

const DEFAULT_DAYS = 90;

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { create } = useTokens();
  const [name, setName] = useState('');
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), expiresInDays: Number(days) },
      {
        onSuccess: (token) => {
          setName('');
          onCreated(token);
        },
      },
    );
  };
  return (
    <form className="form-row" onSubmit={submit} aria-label="Create a token">
      <label>
        Token name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. nightly export" />
      </label>
      <label>
        Expires in (days)
        <input type="number" required min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} />
      </label>
      <button type="submit" className="button primary" disabled={create.isPending}>
        Create token
      </button>
      {create.isError && <p role="alert" className="error-text">{create.error.message}</p>}
    </form>
  );
}

/** Personal API tokens: list, create (secret shown once), revoke. */
export function TokensSection() {
  const id = useId();
  const { list, revoke } = useTokens();
  const [created, setCreated] = useState<CreatedToken>();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>API tokens</h2>
      <p className="muted small">
        A token lets a script use the API as you: send it as <code>Authorization: Bearer …</code>. Revoke it when it is no
        longer needed.
      </p>
      {created ? <NewTokenNotice token={created} onDone={() => setCreated(undefined)} /> : <CreateTokenForm onCreated={setCreated} />}
      {list.isPending && <p className="muted" role="status">Loading tokens…</p>}
      {list.isError && <p role="alert" className="error-text">Could not load your tokens: {list.error.message}</p>}
      {revoke.isError && <p role="alert" className="error-text">{revoke.error.message}</p>}
      {list.data && list.data.length === 0 && <p className="empty">You have no API tokens.</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table aria-label="API tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((token) => (
                <tr key={token.id}>
                  <th scope="row" className="file-name">{token.name}</th>
                  <td>{formatDateTime(token.createdAt)}</td>
                  <td>{token.expiresAt ? formatDateTime(token.expiresAt) : 'never'}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'never'}</td>
                  <td>
                    <ConfirmAction
                      label="Revoke"
                      accessibleLabel={`Revoke ${token.name}`}
                      question={<>Revoke “{token.name}”? Scripts that use it stop working at once.</>}
                      confirmLabel="Revoke token"
                      disabled={revoke.isPending}
                      onConfirm={() => revoke.mutate(token.id)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
