import { describe, expect, it } from 'vitest';
import type { CartLine, TurnState } from '../turn-state.ts';
import { createToolRunner, type ToolResult } from './tool-runner.ts';

// The exact results the model reads: refusal codes with their messages, and the data fields
// it acts on (replacedDraft, a kept draft, prices). Nothing changes on a refusal.

const TOPPING_IDS = 'topping ids: pearls, coconut-jelly, pudding, grass-jelly, taro-balls, red-bean, cheese-foam';
const oolong: CartLine = { lineId: 'l1', itemId: 'oolong-milk-tea', size: 'M', sugar: 50, ice: 'none', toppings: [], quantity: 1 };

function setup(over: Partial<TurnState> = {}, soldOut: string[] = []) {
  const state: TurnState = { state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false, ...over };
  let ids = 0;
  const runner = createToolRunner({
    state,
    availability: { isSoldOut: (id) => soldOut.includes(id) },
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
      prices: [{ size: 'L', unitPrice: '¥20.00', total: '¥20.00' }],
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
