import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../testing/test-catalog.ts';
import type { CartLine, TurnState } from '../turn-state.ts';
import { createToolRunner, type ToolResult } from './tool-runner.ts';

// The exact results the model reads: refusal codes with their messages, and the data fields
// it acts on (replacedDraft, a kept draft, prices). Nothing changes on a refusal.

const TOPPING_IDS = 'topping ids: pearls, coconut-jelly, pudding, grass-jelly, taro-balls, red-bean, cheese-foam';
const oolong: CartLine = { lineId: 'l1', itemId: 'oolong-milk-tea', size: 'M', sugar: 50, ice: 'none', toppings: [], quantity: 1 };

function setup(over: Partial<TurnState> = {}, soldOut: string[] = []) {
  const state: TurnState = { state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false, readBack: null, ...over };
  let ids = 0;
  const runner = createToolRunner({
    state,
    catalog: defaultCatalog(soldOut),
    lookupOrder: async () => ({ orderId: 'none', found: false }),
    newLineId: () => `id-${(ids += 1)}`,
  });
  return { state, run: runner.runRaw };
}

const errorOf = (result: ToolResult) => (result.ok ? null : result.error);
const dataOf = (result: ToolResult) => (result.ok ? (result.data as any) : null);

/** Runs a tool that must refuse, checks the state did not change, and returns the error. */
async function refusal(context: ReturnType<typeof setup>, tool: string, args?: unknown) {
  const before = structuredClone(context.state);
  const error = errorOf(await context.run(tool, args));
  expect(context.state).toEqual(before);
  return error;
}

describe('tool runner: refusals the model reads', () => {
  it('toppings for a drink not yet chosen are checked against the menu and the limit', async () => {
    const context = setup();
    expect(await refusal(context, 'update_draft', { toppings: ['gold-flakes'] })).toEqual({
      code: 'unknown_topping',
      message: `unknown topping "gold-flakes"; ${TOPPING_IDS}`,
    });
    expect(await refusal(context, 'update_draft', { toppings: ['pudding', 'pearls', 'red-bean', 'grass-jelly'] })).toEqual({
      code: 'too_many_toppings',
      message: 'at most 3 toppings per drink',
    });
    expect(dataOf(await context.run('update_draft', { toppings: ['pudding', 'pearls', 'red-bean'] }))).toEqual({
      draft: { toppings: ['pudding', 'pearls', 'red-bean'], quantity: 1, missing: ['itemId', 'size', 'sugar', 'ice'] },
      missing: ['itemId', 'size', 'sugar', 'ice'],
    });
  });

  it('removing a topping that is not on the menu names the menu toppings', async () => {
    const context = setup({ state: 'collecting', cart: [oolong] });
    expect(await refusal(context, 'update_line', { removeToppings: ['gold-flakes'] })).toEqual({
      code: 'unknown_topping',
      message: `unknown topping "gold-flakes"; ${TOPPING_IDS}`,
    });
  });

  it('a line number past the cart says how many lines there are (one line: singular)', async () => {
    const context = setup({ state: 'collecting', cart: [oolong] });
    expect(await refusal(context, 'update_line', { line: 2, size: 'L' })).toEqual({ code: 'no_such_line', message: 'there is no line 2; the cart has 1 line' });
    expect(await refusal(context, 'remove_line', { line: 3 })).toEqual({ code: 'no_such_line', message: 'there is no line 3; the cart has 1 line' });
  });

  it('cancel_draft without a draft, confirm with an emptied cart', async () => {
    expect(await refusal(setup(), 'cancel_draft')).toEqual({ code: 'no_draft', message: 'no drink is being specified' });
    expect(await refusal(setup({ state: 'confirming' }), 'confirm_order')).toEqual({ code: 'empty_cart', message: 'the cart is empty' });
  });

  it('checkout with options but no drink yet asks for the drink', async () => {
    const context = setup({ state: 'collecting', cart: [oolong], draft: { size: 'L', toppings: [], quantity: 1 } });
    expect(await refusal(context, 'checkout')).toEqual({
      code: 'draft_incomplete',
      message: 'the drink being specified is still missing itemId, sugar, ice; ask the customer for it first (or cancel_draft)',
    });
  });
});

describe('tool runner: quote_price', () => {
  it('quotes a sold-out drink (marked unavailable) but refuses an unknown drink or topping', async () => {
    const context = setup({}, ['taro-milk-tea']);
    expect(dataOf(await context.run('quote_price', { itemId: 'taro-milk-tea', size: 'L' }))).toEqual({
      itemId: 'taro-milk-tea',
      name: 'Taro Milk Tea',
      toppings: [],
      quantity: 1,
      available: false,
      prices: [{ size: 'L', sizeName: 'large', unitPrice: '¥20.00', total: '¥20.00' }],
    });
    expect(await refusal(context, 'quote_price', { itemId: 'coffee' })).toMatchObject({ code: 'unknown_item' });
    expect(await refusal(context, 'quote_price', { itemId: 'matcha-latte', toppings: ['gold-flakes'] })).toMatchObject({ code: 'unknown_topping' });
  });
});

describe('tool runner: drafts', () => {
  it('a new partial drink replaces a draft of another drink and says which', async () => {
    const context = setup();
    await context.run('add_item', { itemId: 'jasmine-green-tea', size: 'L' });
    const switched = dataOf(await context.run('add_item', { itemId: 'taro-milk-tea', sugar: 70 }));
    expect(switched).toMatchObject({ replacedDraft: 'jasmine-green-tea', missing: ['size', 'ice'] });
    expect(context.state.draft).toMatchObject({ itemId: 'taro-milk-tea', sugar: 70 });
    expect(context.state.draft).not.toHaveProperty('size');
    const same = dataOf(await context.run('add_item', { itemId: 'taro-milk-tea', size: 'M' }));
    expect(same).not.toHaveProperty('replacedDraft');
    const first = dataOf(await setup().run('add_item', { itemId: 'taro-milk-tea' }));
    expect(first).not.toHaveProperty('replacedDraft');
  });

  it('a complete other drink is added while the draft being specified is kept and shown', async () => {
    const context = setup();
    await context.run('add_item', { itemId: 'jasmine-green-tea', size: 'L' });
    const added = dataOf(await context.run('add_item', { itemId: 'matcha-latte', size: 'M', sugar: 50, ice: 'light' }));
    expect(added).toMatchObject({ cartLines: 1, draft: { itemId: 'jasmine-green-tea', size: 'L', missing: ['sugar', 'ice'] } });
    expect(context.state.draft).toMatchObject({ itemId: 'jasmine-green-tea' });
    const alone = dataOf(await setup().run('add_item', { itemId: 'matcha-latte', size: 'M', sugar: 50, ice: 'light' }));
    expect(alone).not.toHaveProperty('draft');
  });
});

describe('tool runner: coercion of model arguments', () => {
  it('number words are quantities; an empty topping text is no toppings', async () => {
    const context = setup();
    await context.run('add_item', { itemId: 'matcha-latte', size: 'M', sugar: 50, ice: 'light', quantity: ' Three ', toppings: ' ' });
    expect(context.state.cart[0]).toMatchObject({ quantity: 3, toppings: [] });
    expect(errorOf(await context.run('add_item', { itemId: 'matcha-latte', quantity: 'a dozen' }))?.code).toBe('invalid_arguments');
  });
});

describe('tool runner: every refusal message, exactly', () => {
  it.each([
    ['empty cart, line tools', {}, 'remove_line', {}, { code: 'empty_cart', message: 'the cart has no lines' }],
    ['empty cart, checkout', {}, 'checkout', {}, { code: 'empty_cart', message: 'the cart is empty; nothing to check out' }],
    [
      'nothing to change',
      { cart: [oolong] },
      'update_line',
      { line: 1 },
      { code: 'invalid_arguments', message: 'nothing to change: give size, sugar, ice, quantity, toppings or itemId' },
    ],
    [
      'topping not on the drink',
      { cart: [oolong] },
      'update_line',
      { removeToppings: ['red-bean'] },
      { code: 'topping_not_on_drink', message: 'red-bean is not on this drink' },
    ],
    [
      'cancel_checkout when not confirming',
      { cart: [oolong] },
      'cancel_checkout',
      {},
      { code: 'not_confirming', message: 'the order is not waiting for confirmation' },
    ],
    [
      'confirm before checkout',
      { cart: [oolong] },
      'confirm_order',
      {},
      { code: 'not_confirming', message: 'call checkout first, read the order back, and confirm only after the customer says yes' },
    ],
    [
      'confirm twice',
      { state: 'placed' as const },
      'confirm_order',
      {},
      { code: 'already_placed', message: 'this order was already placed; do not place it again' },
    ],
    [
      'no order to look up',
      {},
      'lookup_order',
      {},
      { code: 'no_order_reference', message: 'no pickup number given and this customer has not placed an order yet; ask for the pickup number' },
    ],
    [
      'cold only',
      {},
      'add_item',
      { itemId: 'mango-pomelo-sago', ice: 'hot' },
      { code: 'cold_only', message: 'mango-pomelo-sago is cold only; choose ice regular, light, none, room' },
    ],
    ['sold out', {}, 'add_item', { itemId: 'taro-milk-tea' }, { code: 'item_sold_out', message: 'taro-milk-tea is sold out today; suggest another drink' }],
  ])('%s', async (_name, over, tool, args, expected) => {
    const context = setup({ state: 'collecting', ...over }, ['taro-milk-tea']);
    expect(await refusal(context, tool, args)).toEqual(expected);
  });

  it('a placed order refuses every change, but still answers questions', async () => {
    const context = setup({ state: 'placed', cart: [oolong], placeOrder: true });
    const changes = ['add_item', 'update_draft', 'cancel_draft', 'update_line', 'remove_line', 'clear_cart', 'checkout', 'cancel_checkout'];
    for (const tool of changes) {
      expect({ tool, error: await refusal(context, tool, { itemId: 'matcha-latte' }) }).toEqual({
        tool,
        error: { code: 'order_placed', message: 'the order was just placed; changes start a new order in the next message' },
      });
    }
    expect((await context.run('show_cart')).ok).toBe(true);
  });

  it('too many lines, and a line number past the limit', async () => {
    const context = setup({ state: 'collecting', cart: Array.from({ length: 20 }, (_, i) => ({ ...oolong, lineId: `l${i}` })) });
    expect(await refusal(context, 'add_item', { itemId: 'matcha-latte', size: 'M', sugar: 50, ice: 'light' })).toEqual({
      code: 'too_many_lines',
      message: 'an order has at most 20 lines; check out or change an existing line',
    });
    expect(await refusal(context, 'update_line', { line: 21, size: 'L' })).toEqual({
      code: 'no_such_line',
      message: 'there is no line 21; the cart has 20 lines',
    });
    expect(await refusal(context, 'update_line', { line: 51, size: 'L' })).toEqual({ code: 'invalid_arguments', message: 'line must be 1..50' });
  });
});

describe('tool runner: the data each change returns', () => {
  it('cancel_draft, update_line, remove_line and clear_cart say what changed; any change clears a pending question', async () => {
    const context = setup({
      state: 'collecting',
      cart: [oolong],
      draft: { itemId: 'matcha-latte', size: 'L', toppings: [], quantity: 1 },
      pending: { ask: 'sugar' },
    });
    expect(dataOf(await context.run('cancel_draft'))).toEqual({
      dropped: { itemId: 'matcha-latte', size: 'L', toppings: [], quantity: 1, name: 'Matcha Latte', missing: ['sugar', 'ice'] },
      cartLines: 1,
    });
    expect(context.state).toMatchObject({ state: 'collecting', draft: null, pending: null });
    context.state.pending = { ask: 'size' };
    expect(dataOf(await context.run('update_line', { quantity: 2 }))).toEqual({
      updated: { line: 1, itemId: 'oolong-milk-tea', name: 'Oolong Milk Tea', size: 'M', sugar: 50, ice: 'none', toppings: [], quantity: 2 },
    });
    expect(context.state.pending).toBeNull();
    expect(dataOf(await context.run('clear_cart'))).toEqual({ removedLines: 1, state: 'empty' });
    expect(dataOf(await context.run('show_cart'))).toEqual({ state: 'empty', lines: [], total: '¥0.00', draft: null });
    await context.run('update_draft', { size: 'L' });
    expect(dataOf(await context.run('cancel_draft'))).toMatchObject({ cartLines: 0 });
    expect(context.state.state).toBe('empty');
  });

  it('confirm_order tells the model the system announces the pickup number', async () => {
    const context = setup({ state: 'collecting', cart: [oolong] });
    await context.run('checkout');
    expect(dataOf(await context.run('confirm_order'))).toEqual({
      placed: true,
      lines: 1,
      total: '¥15.00',
      note: 'the system tells the customer the pickup number',
    });
  });

  it('show_menu and quote_price in Chinese, with topping prices and both sizes by default', async () => {
    const context = setup({ lang: 'zh' });
    const menu = dataOf(await context.run('show_menu'));
    expect(menu.items.find((item: any) => item.id === 'oolong-milk-tea')).toEqual({
      id: 'oolong-milk-tea',
      name: '乌龙奶茶',
      prices: [
        { size: 'M', name: '中杯', price: '¥15.00' },
        { size: 'L', name: '大杯', price: '¥18.00' },
      ],
      hot: true,
      available: true,
    });
    expect(menu.toppings.find((topping: any) => topping.id === 'pudding')).toEqual({ id: 'pudding', name: '布丁', price: '¥2.50' });
    expect(dataOf(await context.run('quote_price', { itemId: 'oolong-milk-tea', quantity: 2 }))).toEqual({
      itemId: 'oolong-milk-tea',
      name: '乌龙奶茶',
      toppings: [],
      quantity: 2,
      available: true,
      prices: [
        { size: 'M', sizeName: '中杯', unitPrice: '¥15.00', total: '¥30.00' },
        { size: 'L', sizeName: '大杯', unitPrice: '¥18.00', total: '¥36.00' },
      ],
    });
  });
});

describe('tool runner: argument errors and the result hook', () => {
  it('names the field of a bad argument once, and every bad field', async () => {
    const context = setup({ state: 'collecting', cart: [oolong] });
    expect(await refusal(context, 'update_line', { addToppings: [5] })).toEqual({
      code: 'invalid_arguments',
      message: 'addToppings.0: Invalid type: Expected string but received 5',
    });
    expect(await refusal(context, 'add_item', { itemId: 'matcha-latte', size: 'X L', sugar: 140 })).toEqual({
      code: 'invalid_arguments',
      message: 'size must be a size id of the menu, e.g. "M"; sugar must be 0..100',
    });
  });

  it('onResult sees each call that reached a tool, with the parsed arguments', async () => {
    const seen: unknown[] = [];
    const state: TurnState = { state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false, readBack: null };
    const runner = createToolRunner({
      state,
      catalog: defaultCatalog(),
      lookupOrder: async () => ({ orderId: 'none', found: false }),
      onResult: (name, args, result) => seen.push({ name, args, ok: result.ok }),
    });
    await runner.runRaw('make_coffee', {});
    await runner.runRaw('add_item', { size: 'XL' });
    await runner.runRaw('add_item', '{"itemId":"Matcha Latte","quantity":"two"}');
    await runner.run('cancel_checkout');
    expect(seen).toEqual([
      { name: 'add_item', args: { itemId: 'matcha-latte', quantity: 2 }, ok: true },
      { name: 'cancel_checkout', args: {}, ok: false },
    ]);
  });
});
