export { LiveEventsStore } from './store';
export { stompTransport } from './stomp-transport';
export { LiveEventsProvider, useLiveEventsStore, useLiveSnapshot, useLiveEvent } from './context';
export * from './types';
