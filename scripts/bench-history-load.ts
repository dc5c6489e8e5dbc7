// Loopback load for the history bench: closed-loop GETs (one request at a time, so the latency
// is the route's own cost, no queueing), POST /orders at a fixed offered rate (open loop: a
// request is sent on schedule whether or not the last one was answered), and /queue/ws watchers.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export type Reply = { status: number; body: string; ms: number };

/** One request over a kept-alive connection; `ms` from the first byte sent to the last received. */
export function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

export type Latencies = { p50: number; p99: number; count: number; errors: number };

export function summarise(ms: number[], errors = 0): Latencies {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), count: sorted.length, errors };
}

/** GETs `url` one after another for `seconds` (at least `minimum` of them); a warm-up of 20 first. */
export async function closedLoop(url: string, headers: Record<string, string>, seconds: number, minimum = 200): Promise<Latencies> {
  for (let i = 0; i < 20; i += 1) await request(url, { headers });
  const ms: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end || ms.length < minimum) {
    const reply = await request(url, { headers });
    if (reply.status !== 200) errors += 1;
    ms.push(reply.ms);
  }
  return summarise(ms, errors);
}

/**
 * POST /orders at `rate` per second for `seconds`, on schedule. A kitchen cancels each order
 * `keepActive` orders later (staff PATCH), so the queue stays the same size all along.
 */
export async function ordersAtRate({
  base,
  rate,
  seconds,
  staffToken,
  keepActive = 50,
}: {
  base: string;
  rate: number;
  seconds: number;
  staffToken: string;
  keepActive?: number;
}): Promise<Latencies> {
  const body = JSON.stringify({ lines: [{ itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 1 }] });
  const staff = { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' };
  const ms: number[] = [];
  const placed: string[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const due = started + (i * 1000) / rate;
    if (due > performance.now()) await sleep(due - performance.now());
    pending.push(
      request(`${base}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (reply) => {
        ms.push(reply.ms);
        if (reply.status !== 201) return void (errors += 1);
        placed.push((JSON.parse(reply.body) as { id: string }).id);
        if (placed.length > keepActive) {
          const oldest = placed.shift()!;
          await request(`${base}/orders/${oldest}`, { method: 'PATCH', headers: staff, body: '{"status":"cancelled"}' });
        }
      }),
    );
  }
  await Promise.all(pending);
  return summarise(ms, errors);
}

/** `count` /queue/ws watchers (permessage-deflate, as browsers); close() returns the snapshots they got. */
export async function watchQueue(base: string, count: number): Promise<{ close(): number }> {
  let messages = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const socket = new WebSocket(`${base.replace('http', 'ws')}/queue/ws`);
          socket.on('message', () => (messages += 1));
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        }),
    ),
  );
  return {
    close() {
      for (const socket of sockets) socket.close();
      return messages;
    },
  };
}
