import { useLiveSnapshot } from '../../../lib/live-events';

const TEXT = {
  idle: 'Offline',
  connecting: 'Connecting…',
  connected: 'Live',
  disconnected: 'Reconnecting…',
} as const;

/** Shows whether live updates are arriving. */
export function ConnectionIndicator() {
  const { connection } = useLiveSnapshot();
  return (
    <span className={`connection connection-${connection}`} role="status" aria-live="polite" title="Live updates">
      <span className="dot" aria-hidden="true" />
      {TEXT[connection]}
    </span>
  );
}
