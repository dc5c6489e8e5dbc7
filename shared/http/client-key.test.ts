import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp } from './create-app.ts';
import { clientIdentity } from './client-key.ts';
import { silentLogger } from './logger.ts';
import { listen } from './serve.ts';

const identify = (trustProxyHops: number) => {
  const app = createApp({ name: 'test', log: silentLogger, trustProxyHops });
  app.get('/who', (c) => c.json(clientIdentity(c)));
  return app;
};
const who = async (trustProxyHops: number, forwarded?: string) => {
  const response = await identify(trustProxyHops).request('/who', forwarded === undefined ? {} : { headers: { 'X-Forwarded-For': forwarded } });
  return (await response.json()) as { key: string; known: boolean };
};

describe('clientIdentity (TRUST_PROXY_HOPS)', () => {
  it("0 hops: the socket address; X-Forwarded-For is the client's own text and ignored", async () => {
    const app = identify(0);
    const server = await listen(app.fetch, 0, '127.0.0.1');
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/who`, { headers: { 'X-Forwarded-For': '203.0.113.9' } });
      expect(await response.json()).toEqual({ key: '127.0.0.1', known: true });
    } finally {
      await server.stop();
    }
  });

  it('N hops: the N-th X-Forwarded-For entry from the right', async () => {
    expect(await who(1, 'spoofed, 198.51.100.7')).toEqual({ key: '198.51.100.7', known: true });
    expect(await who(2, 'spoofed, 198.51.100.7, 10.1.2.3')).toEqual({ key: '198.51.100.7', known: true });
    expect(await who(1, ' 198.51.100.7 ')).toEqual({ key: '198.51.100.7', known: true });
  });

  it('a list shorter than N gives its leftmost hop; no list at all is an unknown client', async () => {
    expect(await who(3, '198.51.100.7, 10.1.2.3')).toEqual({ key: '198.51.100.7', known: true });
    expect(await who(1)).toEqual({ key: 'unknown', known: false });
    expect(await who(1, ' , ')).toEqual({ key: 'unknown', known: false });
  });

  it('caps the key length so a long header cannot grow the rate-limit map entries', async () => {
    expect((await who(1, 'x'.repeat(500))).key).toHaveLength(64);
  });
});

describe('WebSocket origin check (ALLOWED_ORIGINS)', () => {
  const open = (port: number, origin?: string) =>
    new Promise<{ opened: boolean; status?: number }>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, origin ? { origin } : {});
      socket.once('open', () => {
        socket.close();
        resolve({ opened: true });
      });
      socket.once('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode }));
      socket.once('error', () => resolve({ opened: false }));
    });

  it('refuses an upgrade from an origin not in the list with 403; listed origins and non-browsers pass', async () => {
    const { upgradeWebSocket } = await import('@hono/node-server');
    const app = createApp({ name: 'test', log: silentLogger, allowedOrigins: ['https://shop.example'] });
    app.get(
      '/ws',
      upgradeWebSocket(() => ({})),
    );
    const server = await listen(app.fetch, 0, '127.0.0.1');
    try {
      expect(await open(server.port, 'https://evil.example')).toEqual({ opened: false, status: 403 });
      expect(await open(server.port, 'https://shop.example')).toEqual({ opened: true });
      expect(await open(server.port)).toEqual({ opened: true });
    } finally {
      await server.stop();
    }
  });

  it('accepts any origin when ALLOWED_ORIGINS is unset', async () => {
    const { upgradeWebSocket } = await import('@hono/node-server');
    const app = createApp({ name: 'test', log: silentLogger });
    app.get(
      '/ws',
      upgradeWebSocket(() => ({})),
    );
    const server = await listen(app.fetch, 0, '127.0.0.1');
    try {
      expect(await open(server.port, 'https://anywhere.example')).toEqual({ opened: true });
    } finally {
      await server.stop();
    }
  });
});
