import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../api/admin';
import { useCreateUser } from '../hooks/use-admin';

/** Adds a user with a first password and a role. */
export function CreateUserForm() {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('USER');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { username: username.trim(), password, role },
      {
        onSuccess: () => {
          setUsername('');
          setPassword('');
          setRole('USER');
        },
      },
    );
  };
  return (
    <form className="form-row" onSubmit={submit} aria-label="Create a user">
      <label>
        New user name
        <input required maxLength={100} pattern="[A-Za-z0-9._@\-]+" title="letters, digits, . _ - @" value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        First password
        <input type="password" autoComplete="new-password" required minLength={8} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>{r === 'ADMIN' ? 'Admin' : 'User'}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="button primary" disabled={create.isPending}>
        Create user
      </button>
      {create.isError && <p role="alert" className="error-text">{create.error.message}</p>}
      {create.isSuccess && <p role="status" className="ok-text">User {create.data.username} created.</p>}
    </form>
  );
}
