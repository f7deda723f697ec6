import { useSession } from '../../auth/hooks/use-session';
import { PasswordForm } from './PasswordForm';
import { TokensSection } from './TokensSection';

/** The signed-in user's own account: password and API tokens. */
export function AccountPage() {
  const user = useSession().data;
  return (
    <>
      <section className="card">
        <h1>Your account</h1>
        <p className="muted">
          Signed in as <strong>{user?.username}</strong> ({user?.roles.join(', ').toLowerCase()}).
        </p>
      </section>
      <PasswordForm />
      <TokensSection />
    </>
  );
}
