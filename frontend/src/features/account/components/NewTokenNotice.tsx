import { useState } from 'react';
import type { CreatedToken } from '../api/account';

/** A ready-to-paste upload with the token, for the origin the dashboard is served from. */
export function curlExample(token: string, origin: string = window.location.origin): string {
  return `curl -H "Authorization: Bearer ${token}" -F "files=@data.csv" ${origin}/api/jobs`;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed'>();
  const copy = () => {
    if (!navigator.clipboard) return setOutcome('failed');
    navigator.clipboard.writeText(text).then(
      () => setOutcome('copied'),
      () => setOutcome('failed'),
    );
  };
  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      {outcome && (
        <span role="status" className="small muted">
          {outcome === 'copied' ? 'Copied.' : 'Copying is not allowed here: select the text and copy it.'}
        </span>
      )}
    </>
  );
}

/** The secret of a token just created, shown this one time. */
export function NewTokenNotice({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const example = curlExample(token.token);
  return (
    <div className="warning-box" role="region" aria-label="New token">
      <p>
        <strong>Copy the token “{token.name}” now: you will not see it again.</strong> Only its hash is kept.
      </p>
      <div className="secret-row">
        <code className="secret" data-testid="new-token">{token.token}</code>
        <CopyButton text={token.token} label="Copy token" />
      </div>
      <p className="small">Upload a file with it:</p>
      <div className="secret-row">
        <code className="secret" data-testid="curl-example">{example}</code>
        <CopyButton text={example} label="Copy command" />
      </div>
      <button type="button" className="button" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}
