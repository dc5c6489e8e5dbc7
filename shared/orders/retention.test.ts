import { describe, expect, it } from 'vitest';
import { sampleLine, openTestOrderService } from '../testing/order-fixture.ts';
import { PRUNE_BATCH } from './retention.ts';

describe('retention runs on time, in batches, and keeps the orders', () => {
  it('a clock moved on prunes old conversations, keys, aliases and agent turns in batches that yield; orders stay', async () => {
    let now = new Date('2026-12-01T04:00:00Z');
    const { service, opened } = openTestOrderService({ now: () => now });
    const count = (table: string) => opened.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    await service.createOrder({ lines: [sampleLine] }, 'kiosk:old');
    // More idle sessions than one batch, so the prune has to come back for the rest.
    const insert = opened.sqlite.prepare(
      `INSERT INTO sessions (id, version, state, lang, cart, draft, history, pending, last_order_id, created_at, updated_at) VALUES (?, 0, 'empty', 'zh', '[]', NULL, '[]', NULL, NULL, ?, ?)`,
    );
    opened.sqlite.transaction(() => {
      for (let i = 0; i < PRUNE_BATCH * 2 + 7; i += 1) insert.run(`s${i}`, now.toISOString(), now.toISOString());
    })();
    await service.sessionForAlias('legacy-old', false);
    const talking = await service.createSession();
    await service.commitSession(talking.id, {
      expectedVersion: 0,
      state: 'collecting',
      cart: [],
      draft: null,
      append: [],
      pending: null,
      placeOrder: false,
      turn: { provider: 'rules', input: 'text', source: 'chat' },
    });
    now = new Date('2026-12-01T10:00:00Z');
    expect((await service.prune()).deleted).toMatchObject({ sessions: 0, idempotency_keys: 0 });
    now = new Date('2026-12-02T05:00:00Z'); // 25 h later
    const fresh = await service.createSession();
    const run = service.prune();
    expect(service.prune()).toBe(run); // one run at a time
    // The prune yields between batches: a callback queued before it ran runs before it ends.
    let yielded = false;
    setImmediate(() => {
      yielded = true;
    });
    const result = await run;
    expect(yielded).toBe(true);
    expect(result.deleted).toMatchObject({ sessions: PRUNE_BATCH * 2 + 7 + 2, idempotency_keys: 1, session_aliases: 1, chat_turns: 0 });
    expect(result.longestBatchMs).toBeLessThan(1000);
    expect(count('sessions')).toBe(1);
    expect((await service.getSession(fresh.id))?.id).toBe(fresh.id);
    expect(count('orders')).toBe(1);
    // Agent turns go after 400 days.
    now = new Date('2028-01-10T05:00:00Z');
    expect((await service.prune()).deleted.chat_turns).toBe(1);
    expect(count('orders')).toBe(1);
    service.close();
  });
});
