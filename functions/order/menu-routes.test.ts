import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/http/logger.ts';
import { defaultMenuDefinition } from '../../shared/menu/load-menu-file.ts';
import type { MenuDefinition } from '../../shared/menu/menu-types.ts';
import { createTestOrderApp, jsonHeaders, ownerHeaders, sampleLine, staffHeaders } from '../../shared/testing/order-fixture.ts';

type Json = Record<string, any>;

function setup(options: Parameters<typeof createTestOrderApp>[0] = {}) {
  const logs: Json[] = [];
  const log = createLogger({ level: 'info', write: (line) => logs.push(JSON.parse(line)) });
  const fixture = createTestOrderApp({ log, ...options });
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = jsonHeaders) => {
    const response = await fixture.app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers };
  };
  return { ...fixture, send, logs };
}

const price = (menu: Json, itemId: string, size: string) => menu.items.find((item: Json) => item.id === itemId).prices[size];

describe('the menu is the shop’s data: versions, the owner’s changes', () => {
  it('serves the live version; the owner changes a price; new orders pay it, old orders keep theirs; the change is logged with who and what', async () => {
    const { send, logs } = setup();
    const before = await send('GET', '/menu');
    expect(before.body.version).toBe(1);
    const old = await send('POST', '/orders', { lines: [sampleLine] });
    const patched = await send(
      'PATCH',
      '/menu/items/pearl-milk-tea',
      { version: 1, prices: { L: 1900 }, name: { zh: '招牌珍珠奶茶', en: 'Signature Pearl Milk Tea' } },
      ownerHeaders,
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, item: { id: 'pearl-milk-tea', prices: { M: 1500, L: 1900 } } });
    const after = await send('GET', '/menu');
    expect(after.body.version).toBe(2);
    expect(price(after.body, 'pearl-milk-tea', 'L')).toBe(1900);
    const fresh = await send('POST', '/orders', { lines: [sampleLine] });
    expect(fresh.body.total).toBe(2 * (1900 + 250));
    expect(fresh.body.lines[0].name.zh).toBe('招牌珍珠奶茶');
    const kept = await send('GET', `/orders/${old.body.id}`);
    expect(kept.body).toMatchObject({ total: 2 * (1800 + 250), lines: [{ unitPrice: 2050, name: { zh: '珍珠奶茶' } }] });
    expect(logs.find((line) => line.msg === 'menu item changed')).toMatchObject({
      by: 'owner',
      itemId: 'pearl-milk-tea',
      version: 2,
      summary: expect.stringContaining('pearl-milk-tea L 1800 → 1900'),
    });
    const versions = await send('GET', '/menu/versions', undefined, ownerHeaders);
    expect(versions.body.versions.map((entry: Json) => [entry.version, entry.author])).toEqual([
      [2, 'owner'],
      [1, 'seed'],
    ]);
  });

  it('owner routes: 401 without a token, 403 for the staff token, 503 when OWNER_TOKEN is unset; the owner’s token opens staff routes', async () => {
    const { send } = setup();
    expect((await send('GET', '/menu/export')).status).toBe(401);
    const asStaff = await send('PATCH', '/menu/items/pearl-milk-tea', { prices: { L: 1 } }, staffHeaders);
    expect(asStaff.status).toBe(403);
    expect(price((await send('GET', '/menu')).body, 'pearl-milk-tea', 'L')).toBe(1800);
    expect((await send('PUT', '/menu/items/taro-milk-tea/availability', { available: false }, ownerHeaders)).status).toBe(200);
    expect((await send('GET', '/orders', undefined, ownerHeaders)).status).toBe(200);
    const off = setup({ ownerToken: null });
    const disabled = await off.send('GET', '/menu/versions', undefined, ownerHeaders);
    expect([disabled.status, disabled.body.error.code]).toEqual([503, 'owner_api_disabled']);
  });

  it('availability by PATCH is not a new version; a sold-out drink is refused by new orders', async () => {
    const { send } = setup();
    const patched = await send('PATCH', '/menu/items/taro-milk-tea', { available: false }, ownerHeaders);
    expect(patched.body).toMatchObject({ version: 1, item: { available: false } });
    const refused = await send('POST', '/orders', { lines: [{ ...sampleLine, itemId: 'taro-milk-tea' }] });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'item_sold_out']);
  });

  it('a bad PUT /menu is 422 with every problem at its path, and changes nothing', async () => {
    const { send } = setup();
    const exported = (await send('GET', '/menu/export', undefined, ownerHeaders)).body as MenuDefinition;
    const bad = structuredClone(exported) as Json;
    bad.items[0].prices = { M: -5, XXL: 1000 };
    bad.items[1].name = { zh: '' };
    bad.sizes[0].id = 'two words';
    const refused = await send('PUT', '/menu', bad, ownerHeaders);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid_menu');
    const paths = refused.body.error.details.issues.map((issue: Json) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['items[0].prices.M', 'items[1].name.zh', 'items[1].name.en', 'sizes[0].id']));
    const crossRef = structuredClone(exported) as Json;
    crossRef.items[0].prices = { XXL: 1000 };
    crossRef.items[2].toppings = ['gold-leaf'];
    const refusedRefs = await send('PUT', '/menu', crossRef, ownerHeaders);
    expect(refusedRefs.body.error.details.issues.map((issue: Json) => issue.path)).toEqual(['items[0].prices.XXL', 'items[2].toppings[0]']);
    expect((await send('GET', '/menu')).body.version).toBe(1);
    expect((await send('GET', '/menu/versions', undefined, ownerHeaders)).body.versions).toHaveLength(1);
    const badPatch = await send('PATCH', '/menu/items/pearl-milk-tea', { prices: { XXL: 100 } }, ownerHeaders);
    expect([badPatch.status, badPatch.body.error.details.issues[0].path]).toEqual([422, 'items[0].prices.XXL']);
    expect((await send('PATCH', '/menu/items/espresso', { prices: { M: 100 } }, ownerHeaders)).status).toBe(404);
    expect((await send('PATCH', '/menu/items/pearl-milk-tea', { price: 100 }, ownerHeaders)).status).toBe(400);
  });

  it('two owners saving at once: the second, made on a stale version, gets 409 and the first one’s change stays', async () => {
    const { send } = setup();
    const mine = (await send('GET', '/menu/export', undefined, ownerHeaders)).body as Json;
    const theirs = structuredClone(mine);
    mine.items[0].prices.L = 1950;
    theirs.toppings = theirs.toppings.filter((topping: Json) => topping.id !== 'red-bean');
    const [first, second] = await Promise.all([send('PUT', '/menu', mine, ownerHeaders), send('PUT', '/menu', theirs, ownerHeaders)]);
    expect([first.status, second.status]).toEqual([200, 409]);
    expect(second.body.error).toMatchObject({ code: 'version_conflict', details: { current: 2 } });
    const live = (await send('GET', '/menu')).body;
    expect(live.version).toBe(2);
    expect(price(live, 'pearl-milk-tea', 'L')).toBe(1950);
    expect(live.toppings.some((topping: Json) => topping.id === 'red-bean')).toBe(true);
    const stalePatch = await send('PATCH', '/menu/items/pearl-milk-tea', { version: 1, prices: { M: 1 } }, ownerHeaders);
    expect(stalePatch.status).toBe(409);
  });

  it('export and import are the same JSON: an exported menu with a drink added saves as the next version', async () => {
    const { send } = setup();
    const exported = (await send('GET', '/menu/export', undefined, ownerHeaders)).body as Json;
    expect(exported).toMatchObject({ version: 1, currency: 'CNY', sizes: [{ id: 'M' }, { id: 'L' }] });
    exported.items.push({
      id: 'osmanthus-oolong',
      name: { zh: '桂花乌龙', en: 'Osmanthus Oolong' },
      prices: { L: 1600 },
      ice: ['regular', 'none'],
      customField: 'kept',
    });
    const saved = await send('PUT', '/menu', exported, ownerHeaders);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const order = await send('POST', '/orders', { lines: [{ itemId: 'osmanthus-oolong', size: 'L', sugar: 0, ice: 'none' }] });
    expect(order.body.total).toBe(1600);
    const again = (await send('GET', '/menu/export', undefined, ownerHeaders)).body as Json;
    expect(again.items.at(-1)).toMatchObject({ id: 'osmanthus-oolong', customField: 'kept' });
    expect((await send('GET', '/menu/versions', undefined, ownerHeaders)).body.versions[0].summary).toBe('added drink osmanthus-oolong');
  });

  it('MENU_FILE seeds a new database only: another shop’s menu is served and ordered from', async () => {
    const seed: MenuDefinition = {
      ...defaultMenuDefinition(),
      sizes: [
        { id: 'S', name: { zh: '小杯', en: 'small' }, aliases: [] },
        { id: 'XL', name: { zh: '超大杯', en: 'extra large' }, aliases: [] },
      ],
      items: [{ id: 'lychee-tea', name: { zh: '荔枝茶', en: 'Lychee Tea' }, aliases: [], prices: { S: 1100, XL: 2000 } }],
    };
    const { send } = setup({ seedMenu: seed });
    const menu = (await send('GET', '/menu')).body;
    expect(menu.items.map((item: Json) => item.id)).toEqual(['lychee-tea']);
    expect(menu.sizes.map((size: Json) => size.id)).toEqual(['S', 'XL']);
    const order = await send('POST', '/orders', { lines: [{ itemId: 'lychee-tea', size: 'XL', sugar: 50, ice: 'light' }] });
    expect([order.status, order.body.total]).toEqual([201, 2000]);
    expect((await send('POST', '/orders', { lines: [sampleLine] })).body.error.code).toBe('unknown_item');
  });
});

describe('sessions when the menu moves under a cart', () => {
  it('a line whose drink left the menu stays at its last price, cannot be placed, and a stale read-back total is refused', async () => {
    const { service, send } = setup();
    const session = await service.createSession();
    const line = { ...sampleLine, lineId: 'l1' };
    const commit = (expectedVersion: number, extra: Json = {}) =>
      service.commitSession(session.id, {
        expectedVersion,
        state: 'collecting',
        cart: [line],
        draft: null,
        append: [],
        pending: null,
        placeOrder: false,
        ...extra,
      });
    await commit(0, { readBack: { fingerprint: 'f1', total: 4100 } });
    expect((await service.getSession(session.id))?.readBack).toEqual({ fingerprint: 'f1', total: 4100 });
    // A price rise between the read-back and the yes: the customer is not charged what they did not hear.
    await send('PATCH', '/menu/items/pearl-milk-tea', { prices: { L: 1900 } }, ownerHeaders);
    await expect(commit(1, { state: 'confirming', placeOrder: true, expectedTotal: 4100 })).rejects.toMatchObject({
      status: 409,
      code: 'total_changed',
      details: { total: 4300 },
    });
    expect((await service.getSession(session.id))?.version).toBe(1);
    const placed = await commit(1, { state: 'confirming', placeOrder: true, expectedTotal: 4300 });
    expect(placed.order?.total).toBe(4300);
    // The drink leaves the menu while it is in another cart: the line stays, priced as before; placing fails.
    const other = await service.createSession();
    await service.commitSession(other.id, { expectedVersion: 0, state: 'collecting', cart: [line], draft: null, append: [], pending: null, placeOrder: false });
    const exported = (await send('GET', '/menu/export', undefined, ownerHeaders)).body as Json;
    exported.items = exported.items.filter((item: Json) => item.id !== 'pearl-milk-tea');
    expect((await send('PUT', '/menu', exported, ownerHeaders)).status).toBe(200);
    const kept = await service.commitSession(other.id, {
      expectedVersion: 1,
      state: 'collecting',
      cart: [line],
      draft: null,
      append: [],
      pending: null,
      placeOrder: false,
    });
    expect(kept.session.cart.lines).toMatchObject([{ itemId: 'pearl-milk-tea', unitPrice: 2150 }]);
    await expect(
      service.commitSession(other.id, {
        expectedVersion: 2,
        state: 'collecting',
        cart: [line, { ...line, lineId: 'l2' }],
        draft: null,
        append: [],
        pending: null,
        placeOrder: false,
      }),
    ).rejects.toMatchObject({ status: 422, code: 'unknown_item' });
    await expect(
      service.commitSession(other.id, { expectedVersion: 2, state: 'confirming', cart: [line], draft: null, append: [], pending: null, placeOrder: true }),
    ).rejects.toMatchObject({ code: 'unknown_item' });
    expect((await service.getSession(other.id))?.version).toBe(2);
  });
});
