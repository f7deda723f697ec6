import { useState, type ReactNode } from 'react';

/**
 * A destructive action that asks first, in the page rather than in a browser dialog: the first click shows the
 * question (which names what is lost) with a confirm and a keep button.
 */
export function ConfirmAction({ label, accessibleLabel, question, confirmLabel, onConfirm, disabled }: {
  label: string;
  accessibleLabel: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button danger" disabled={disabled} aria-label={accessibleLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm: ${accessibleLabel}`} className="confirm">
      <p className="small">{question}</p>
      <div className="actions">
        <button
          type="button"
          className="button danger"
          disabled={disabled}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={() => setAsking(false)}>
          Keep
        </button>
      </div>
    </div>
  );
}
