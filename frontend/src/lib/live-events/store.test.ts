import { describe, expect, it, vi } from 'vitest';
import { FakeTransport } from '../../test/fake-transport';
import { LiveEventsStore } from './store';

function started() {
  const transport = new FakeTransport();
  const store = new LiveEventsStore(transport);
  store.start();
  return { transport, store };
}

describe('LiveEventsStore', () => {
  it('keeps the latest event per job and drops events whose seq is not newer', () => {
    const { transport, store } = started();
    transport.connect();

    transport.push({ jobId: 'a', status: 'PROCESSING', seq: 2, progress: 0.5 });
    transport.push({ jobId: 'a', status: 'PROCESSING', seq: 1, progress: 0.1 });
    transport.push({ jobId: 'a', status: 'PROCESSING', seq: 2, progress: 0.2 });

    expect(store.getSnapshot().events.get('a')).toMatchObject({ seq: 2, progress: 0.5 });

    transport.push({ jobId: 'a', status: 'COMPLETED', seq: 5, progress: 1 });
    transport.push({ jobId: 'a', status: 'PROCESSING', seq: 4, progress: 0.9 });
    expect(store.getSnapshot().events.get('a')).toMatchObject({ status: 'COMPLETED', seq: 5 });
  });

  it('tracks jobs independently', () => {
    const { transport, store } = started();
    transport.push({ jobId: 'a', status: 'PROCESSING', seq: 7 });
    transport.push({ jobId: 'b', status: 'QUEUED', seq: 1 });
    expect(store.getSnapshot().events.get('b')?.status).toBe('QUEUED');
    expect(store.getSnapshot().events.size).toBe(2);
  });

  it('ignores messages that are not job events', () => {
    const { store } = started();
    expect(store.receive('not json')).toBe(false);
    expect(store.receive(JSON.stringify({ jobId: 'a', status: 'EXPLODED', seq: 1 }))).toBe(false);
    expect(store.getSnapshot().events.size).toBe(0);
  });

  it('asks for a resync on the first connect and on every reconnect', () => {
    const { transport, store } = started();
    const resync = vi.fn();
    store.onResync(resync);

    transport.connect();
    expect(store.getSnapshot().connection).toBe('connected');
    expect(resync).toHaveBeenCalledTimes(1);

    transport.disconnect();
    expect(store.getSnapshot().connection).toBe('disconnected');
    expect(resync).toHaveBeenCalledTimes(1);

    transport.connect();
    expect(resync).toHaveBeenCalledTimes(2);
  });

  it('notifies subscribers with a new snapshot object on each change', () => {
    const { transport, store } = started();
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getSnapshot();
    transport.push({ jobId: 'a', status: 'PROCESSING', seq: 1 });
    expect(listener).toHaveBeenCalled();
    expect(store.getSnapshot()).not.toBe(before);
  });

  it('forgets events and stops the transport on stop', () => {
    const { transport, store } = started();
    transport.push({ jobId: 'a', status: 'PROCESSING', seq: 1 });
    store.stop();
    expect(transport.stopped).toBe(1);
    expect(store.getSnapshot()).toMatchObject({ connection: 'idle' });
    expect(store.getSnapshot().events.size).toBe(0);
  });
});
