import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { LiveEventsStore } from './store';
import type { JobEvent, LiveSnapshot } from './types';

const LiveEventsContext = createContext<LiveEventsStore | null>(null);

/** Makes a live-events store available to the tree (the STOMP one in the app, a fake-backed one in tests). */
export function LiveEventsProvider({ store, children }: { store: LiveEventsStore; children: ReactNode }) {
  return <LiveEventsContext.Provider value={store}>{children}</LiveEventsContext.Provider>;
}

/** The injected store; throws when no provider is present. */
export function useLiveEventsStore(): LiveEventsStore {
  const store = useContext(LiveEventsContext);
  if (!store) throw new Error('useLiveEventsStore needs a LiveEventsProvider');
  return store;
}

/** The current connection state and latest events, re-rendering on every change. */
export function useLiveSnapshot(): LiveSnapshot {
  const store = useLiveEventsStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

/** The latest live event of one job, if any. */
export function useLiveEvent(jobId: string | undefined): JobEvent | undefined {
  const snapshot = useLiveSnapshot();
  return jobId ? snapshot.events.get(jobId) : undefined;
}
