import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../testing/test-catalog.ts';
import type { OrderLookup } from '../../orders/order-types.ts';
import type { CartLine, TurnState } from '../turn-state.ts';
import { createCatalog } from '../../menu/catalog.ts';
import { openAiToolsFor } from './openai-tools.ts';
import { TOOL_DEFINITIONS } from './tool-definitions.ts';
import { createToolRunner, type ToolResult } from './tool-runner.ts';

const line = (over: Partial<CartLine> = {}): CartLine => ({
  lineId: `l${Math.random()}`,
  itemId: 'oolong-milk-tea',
  size: 'M',
  sugar: 50,
  ice: 'none',
  toppings: [],
  quantity: 1,
  ...over,
});

function setup(over: Partial<TurnState> = {}, soldOut: string[] = []) {
  const state: TurnState = { state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false, readBack: null, ...over };
  const lookups: { orderId?: string; pickupCode?: string }[] = [];
  let ids = 0;
  const runner = createToolRunner({
    state,
    catalog: defaultCatalog(soldOut),
    lookupOrder: async (ref): Promise<OrderLookup> => {
      lookups.push(ref);
      if (ref.orderId === 'boom') throw new Error('connect ECONNREFUSED 10.0.0.1');
      return ref.pickupCode === '12' || ref.orderId === 'ord-1'
        ? { orderId: 'ord-1', found: true, pickupCode: '12', status: 'ready' }
        : { orderId: ref.pickupCode ?? ref.orderId ?? '', found: false };
    },
    newLineId: () => `id-${(ids += 1)}`,
  });
  return { state, run: runner.runRaw, lookups };
}

const errorOf = (result: ToolResult) => (result.ok ? null : result.error);
const dataOf = (result: ToolResult) => (result.ok ? (result.data as any) : null);
const full = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', quantity: 2 };

describe('tool definitions', () => {
  it('produce OpenAI tools with JSON schema from the valibot schemas, the live menu’s ids as enums', () => {
    const tools = openAiToolsFor(defaultCatalog());
    expect(tools.map((tool) => tool.function.name)).toEqual(TOOL_DEFINITIONS.map((tool) => tool.name));
    const add = tools.find((tool) => tool.function.name === 'add_item')!;
    expect(add.type).toBe('function');
    expect(add.function.parameters).toMatchObject({
      type: 'object',
      required: ['itemId'],
      properties: {
        itemId: { enum: defaultCatalog().items.map((item) => item.id) },
        size: { enum: ['M', 'L'] },
        sugar: { enum: [100, 70, 50, 30, 0] },
        ice: { enum: ['regular', 'light', 'none', 'room', 'hot'] },
        toppings: { items: { enum: defaultCatalog().toppings.map((topping) => topping.id) } },
        quantity: { type: 'integer', minimum: 1 },
      },
    });
    // Another shop's tools name its own ids.
    const menu = defaultCatalog().definition;
    const other = openAiToolsFor(
      createCatalog({
        ...menu,
        sizes: [{ id: 'XL', name: { zh: '超大杯', en: 'extra large' }, aliases: [] }],
        items: [{ ...menu.items[0]!, prices: { XL: 2000 } }],
      }),
    );
    expect(other.find((tool) => tool.function.name === 'add_item')!.function.parameters).toMatchObject({
      properties: { size: { enum: ['XL'] }, itemId: { enum: [menu.items[0]!.id] } },
    });
    expect(add.function.parameters).not.toHaveProperty('$schema');
    const fields = tools.flatMap((tool) => Object.keys((tool.function.parameters.properties ?? {}) as object));
    expect(fields.filter((field) => /price|total|cost/i.test(field))).toEqual([]);
    for (const tool of tools) expect(tool.function.description.length).toBeGreaterThan(20);
  });
});

describe('tool runner: validation', () => {
  it.each([
    ['unknown tool', 'make_coffee', {}, 'unknown_tool', /unknown tool "make_coffee"; tools: show_menu/],
    ['a size this menu lacks', 'add_item', { ...full, size: 'XL' }, 'size_not_offered', /comes in size M or L; choose size M or L/],
    ['a sugar level this menu lacks', 'add_item', { ...full, sugar: 40 }, 'sugar_not_allowed', /sugar must be 100 or 70 or 50 or 30 or 0/],
    ['an ice level this menu lacks', 'add_item', { ...full, ice: 'lukewarm' }, 'ice_not_allowed', /ice must be one of regular, light, none, room, hot/],
    ['sugar not a percent', 'add_item', { ...full, sugar: 140 }, 'invalid_arguments', /sugar must be 0..100/],
    ['quantity 0', 'add_item', { ...full, quantity: 0 }, 'invalid_arguments', /quantity must be at least 1/],
    ['quantity 21 (the menu allows 20)', 'add_item', { ...full, quantity: 21 }, 'quantity_out_of_range', /quantity must be 1..20/],
    ['quantity 1.5', 'add_item', { ...full, quantity: 1.5 }, 'invalid_arguments', /whole number/],
    ['missing itemId', 'add_item', { size: 'L' }, 'invalid_arguments', /itemId/],
    ['unknown item', 'add_item', { ...full, itemId: 'coffee' }, 'unknown_item', /unknown item "coffee"; menu item ids: pearl-milk-tea/],
    ['cold only', 'add_item', { ...full, itemId: 'mango-pomelo-sago', ice: 'hot' }, 'cold_only', /mango-pomelo-sago is cold only/],
    ['sugar per item', 'add_item', { ...full, itemId: 'brown-sugar-pearl-milk', sugar: 50 }, 'sugar_not_allowed', /sugar must be 100 or 70/],
    ['unknown topping', 'add_item', { ...full, toppings: ['gold-flakes'] }, 'unknown_topping', /unknown topping "gold-flakes"/],
    ['duplicate topping', 'add_item', { ...full, toppings: ['pudding', 'pudding'] }, 'duplicate_topping', /once/],
    ['too many toppings', 'add_item', { ...full, toppings: ['pudding', 'pearls', 'red-bean', 'grass-jelly'] }, 'too_many_toppings', /at most 3/],
    ['arguments not an object', 'add_item', '[1,2]', 'invalid_arguments', /JSON object/],
    ['arguments not JSON', 'add_item', '{itemId: pearl', 'invalid_arguments', /JSON object/],
    ['bad line number', 'remove_line', { line: 0 }, 'invalid_arguments', /line numbers start at 1/],
    ['bad pickup code', 'lookup_order', { pickupCode: 'abc' }, 'invalid_arguments', /pickupCode/],
  ])('%s', async (_name, tool, args, code, message) => {
    const { state, run } = setup();
    const before = structuredClone(state);
    const error = errorOf(await run(tool, args));
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(message);
    expect(state).toEqual(before); // nothing changes on failure
  });

  it('rejects a sold-out item, also in a draft', async () => {
    const { run, state } = setup({}, ['taro-milk-tea']);
    expect(errorOf(await run('add_item', { itemId: 'taro-milk-tea' }))?.code).toBe('item_sold_out');
    expect(state.draft).toBeNull();
  });
});

describe('tool runner: coercion', () => {
  it('coerces obviously meant values', async () => {
    const { run, state } = setup();
    const result = await run('add_item', {
      itemId: 'Pearl Milk Tea',
      size: 'large',
      sugar: '50%',
      ice: 'less ice',
      quantity: '2',
      toppings: 'pudding, Coconut Jelly',
    });
    expect(result.ok).toBe(true);
    expect(state.cart[0]).toMatchObject({ itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', quantity: 2, toppings: ['pudding', 'coconut-jelly'] });
  });

  it('accepts JSON text, null for "not given", "0.7" sugar, zh words', async () => {
    const { run, state } = setup();
    expect((await run('add_item', '{"itemId":"乌龙奶茶","size":"中杯","sugar":0.7,"ice":"去冰","toppings":null}')).ok).toBe(true);
    expect(state.cart[0]).toMatchObject({ itemId: 'oolong-milk-tea', size: 'M', sugar: 70, ice: 'none', toppings: [] });
  });

  it('ignores prices sent by the caller; totals come from the menu', async () => {
    const { run } = setup();
    await run('add_item', { ...full, toppings: ['pudding'], unitPrice: 0, price: 0, total: 0 });
    const cart = dataOf(await run('show_cart'));
    expect(cart.total).toBe('¥41.00');
    expect(cart.lines[0]).toMatchObject({ unitPrice: '¥20.50', lineTotal: '¥41.00' });
  });
});

describe('tool runner: cart and draft', () => {
  it('a complete drink becomes a line; a partial one the draft with missing fields', async () => {
    const { run, state } = setup();
    expect(dataOf(await run('add_item', full)).added).toMatchObject({ line: 1, itemId: 'pearl-milk-tea' });
    expect(state.state).toBe('collecting');
    const partial = dataOf(await run('add_item', { itemId: 'jasmine-green-tea', size: 'L' }));
    expect(partial.missing).toEqual(['sugar', 'ice']);
    expect(state.draft).toMatchObject({ itemId: 'jasmine-green-tea', size: 'L' });
    const done = dataOf(await run('update_draft', { sugar: 0, ice: 'hot' }));
    expect(done.added).toMatchObject({ line: 2, itemId: 'jasmine-green-tea', sugar: 0, ice: 'hot' });
    expect(state.draft).toBeNull();
    expect(state.cart).toHaveLength(2);
  });

  it('a drink with one size, sugar or ice has it chosen, in add_item and update_draft', async () => {
    const menu = defaultCatalog().definition;
    const only = { ...menu.items[0]!, id: 'one-size', prices: { M: 1500 }, sugar: [50], ice: ['regular', 'none'] };
    const state: TurnState = { state: 'empty', lang: 'en', cart: [], draft: null, pending: null, lastOrderId: null, placeOrder: false, readBack: null };
    const { runRaw } = createToolRunner({
      state,
      catalog: createCatalog({ ...menu, items: [...menu.items, only] }),
      lookupOrder: async () => ({ orderId: '', found: false }),
      newLineId: () => 'id-1',
    });
    expect(dataOf(await runRaw('add_item', { itemId: 'one-size' })).missing).toEqual(['ice']);
    expect(state.draft).toMatchObject({ size: 'M', sugar: 50 });
    await runRaw('update_draft', { ice: 'none' });
    expect(state.cart[0]).toMatchObject({ itemId: 'one-size', size: 'M', sugar: 50, ice: 'none' });
    // Two choices are still asked: a drink of the default menu keeps its missing fields.
    expect(dataOf(await runRaw('add_item', { itemId: 'oolong-milk-tea' })).missing).toEqual(['size', 'sugar', 'ice']);
  });

  it('update_draft without a drink, then add_item keeps those options', async () => {
    const { run, state } = setup();
    await run('update_draft', { size: 'L', sugar: 70 });
    expect(state.draft).toMatchObject({ size: 'L', sugar: 70 });
    await run('add_item', { itemId: 'matcha-latte', ice: 'light' });
    expect(state.cart[0]).toMatchObject({ itemId: 'matcha-latte', size: 'L', sugar: 70, ice: 'light' });
  });

  it('update_line: by number, default last, toppings add/remove, swap keeps options', async () => {
    const { run, state } = setup({ state: 'collecting', cart: [line(), line({ itemId: 'taro-milk-tea', toppings: ['pudding'] })] });
    await run('update_line', { size: 'L' });
    expect(state.cart[1]!.size).toBe('L');
    await run('update_line', { line: 1, addToppings: ['pearls'], quantity: 3 });
    expect(state.cart[0]).toMatchObject({ toppings: ['pearls'], quantity: 3 });
    await run('update_line', { line: 2, itemId: 'matcha-latte', removeToppings: ['pudding'] });
    expect(state.cart[1]).toMatchObject({ itemId: 'matcha-latte', size: 'L', sugar: 50, ice: 'none', toppings: [] });
    expect(errorOf(await run('update_line', { line: 3, size: 'M' }))?.message).toMatch(/no line 3; the cart has 2 lines/);
    expect(errorOf(await run('update_line', { line: 1 }))?.code).toBe('invalid_arguments');
    expect(errorOf(await run('update_line', { line: 1, removeToppings: ['red-bean'] }))?.code).toBe('topping_not_on_drink');
    expect(errorOf(await run('update_line', { line: 1, ice: 'hot', itemId: 'cheese-foam-oolong' }))?.code).toBe('cold_only');
    expect(state.cart[0]!.itemId).toBe('oolong-milk-tea');
  });

  it('remove_line and clear_cart settle the state', async () => {
    const { run, state } = setup({ state: 'collecting', cart: [line(), line({ itemId: 'taro-milk-tea' })] });
    expect(dataOf(await run('remove_line', { line: 1 })).removed.itemId).toBe('oolong-milk-tea');
    expect(state.cart.map((l) => l.itemId)).toEqual(['taro-milk-tea']);
    await run('add_item', { itemId: 'matcha-latte' });
    await run('clear_cart');
    expect(state).toMatchObject({ cart: [], draft: null, state: 'empty' });
    expect(errorOf(await run('remove_line'))?.code).toBe('empty_cart');
  });

  it('enforces at most 20 lines', async () => {
    const { run, state } = setup({ state: 'collecting', cart: Array.from({ length: 19 }, () => line()) });
    expect((await run('add_item', full)).ok).toBe(true);
    expect(errorOf(await run('add_item', full))?.code).toBe('too_many_lines');
    await run('add_item', { itemId: 'matcha-latte', size: 'M', sugar: 50 });
    expect(errorOf(await run('update_draft', { ice: 'none' }))?.code).toBe('too_many_lines');
    expect(state.cart).toHaveLength(20);
    expect(state.draft).toMatchObject({ itemId: 'matcha-latte' });
  });
});

describe('tool runner: checkout and confirm', () => {
  it('checkout refuses an empty cart or an incomplete draft and says what is missing', async () => {
    const { run, state } = setup();
    expect(errorOf(await run('checkout'))?.code).toBe('empty_cart');
    await run('add_item', full);
    await run('add_item', { itemId: 'jasmine-green-tea', size: 'L' });
    const error = errorOf(await run('checkout'));
    expect(error).toEqual({ code: 'draft_incomplete', message: expect.stringMatching(/jasmine-green-tea\) is still missing sugar, ice/) });
    expect(state.state).toBe('collecting');
  });

  it('reads back lines and the server total, then confirm places once', async () => {
    const { run, state } = setup({ state: 'collecting', cart: [line({ itemId: 'pearl-milk-tea', size: 'L', toppings: ['pudding'], quantity: 2 })] });
    expect(errorOf(await run('confirm_order'))?.code).toBe('not_confirming');
    expect(state.placeOrder).toBe(false);
    const readBack = dataOf(await run('checkout'));
    expect(readBack).toMatchObject({ state: 'confirming', total: '¥41.00', lines: [{ line: 1, itemId: 'pearl-milk-tea', quantity: 2, lineTotal: '¥41.00' }] });
    expect(state.state).toBe('confirming');
    expect(dataOf(await run('confirm_order'))).toMatchObject({ placed: true, total: '¥41.00' });
    expect(state).toMatchObject({ state: 'placed', placeOrder: true });
    expect(state.cart).toHaveLength(1); // the server places this cart and empties it on commit
    expect(errorOf(await run('confirm_order'))?.code).toBe('already_placed');
    expect(errorOf(await run('add_item', full))?.code).toBe('order_placed');
  });

  it('a placed session refuses confirm; a new drink starts collecting again', async () => {
    const { run, state } = setup({ state: 'placed', lastOrderId: 'ord-1' });
    expect(errorOf(await run('confirm_order'))?.code).toBe('already_placed');
    await run('add_item', full);
    expect(state.state).toBe('collecting');
  });

  it('any change while confirming goes back to collecting; cancel_checkout too', async () => {
    const { run, state } = setup({ state: 'collecting', cart: [line()] });
    await run('checkout');
    await run('update_line', { size: 'L' });
    expect(state.state).toBe('collecting');
    await run('checkout');
    expect(dataOf(await run('cancel_checkout'))).toEqual({ state: 'collecting' });
    expect(errorOf(await run('cancel_checkout'))?.code).toBe('not_confirming');
  });

  it('checkout refuses a line that sold out meanwhile', async () => {
    const { run, state } = setup({ state: 'collecting', cart: [line({ itemId: 'taro-milk-tea' })] }, ['taro-milk-tea']);
    expect(errorOf(await run('checkout'))).toMatchObject({ code: 'item_sold_out', message: expect.stringMatching(/^line 1: taro-milk-tea is sold out/) });
    expect(state.state).toBe('collecting');
  });
});

describe('tool runner: questions', () => {
  it('show_menu has availability and prices; quote_price computes them', async () => {
    const { run } = setup({}, ['mango-pomelo-sago']);
    const menu = dataOf(await run('show_menu'));
    expect(menu.items.find((i: any) => i.id === 'mango-pomelo-sago')).toMatchObject({
      available: false,
      hot: false,
      prices: [
        { size: 'M', name: 'medium', price: '¥22.00' },
        { size: 'L', name: 'large', price: '¥25.00' },
      ],
    });
    expect(menu.items.find((i: any) => i.id === 'brown-sugar-pearl-milk').sugar).toEqual([100, 70]);
    const quote = dataOf(await run('quote_price', { itemId: 'taro-milk-tea', size: 'M', toppings: ['pudding'], quantity: 2 }));
    expect(quote.prices).toEqual([{ size: 'M', sizeName: 'medium', unitPrice: '¥19.50', total: '¥39.00' }]);
    expect(dataOf(await run('quote_price', { itemId: 'lemon-black-tea' })).prices.map((p: any) => p.unitPrice)).toEqual(['¥12.00', '¥15.00']);
  });

  it('lookup_order by code, by the last order, and never invents one', async () => {
    const { run, lookups } = setup({ lastOrderId: 'ord-1' });
    expect(dataOf(await run('lookup_order', { pickupCode: 12 }))).toMatchObject({ found: true, status: 'ready' });
    expect(dataOf(await run('lookup_order', {}))).toMatchObject({ orderId: 'ord-1', found: true });
    expect(dataOf(await run('lookup_order', { pickupCode: '9999' }))).toEqual({ orderId: '9999', found: false });
    expect(lookups).toEqual([{ pickupCode: '12' }, { orderId: 'ord-1' }, { pickupCode: '9999' }]);
    expect(errorOf(await setup().run('lookup_order', {}))?.code).toBe('no_order_reference');
  });

  it('a failing lookup is reported without internal details', async () => {
    const failed = errorOf(await setup().run('lookup_order', { orderId: 'boom' }));
    expect(failed?.code).toBe('lookup_unavailable');
    expect(failed?.message).not.toMatch(/ECONNREFUSED|10\.0\.0\.1/);
  });

  it('results are JSON-serialisable', async () => {
    const { run } = setup({ state: 'collecting', cart: [line()] });
    for (const tool of TOOL_DEFINITIONS) {
      const result = await run(tool.name, tool.name === 'lookup_order' ? { pickupCode: '12' } : {});
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
  });
});
