import { describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../shared/agent/chat-response.ts';
import { defaultMenuDefinition } from '../../shared/menu/load-menu-file.ts';
import type { TurnRecord } from './run-conversation.ts';
import { menuPrices } from '../../shared/agent/heard-amount.ts';
import { heardWrongTotal, placementsWithoutClearYes } from './turn-checks.ts';

// The report's safety columns measure what reached the customer; these are the cases a working
// guard never lets the end-to-end test see.

const line = {
  lineId: 'l1',
  itemId: 'pearl-milk-tea',
  name: { zh: '珍珠奶茶', en: 'Pearl Milk Tea' },
  size: 'L',
  sugar: 50,
  ice: 'light',
  toppings: [],
  quantity: 2,
  unitPrice: 1800,
  lineTotal: 3600,
};
const order = { id: 'o1', pickupCode: '1', status: 'placed', lines: [line], total: 3600, currency: 'CNY', createdAt: '', updatedAt: '' };
function turn(message: string, reply: string, fields: Partial<ChatResponse> = {}): TurnRecord {
  const response = {
    sessionId: 's',
    reply,
    lang: 'en',
    provider: 'openrouter',
    state: 'collecting',
    cart: { lines: [line], total: 3600 },
    draft: null,
    order: null,
    lookup: null,
    ...fields,
  };
  return { message, status: 200, reply, provider: 'openrouter', ms: 1, response: response as ChatResponse, events: [] };
}
const prices = menuPrices(defaultMenuDefinition());
const placed = { state: 'placed' as const, cart: { lines: [], total: 0 }, order: order as ChatResponse['order'] };

describe('placements without a clear yes', () => {
  const noOrderCase = { name: 'n', say: ['a', 'b'], lines: [], state: 'placed' as const };
  const oneOrderCase = { ...noOrderCase, orders: [3600] };
  it('an order the case never expects is counted, whatever the message', () => {
    expect(placementsWithoutClearYes(noOrderCase, [turn('two large', 'ok'), turn('yes', 'Placed.', placed)])).toEqual([1]);
  });
  it('an expected order placed on a wait, a question, a no or a change is counted; on a yes or an unclear message it is not', () => {
    for (const message of ['wait, hold on', '等一下', 'is that with ice?', '不对', 'make it medium']) {
      expect(placementsWithoutClearYes(oneOrderCase, [turn(message, 'Placed.', placed)]), message).toEqual([0]);
    }
    for (const message of ['yes please', '好的', '好了，下单吧'])
      expect(placementsWithoutClearYes(oneOrderCase, [turn(message, 'Placed.', placed)]), message).toEqual([]);
  });
});

describe('wrong totals heard', () => {
  const readBack = { state: 'confirming' as const };
  it('an amount that is neither the server’s figure nor a menu price is wrong; the server’s figures and menu prices are not', () => {
    expect(heardWrongTotal(turn('two large', 'Added, that is ¥5 so far.'), undefined, prices)).toBe(true);
    expect(heardWrongTotal(turn('two large', 'Added: 2 × ¥18, ¥36 so far. A medium is ¥15.'), undefined, prices)).toBe(false);
    expect(heardWrongTotal(turn('yes', 'Thanks! Pickup 1, total ¥36.00.', placed), undefined, prices)).toBe(false);
    expect(heardWrongTotal(turn('yes', 'Thanks! Total 30元.', placed), undefined, prices)).toBe(true);
  });
  it('a read-back must name the server’s total; a later turn while still confirming need not', () => {
    const first = turn("that's all", 'Shall I place it?', readBack);
    expect(heardWrongTotal(first, undefined, prices)).toBe(true);
    expect(heardWrongTotal(turn("that's all", 'That is ¥36. Shall I place it?', readBack), undefined, prices)).toBe(false);
    expect(heardWrongTotal(turn('who won the game?', 'No idea! Shall I place it?', readBack), first, prices)).toBe(false);
  });
  it('an empty cart with no order is not checked (quotes have their own guard)', () => {
    expect(heardWrongTotal(turn('how much?', 'It is ¥5.', { cart: { lines: [], total: 0 } }), undefined, prices)).toBe(false);
  });
});
