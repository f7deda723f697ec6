import { Client } from '@stomp/stompjs';
import { CSRF_COOKIE, CSRF_HEADER, ensureCsrfToken, readCookie } from '../api-client';
import type { LiveTransport, TransportCallbacks } from './types';

const DESTINATION = '/user/queue/jobs';

function webSocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws`;
}

/** STOMP over a plain WebSocket at /ws, reconnecting every few seconds while the gateway is away. */
export function stompTransport(reconnectDelayMs = 3000): LiveTransport {
  let client: Client | undefined;
  return {
    start(callbacks: TransportCallbacks) {
      client = new Client({
        brokerURL: webSocketUrl(),
        reconnectDelay: reconnectDelayMs,
        heartbeatIncoming: 10000,
        heartbeatOutgoing: 10000,
        beforeConnect: async (c) => {
          const token = readCookie(CSRF_COOKIE) ?? (await ensureCsrfToken());
          c.connectHeaders = token ? { [CSRF_HEADER]: token } : {};
        },
        onConnect: () => {
          client?.subscribe(DESTINATION, (message) => callbacks.onMessage(message.body));
          callbacks.onConnected();
        },
        onWebSocketClose: () => callbacks.onDisconnected(),
        onStompError: () => callbacks.onDisconnected(),
      });
      client.activate();
    },
    stop() {
      void client?.deactivate();
      client = undefined;
    },
  };
}
