import type { JobEvent, LiveTransport, TransportCallbacks } from '../lib/live-events';

/** A transport driven by the test: connect, drop the connection, and push events at will. */
export class FakeTransport implements LiveTransport {
  private callbacks?: TransportCallbacks;
  started = 0;
  stopped = 0;

  start(callbacks: TransportCallbacks): void {
    this.callbacks = callbacks;
    this.started++;
  }

  stop(): void {
    this.stopped++;
    this.callbacks = undefined;
  }

  connect(): void {
    this.required().onConnected();
  }

  disconnect(): void {
    this.required().onDisconnected();
  }

  push(event: Partial<JobEvent> & Pick<JobEvent, 'jobId' | 'status' | 'seq'>): void {
    this.required().onMessage(JSON.stringify(event));
  }

  private required(): TransportCallbacks {
    if (!this.callbacks) throw new Error('the store has not started the transport');
    return this.callbacks;
  }
}
