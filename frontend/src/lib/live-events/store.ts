import { jobEventSchema, type ConnectionState, type JobEvent, type LiveSnapshot, type LiveTransport } from './types';

type Listener = () => void;

/**
 * Holds the connection state and the latest event of each job. Events whose `seq` is not newer than the one
 * already held are dropped, so a late or duplicated delivery never moves a job backwards. Every successful
 * (re)connect notifies the resync listeners, which reload the job list from the API: events missed while
 * disconnected are then covered by the fresh server state.
 */
export class LiveEventsStore {
  private snapshot: LiveSnapshot = { connection: 'idle', events: new Map() };
  private readonly listeners = new Set<Listener>();
  private readonly resyncListeners = new Set<Listener>();
  private readonly eventListeners = new Set<(event: JobEvent) => void>();
  private running = false;

  constructor(private readonly transport: LiveTransport) {}

  /** Starts the connection (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.setConnection('connecting');
    this.transport.start({
      onConnected: () => {
        this.setConnection('connected');
        this.resyncListeners.forEach((listener) => listener());
      },
      onDisconnected: () => {
        if (this.running) this.setConnection('disconnected');
      },
      onMessage: (body) => this.receive(body),
    });
  }

  /** Stops the connection and forgets all events (e.g. on sign-out). */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.transport.stop();
    this.snapshot = { connection: 'idle', events: new Map() };
    this.emit();
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LiveSnapshot => this.snapshot;

  /** Registers a listener called after each (re)connect. */
  onResync(listener: Listener): () => void {
    this.resyncListeners.add(listener);
    return () => this.resyncListeners.delete(listener);
  }

  /** Registers a listener called for each accepted (newer) event. */
  onEvent(listener: (event: JobEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Applies one raw message; returns true when it was accepted. Exposed for the transport and tests. */
  receive(body: string): boolean {
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch {
      return false;
    }
    const parsed = jobEventSchema.safeParse(raw);
    if (!parsed.success) return false;
    const event = parsed.data;
    const current = this.snapshot.events.get(event.jobId);
    if (current && event.seq <= current.seq) return false;
    const events = new Map(this.snapshot.events);
    events.set(event.jobId, event);
    this.snapshot = { ...this.snapshot, events };
    this.emit();
    this.eventListeners.forEach((listener) => listener(event));
    return true;
  }

  private setConnection(connection: ConnectionState): void {
    if (this.snapshot.connection === connection) return;
    this.snapshot = { ...this.snapshot, connection };
    this.emit();
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}
