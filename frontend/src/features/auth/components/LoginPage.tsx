import { useState, type FormEvent } from 'react';
import { useLogin } from '../hooks/use-session';

/** The sign-in form shown to anonymous visitors. */
export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const loginMutation = useLogin();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    loginMutation.mutate({ username, password });
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title" className="brand-title">Assay</h1>
        <p className="muted">Sign in to upload files and follow their analysis.</p>
        <label htmlFor="username">User name</label>
        <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {loginMutation.isError && (
          <p role="alert" className="error-text">
            {loginMutation.error.message}
          </p>
        )}
        <button type="submit" className="button primary" disabled={loginMutation.isPending}>
          {loginMutation.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
