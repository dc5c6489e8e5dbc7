import { describe, expect, it } from 'vitest';
import { createTestChatApp } from '../../shared/testing/chat-fixture.ts';

// The owner changes the menu while a customer is ordering (the offline agent answers).

describe('a menu change during a conversation', () => {
  it('a price changed between the read-back and the yes is read back again, then charged', async () => {
    const { chat, service } = createTestChatApp({}, { menuCacheMs: 0 });
    const first = await chat('一杯大杯乌龙奶茶，半糖少冰');
    const readBack = await chat('就这些', first.body.sessionId);
    expect(readBack.body).toMatchObject({ state: 'confirming', cart: { total: 1800 } });
    service.patchMenuItem('oolong-milk-tea', { prices: { L: 2000 } }, 'owner');
    const again = await chat('确认', first.body.sessionId);
    expect(again.body.order).toBeNull();
    expect(again.body.state).toBe('confirming');
    expect(again.body.reply).toMatch(/合计¥20/);
    const placed = await chat('确认', first.body.sessionId);
    expect(placed.body.order).toMatchObject({ total: 2000 });
  });

  it('a drink taken off the menu while in the cart: named with a choice, checkout waits', async () => {
    const { chat, service } = createTestChatApp({}, { menuCacheMs: 0 });
    const first = await chat('a large oolong milk tea, half sugar, less ice');
    const menu = service.exportMenu();
    service.replaceMenu({ ...menu, items: menu.items.filter((item) => item.id !== 'oolong-milk-tea') }, 'owner');
    const turn = await chat("that's all", first.body.sessionId);
    expect(turn.body.state).not.toBe('confirming');
    expect(turn.body.reply).toBe(
      'One thing before checkout: Sorry, the Oolong Milk Tea is no longer on our menu. Shall I remove it, or replace it with another drink, such as Jasmine Green Tea or Lemon Black Tea? Checkout waits until it is sorted.',
    );
    const removed = await chat('remove it', first.body.sessionId);
    expect(removed.body.cart.lines).toEqual([]);
  });
});
