import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineVoice } from '../../shared/speech/offline-voice.ts';
import { buildBundlesForTest } from '../../shared/testing/build-bundles.ts';
import { findChromium, launchChromium, NO_CHROMIUM_REASON } from '../../shared/testing/chromium.ts';
import { startBuiltShop, type LocalShop } from '../../shared/testing/local-shop.ts';
import { startMockAssemblyAI } from '../../shared/testing/mock-assemblyai.ts';

// The three pages in a real Chromium against the built local server (dist/local.mjs): the
// offline agent, real SQLite, the real queue socket. Only AssemblyAI is a loopback mock.
const chromiumPath = findChromium(process.env.CHROMIUM_PATH);
if (!chromiumPath) console.warn(`web e2e skipped: ${NO_CHROMIUM_REASON}`);

const WAIT = { timeout: 30_000 };
/** A scenario's own deadline; the test's is longer, so a failure still gets its screenshots. */
const SCENARIO_MS = 100_000;
const TEST_MS = SCENARIO_MS + 20_000;
const SPOKEN = 'One large oolong milk tea, half sugar, no ice';

/** A shop unlike the default: three sizes, 温, its own categories, a drink in one size only. */
const SECOND_MENU = {
  version: 1,
  shop: { name: { zh: '果咖', en: 'Fruit & Coffee' } },
  currency: 'CNY',
  sizes: [
    { id: 'M', name: { zh: '中杯', en: 'medium' } },
    { id: 'L', name: { zh: '大杯', en: 'large' } },
    { id: 'XL', name: { zh: '超大杯', en: 'extra large' } },
  ],
  sugar: [
    { id: 100, name: { zh: '标准糖', en: 'regular sugar' } },
    { id: 50, name: { zh: '半糖', en: 'half sugar' } },
    { id: 0, name: { zh: '不另外加糖', en: 'no added sugar' } },
  ],
  ice: [
    { id: 'extra', name: { zh: '多冰', en: 'extra ice' } },
    { id: 'regular', name: { zh: '正常冰', en: 'regular ice' } },
    { id: 'warm', name: { zh: '温', en: 'warm' } },
  ],
  toppings: [{ id: 'cheese-cap', name: { zh: '芝士', en: 'cheese cap' }, price: 500 }],
  items: [
    {
      id: 'grape-cheese',
      name: { zh: '多肉葡萄', en: 'Cheese Grape' },
      category: { zh: '果茶', en: 'Fruit tea' },
      prices: { M: 1900, L: 2200, XL: 2600 },
      ice: ['extra', 'regular'],
    },
    {
      id: 'cold-brew',
      name: { zh: '冷萃咖啡', en: 'Cold Brew' },
      category: { zh: '咖啡', en: 'Coffee' },
      prices: { XL: 2800 },
      toppings: [],
      ice: ['extra', 'regular'],
    },
    {
      id: 'hot-latte',
      name: { zh: '温拿铁', en: 'Warm Latte' },
      category: { zh: '咖啡', en: 'Coffee' },
      prices: { M: 2000, L: 2400 },
      ice: ['warm'],
      sugar: [0],
    },
  ],
};

describe.skipIf(!chromiumPath)('web pages in Chromium', () => {
  let browser: Browser;
  let shop: LocalShop;
  let voiceShop: LocalShop;
  let dist: string;
  let assembly: Awaited<ReturnType<typeof startMockAssemblyAI>>;

  beforeAll(async () => {
    dist = await buildBundlesForTest('web-e2e');
    assembly = await startMockAssemblyAI();
    const voice = createOfflineVoice();
    const wav = join(dist, 'fake-mic.wav');
    writeFileSync(wav, (await voice.synthesize(SPOKEN, 'en')).wav);
    await voice.close();
    [shop, voiceShop, browser] = await Promise.all([
      startBuiltShop(dist),
      startBuiltShop(dist, {
        ASSEMBLYAI_API_KEY: assembly.apiKey,
        ASSEMBLYAI_BASE_URL: assembly.baseUrl,
        ASSEMBLYAI_TTS_BASE_URL: assembly.ttsBaseUrl,
        ASSEMBLYAI_POLL_INTERVAL_MS: '50',
        // This shop is the batch path (a push-to-talk clip for POST /stt); live speech: voice-stream.e2e.test.ts.
        STT_STREAMING: 'off',
      }),
      launchChromium(chromiumPath!, wav),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([shop?.stop(), voiceShop?.stop(), assembly?.close()]);
  });

  type Open = (
    base: string,
    path: string,
    locale: 'zh-CN' | 'en-US',
    options?: { viewport?: { width: number; height: number }; speak?: boolean },
  ) => Promise<Page>;

  /** Runs a scenario with its own browser contexts; on failure saves a screenshot of each page and prints where. */
  async function scenario(name: string, run: (open: Open) => Promise<void>) {
    const contexts: BrowserContext[] = [];
    const open: Open = async (base, path, locale, { viewport = { width: 1280, height: 860 }, speak = false } = {}) => {
      const context = await browser.newContext({ locale, viewport });
      // Replies are read aloud only where the test listens: the offline voice costs CPU.
      if (!speak) await context.addInitScript(() => localStorage.setItem('tea.muted', '1'));
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(WAIT.timeout);
      await page.goto(`${base}${path}`);
      return page;
    };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name}: no result within ${SCENARIO_MS} ms`)), SCENARIO_MS);
    });
    try {
      await Promise.race([run(open), deadline]);
    } catch (error) {
      const pages = contexts.flatMap((context) => context.pages());
      const paths = await Promise.all(
        pages.map(async (page, i) => {
          const path = join(shop.dir, `${name}-${i}.png`);
          await page.screenshot({ path, fullPage: true }).catch(() => {});
          return path;
        }),
      );
      console.error(`${name} failed; screenshots: ${paths.join(', ')}`);
      throw error;
    } finally {
      clearTimeout(timer);
      await Promise.all(contexts.map((context) => context.close()));
    }
  }

  /** Types a message, waits for the agent's whole reply, and returns it. */
  async function say(page: Page, text: string): Promise<string> {
    const before = await page.locator('.msg-agent').count();
    await page.fill('#message', text);
    await page.click('#send');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.msg-agent:not(.streaming)').length > n && !document.querySelector('#streaming'),
      before,
      WAIT,
    );
    return (await page.locator('.msg-agent').last().textContent()) ?? '';
  }

  async function signIn(page: Page, token: string) {
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    await page.waitForSelector('#link-state[data-state="live"]');
  }

  const ticket = (page: Page, code: string) => page.locator(`.ticket[data-pickup="${code}"]`);

  /** A whole conversation on the customer page: two drinks, a correction, read-back, confirm. */
  async function orderTwoDrinks(customer: Page, lang: 'zh' | 'en', lines: string[]): Promise<string> {
    await customer.waitForSelector('.menu-item');
    for (const line of lines.slice(0, -2)) await say(customer, line);
    const cart = customer.locator('.cart-line');
    expect(await cart.count()).toBe(2);
    // The correction made the second drink large: ¥25, not ¥22.
    expect(await cart.nth(1).textContent()).toContain(lang === 'zh' ? '大杯' : 'large');
    expect(await cart.nth(1).locator('.line-price').textContent()).toBe('¥25');
    expect(await say(customer, lines.at(-2)!)).toContain('¥61');
    await say(customer, lines.at(-1)!);
    const code = (await customer.locator('#pickup-code').textContent())!.trim();
    expect(code).toMatch(/^\d+$/);
    expect(await customer.locator('#cart-total').textContent()).toBe('¥61');
    return code;
  }

  async function serve(staff: Page, display: Page, customer: Page, code: string, lang: 'zh' | 'en') {
    // The board shows the ticket live (no reload), with both lines and their options.
    await ticket(staff, code).waitFor();
    expect(await ticket(staff, code).textContent()).toContain('杨枝甘露');
    await display.locator(`#making [data-pickup="${code}"]`).waitFor();
    await ticket(staff, code).locator('[data-action="preparing"]').click();
    await customer.waitForSelector('#pickup-status[data-status="preparing"]');
    await staff.locator(`.column-preparing .ticket[data-pickup="${code}"] [data-action="ready"]`).click();
    await customer.waitForSelector('#pickup-status[data-status="ready"]');
    expect(await customer.locator('#pickup-status').textContent()).toContain(lang === 'zh' ? '请取餐' : 'please collect');
    await display.locator(`#ready [data-pickup="${code}"]`).waitFor();
    await staff.locator(`.column-ready .ticket[data-pickup="${code}"] [data-action="completed"]`).click();
    await ticket(staff, code).waitFor({ state: 'detached' });
    await customer.waitForSelector('#pickup-status[data-status="completed"]');
  }

  it(
    'a Chinese and an English customer each order two drinks with a correction; staff start and ready them; the customer pages and the pickup screen show ready',
    () =>
      scenario('orders', async (open) => {
        const staff = await open(shop.url, '/staff', 'zh-CN');
        const display = await open(shop.url, '/display', 'zh-CN', { viewport: { width: 1600, height: 900 } });
        await signIn(staff, shop.staffToken);
        const zh = await open(shop.url, '/order-here', 'zh-CN');
        const en = await open(shop.url, '/order-here', 'en-US');
        // Both conversations at once: two sessions never mix.
        const [zhCode, enCode] = await Promise.all([
          orderTwoDrinks(zh, 'zh', ['我要两杯大杯珍珠奶茶，半糖少冰', '再来一杯中杯杨枝甘露，正常糖，去冰', '杨枝甘露改成大杯', '就这些', '确认']),
          orderTwoDrinks(en, 'en', [
            'Two large pearl milk teas, half sugar, light ice',
            'And a medium mango pomelo sago, full sugar, no ice',
            'Change the mango pomelo sago to large',
            "That's all",
            'Yes',
          ]),
        ]);
        expect(zhCode).not.toBe(enCode);
        await serve(staff, display, zh, zhCode, 'zh');
        await serve(staff, display, en, enCode, 'en');
      }),
    TEST_MS,
  );

  it(
    'staff mark a drink sold out; the customer menu shows it live and the agent says so',
    () =>
      scenario('sold-out', async (open) => {
        const customer = await open(shop.url, '/order-here', 'en-US');
        const staff = await open(shop.url, '/staff', 'en-US');
        await signIn(staff, shop.staffToken);
        await customer.waitForSelector('.menu-item[data-item="matcha-latte"]:not(.sold-out)');
        await staff.click('#tab-menu');
        await staff.click('.toggle[data-item="matcha-latte"].on');
        await staff.waitForSelector('.toggle[data-item="matcha-latte"].off');
        await customer.waitForSelector('.menu-item[data-item="matcha-latte"].sold-out');
        expect(await customer.locator('.menu-item[data-item="matcha-latte"]').isDisabled()).toBe(true);
        expect((await say(customer, 'I would like a matcha latte')).toLowerCase()).toContain('sold out');
        await staff.click('.toggle[data-item="matcha-latte"].off');
        await staff.waitForSelector('.toggle[data-item="matcha-latte"].on');
      }),
    TEST_MS,
  );

  it(
    'voice: the fake microphone is transcribed by /stt (AssemblyAI mock), sent as the message, and the reply is spoken',
    () =>
      scenario('voice', async (open) => {
        const customer = await open(voiceShop.url, '/order-here', 'en-US', { speak: true });
        const ttsCalls: string[] = [];
        customer.on('request', (request) => {
          if (new URL(request.url()).pathname === '/tts') ttsCalls.push(request.postData() ?? '');
        });
        await customer.waitForSelector('#mic[data-mode="stt"]');
        assembly.push({ text: SPOKEN });
        await customer.click('#mic');
        await customer.waitForFunction(() => Number(document.querySelector<HTMLElement>('#mic-elapsed')?.dataset.ms ?? 0) >= 1200, null, WAIT);
        await customer.click('#mic');
        await customer.waitForSelector(`.msg-user:has-text("${SPOKEN}")`);
        await customer.waitForFunction(() => document.querySelectorAll('.msg-agent').length >= 2 && !document.querySelector('#streaming'), null, WAIT);
        expect(await customer.locator('.cart-lines').textContent()).toContain('Oolong Milk Tea');
        expect(assembly.uploads().length).toBeGreaterThan(0);
        await customer.waitForFunction(() => Number(document.querySelector<HTMLElement>('#reply-audio')?.dataset.played ?? 0) >= 1, null, WAIT);
        expect(ttsCalls.length).toBeGreaterThan(0);
        expect(ttsCalls.join(' ')).toContain('Oolong');
      }),
    TEST_MS,
  );

  it(
    'no speech keys: the mic says why it is off or uses the browser recognizer, and never hangs',
    () =>
      scenario('no-keys', async (open) => {
        const customer = await open(shop.url, '/order-here', 'en-US');
        await customer.waitForSelector('#mic:not([data-mode="checking"])');
        const mode = await customer.locator('#mic').getAttribute('data-mode');
        expect(['browser', 'off']).toContain(mode);
        expect((await customer.locator('#mic-hint').textContent())!.length).toBeGreaterThan(10);
        if (mode === 'off') return expect(await customer.locator('#mic').isDisabled()).toBe(true);
        await customer.click('#mic');
        // The browser recognizer has no service here: it must end with a visible reason.
        await customer.waitForSelector('#mic[data-state="idle"]', { timeout: 30_000 });
        await customer.waitForFunction(() => /catch|try again/i.test(document.querySelector('#mic-hint')?.textContent ?? ''), null, { timeout: 30_000 });
      }),
    TEST_MS,
  );

  it(
    'XSS: a markup customer name and chat message render as text on both pages',
    () =>
      scenario('xss', async (open) => {
        const evil = '<img src=x onerror="window.__pwned=1">';
        const created = await fetch(`${shop.url}/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ customerName: evil, lines: [{ itemId: 'jasmine-green-tea', size: 'M', sugar: 50, ice: 'light', toppings: [], quantity: 1 }] }),
        });
        const order = (await created.json()) as { pickupCode: string };
        const staff = await open(shop.url, '/staff', 'en-US');
        await signIn(staff, shop.staffToken);
        await ticket(staff, order.pickupCode).waitFor();
        expect(await ticket(staff, order.pickupCode).locator('.ticket-name').textContent()).toBe(evil);
        const customer = await open(shop.url, '/order-here', 'en-US');
        await customer.waitForSelector('.menu-item');
        await say(customer, `${evil} hello`);
        expect(await customer.locator('.msg-user').last().textContent()).toContain(evil);
        for (const page of [staff, customer]) {
          expect(await page.locator('img').count()).toBe(0);
          expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
        }
      }),
    TEST_MS,
  );

  it(
    'the pickup screen survives the server restarting: it reconnects by itself and shows new orders',
    () =>
      scenario('restart', async (open) => {
        let restartable = await startBuiltShop(dist);
        try {
          const place = async () => {
            const response = await fetch(`${restartable.url}/orders`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ lines: [{ itemId: 'oolong-milk-tea', size: 'M', sugar: 70, ice: 'regular', toppings: [], quantity: 1 }] }),
            });
            return ((await response.json()) as { pickupCode: string }).pickupCode;
          };
          const display = await open(restartable.url, '/display', 'zh-CN');
          await display.waitForSelector('#link-state[data-state="live"]');
          await display.locator(`#making [data-pickup="${await place()}"]`).waitFor();
          await restartable.stop();
          await display.waitForSelector('#link-state:not([data-state="live"])');
          restartable = await startBuiltShop(dist, {}, restartable);
          const code = await place();
          await display.locator(`#making [data-pickup="${code}"]`).waitFor();
          await display.waitForSelector('#link-state[data-state="live"]');
        } finally {
          await restartable.stop();
        }
      }),
    TEST_MS,
  );

  it(
    'staff board: a wrong token says so; a ticket moved by someone else (409) refreshes and explains',
    () =>
      scenario('staff-errors', async (open) => {
        // A tablet held upright (820 px): the three columns side by side, not stacked.
        const staff = await open(shop.url, '/staff', 'en-US', { viewport: { width: 820, height: 1180 } });
        await staff.fill('#token', 'not-the-right-token-at-all');
        await staff.click('button[type=submit]');
        expect(await staff.locator('#token-error').textContent()).toContain('wrong');
        await signIn(staff, shop.staffToken);

        const created = await fetch(`${shop.url}/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ lines: [{ itemId: 'lemon-black-tea', size: 'L', sugar: 30, ice: 'none', toppings: ['pudding'], quantity: 2 }] }),
        });
        const order = (await created.json()) as { id: string; pickupCode: string };
        await ticket(staff, order.pickupCode).waitFor();
        const columnTops = await staff.locator('.column').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
        expect(columnTops).toHaveLength(3);
        expect(new Set(columnTops).size).toBe(1);
        // Another device cancels the order; this board taps Start before its refresh lands.
        await staff.evaluate(
          async ({ id, token, code }) => {
            await fetch(`/orders/${id}`, {
              method: 'PATCH',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
              body: JSON.stringify({ status: 'cancelled' }),
            });
            document.querySelector<HTMLButtonElement>(`.ticket[data-pickup="${code}"] [data-action="preparing"]`)?.click();
          },
          { id: order.id, token: shop.staffToken, code: order.pickupCode },
        );
        await ticket(staff, order.pickupCode).waitFor({ state: 'detached' });
        const notice = await staff.locator('#notice').textContent({ timeout: WAIT.timeout });
        expect(notice).toContain(order.pickupCode);
        expect(notice).toContain('someone else');
      }),
    TEST_MS,
  );
  /** Signs in on /owner and waits for the menu editor. */
  async function signInOwner(page: Page, token: string) {
    await page.fill('#token', token);
    await page.click('button[type=submit]');
    await page.waitForSelector('.item-card');
  }

  const card = (page: Page, itemId: string) => page.locator(`.item-card[data-item="${itemId}"]`);
  const priceInput = (page: Page, itemId: string, size: string) => card(page, itemId).locator(`input[data-path$=".prices.${size}"]`);

  it(
    'the owner changes a price and marks a drink sold out on /owner; the customer page shows both within 5 s; a chat order is charged the new price',
    () =>
      scenario('owner-menu', async (open) => {
        const ownerShop = await startBuiltShop(dist);
        try {
          const customer = await open(ownerShop.url, '/order-here', 'en-US');
          await customer.waitForSelector('.menu-item[data-item="taro-milk-tea"] .menu-price[data-size="M"]:has-text("¥17")');
          const owner = await open(ownerShop.url, '/owner', 'zh-CN', { viewport: { width: 820, height: 1180 } });
          await signInOwner(owner, ownerShop.ownerToken);
          // The token lives in this tab's sessionStorage only, and never in the address.
          expect(owner.url()).not.toContain(ownerShop.ownerToken);
          await priceInput(owner, 'taro-milk-tea', 'M').fill('19.5');
          await owner.waitForSelector('#dirty-state[data-dirty="true"]');
          // In the same save: a new drink in one size, and a topping taken off the menu.
          await owner.click('#add-drink');
          const added = owner.locator('.item-card').last();
          await added.locator('input[data-path$=".id"]').fill('osmanthus-oolong');
          await added.locator('input[data-path$=".name.zh"]').fill('桂花乌龙');
          await added.locator('input[data-path$=".name.en"]').fill('Osmanthus Oolong');
          await added.locator('input[data-path$=".prices.L"]').fill('16');
          await owner.locator('.topping-row[data-topping="red-bean"] [data-action="remove"]').click();
          await owner.click('#save');
          await owner.waitForSelector('#notice[data-kind="ok"]');
          expect(await owner.locator('#menu-version').getAttribute('data-version')).toBe('2');
          await customer.waitForSelector('.menu-item[data-item="taro-milk-tea"] .menu-price[data-size="M"]:has-text("¥19.50")', { timeout: 5000 });
          expect(await customer.locator('.menu-item[data-item="osmanthus-oolong"] .menu-price').allTextContents()).toEqual(['large ¥16']);
          const live = (await (await fetch(`${ownerShop.url}/menu`)).json()) as { toppings: { id: string }[] };
          expect(live.toppings.map((topping) => topping.id)).not.toContain('red-bean');

          await card(owner, 'matcha-latte').locator('[data-action="availability"].on').click();
          await card(owner, 'matcha-latte').locator('[data-action="availability"].off').waitFor();
          await customer.waitForSelector('.menu-item[data-item="matcha-latte"].sold-out', { timeout: 5000 });
          await owner.screenshot({ path: join(ownerShop.dir, 'owner-saved.png'), fullPage: false });
          await customer.screenshot({ path: join(ownerShop.dir, 'customer-after-owner.png'), fullPage: true });

          await say(customer, 'One medium taro milk tea, half sugar, light ice');
          expect(await customer.locator('.cart-line .line-price').first().textContent()).toBe('¥19.50');
          await say(customer, "That's all");
          await say(customer, 'Yes');
          await customer.waitForSelector('#pickup-code');
          expect(await customer.locator('#cart-total').textContent()).toBe('¥19.50');
        } finally {
          await ownerShop.stop();
        }
      }),
    TEST_MS,
  );

  it(
    'owner page: someone else saves first (409): the latest menu is loaded with my edits on top, what both changed is named, and saving again keeps both',
    () =>
      scenario('owner-conflict', async (open) => {
        const ownerShop = await startBuiltShop(dist);
        try {
          const owner = await open(ownerShop.url, '/owner', 'en-US', { viewport: { width: 390, height: 844 } });
          await signInOwner(owner, ownerShop.ownerToken);
          await card(owner, 'oolong-milk-tea').locator('input[data-path$=".name.en"]').fill('Oolong Milk Tea (new)');
          await priceInput(owner, 'lemon-black-tea', 'L').fill('16');
          // Another owner saves a change to the same price and another drink's price.
          const auth = { Authorization: `Bearer ${ownerShop.ownerToken}`, 'Content-Type': 'application/json' };
          const menu = (await (await fetch(`${ownerShop.url}/menu/export`, { headers: auth })).json()) as {
            items: { id: string; prices: Record<string, number>; name: { en: string } }[];
          };
          for (const item of menu.items) {
            if (item.id === 'lemon-black-tea') item.prices.L = 1700;
            if (item.id === 'jasmine-green-tea') item.prices.M = 1100;
          }
          expect((await fetch(`${ownerShop.url}/menu`, { method: 'PUT', headers: auth, body: JSON.stringify(menu) })).status).toBe(200);

          await owner.click('#save');
          await owner.waitForSelector('#notice[data-kind="warn"]');
          const notice = (await owner.locator('#notice').textContent()) ?? '';
          expect(notice).toContain('version 2');
          expect(notice).toContain('Lemon Black Tea · prices.L (they saved ¥17)');
          await owner.screenshot({ path: join(ownerShop.dir, 'owner-conflict.png'), fullPage: false });
          expect(await card(owner, 'oolong-milk-tea').locator('input[data-path$=".name.en"]').inputValue()).toBe('Oolong Milk Tea (new)');
          expect(await priceInput(owner, 'lemon-black-tea', 'L').inputValue()).toBe('16');
          expect(await priceInput(owner, 'jasmine-green-tea', 'M').inputValue()).toBe('11');
          await owner.click('#save');
          await owner.waitForSelector('#notice[data-kind="ok"]');
          const saved = (await (await fetch(`${ownerShop.url}/menu`)).json()) as {
            version: number;
            items: { id: string; prices: Record<string, number>; name: { en: string } }[];
          };
          const byId = new Map(saved.items.map((item) => [item.id, item]));
          expect(saved.version).toBe(3);
          expect(byId.get('oolong-milk-tea')!.name.en).toBe('Oolong Milk Tea (new)');
          expect(byId.get('lemon-black-tea')!.prices.L).toBe(1600);
          expect(byId.get('jasmine-green-tea')!.prices.M).toBe(1100);

          // An imported file with problems: each one at its field, nothing saved.
          const bad = structuredClone(saved) as unknown as { items: Record<string, unknown>[] };
          bad.items[2]!.prices = { M: -5, XL: 2000 };
          (bad.items[4]!.name as { zh: string }).zh = '';
          await owner.locator('#import-file').setInputFiles({ name: 'bad-menu.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
          await owner.waitForSelector('#notice[data-kind="error"]');
          const issueAt = (path: string) => owner.locator(`.item-card[data-index="${/\[(\d+)\]/.exec(path)![1]}"] [data-issue="${path}"]`);
          await issueAt('items[2].prices.M').waitFor();
          await issueAt('items[4].name.zh').waitFor();
          // Once the shape is right, the references are checked too: the menu has no size XL.
          await owner.fill('input[data-path="items[2].prices.M"]', '15');
          await owner.fill('input[data-path="items[4].name.zh"]', '芋泥奶茶');
          await issueAt('items[2].prices.XL').waitFor();
          expect(await owner.locator('input[data-path="items[2].prices.XL"]').getAttribute('aria-invalid')).toBe('true');
          expect(await issueAt('items[2].prices.M').count()).toBe(0);
          expect(((await (await fetch(`${ownerShop.url}/menu`)).json()) as { version: number }).version).toBe(3);
        } finally {
          await ownerShop.stop();
        }
      }),
    TEST_MS,
  );

  it(
    'the owner’s Today tab: the figures, bars matching the hourly counts, another day from the picker',
    () =>
      scenario('owner-today', async (open) => {
        const todayShop = await startBuiltShop(dist);
        try {
          const line = { itemId: 'oolong-milk-tea', size: 'M', sugar: 50, ice: 'none', toppings: [], quantity: 2 };
          for (let i = 0; i < 3; i += 1) {
            const placed = await fetch(`${todayShop.url}/orders`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ lines: [line] }),
            });
            expect(placed.status).toBe(201);
          }
          const owner = await open(todayShop.url, '/owner#today', 'zh-CN', { viewport: { width: 820, height: 1180 } });
          await owner.fill('#token', todayShop.ownerToken);
          await owner.click('button[type=submit]');
          await owner.waitForSelector('#fig-orders');
          expect(await owner.locator('#fig-orders .figure-value').textContent()).toBe('3');
          expect(await owner.locator('#fig-revenue .figure-value').textContent()).toBe('¥90');
          // The server's own hourly counts, bar for bar.
          const auth = { authorization: `Bearer ${todayShop.ownerToken}` };
          const summary = (await (await fetch(`${todayShop.url}/reports/summary`, { headers: auth })).json()) as {
            from: string;
            perHour: { orders: number }[];
          };
          const bars = await owner
            .locator('#hour-chart rect.bar')
            .evaluateAll((els) => els.map((el) => [Number(el.getAttribute('data-orders')), Number(el.getAttribute('height'))]));
          expect(bars.map(([orders]) => orders)).toEqual(summary.perHour.map((hour) => hour.orders));
          const tallest = Math.max(...bars.map(([, height]) => height!));
          for (const [orders, height] of bars) expect(height).toBeCloseTo(orders === 3 ? tallest : 0);
          expect(await owner.locator('.top-drinks li').first().textContent()).toContain('乌龙奶茶');
          // On a tablet the cards keep a margin from the screen's edges.
          const edges = await owner
            .locator('.today .panel, .today .figure')
            .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((box) => [box.left, window.innerWidth - box.right]));
          for (const [left, right] of edges) expect(Math.min(left!, right!)).toBeGreaterThanOrEqual(8);
          await owner.screenshot({ path: join(todayShop.dir, 'owner-today.png'), fullPage: true });
          console.log(`owner Today tab screenshot: ${join(todayShop.dir, 'owner-today.png')}`);
          await owner.fill('#report-day', '2026-01-01');
          await owner.locator('#report-day').dispatchEvent('change');
          await owner.waitForFunction(() => document.querySelector('#fig-orders .figure-value')?.textContent === '0');
          expect(await owner.locator('#hour-chart rect.bar[height="0"]').count()).toBe(24);
        } finally {
          await todayShop.stop();
        }
      }),
    TEST_MS,
  );

  it(
    'another shop’s menu (three sizes, its own categories): the customer page shows its categories and each drink’s sizes',
    () =>
      scenario('second-menu', async (open) => {
        const file = join(shop.dir, 'fruit-and-coffee.json');
        writeFileSync(file, JSON.stringify(SECOND_MENU));
        const second = await startBuiltShop(dist, { MENU_FILE: file });
        try {
          const customer = await open(second.url, '/order-here', 'zh-CN', { viewport: { width: 820, height: 1180 } });
          await customer.waitForSelector('.menu-item[data-item="cold-brew"]');
          expect(await customer.locator('.menu-category').allTextContents()).toEqual(['果茶', '咖啡']);
          const sizes = (itemId: string) =>
            customer.locator(`.menu-item[data-item="${itemId}"] .menu-price`).evaluateAll((els) => els.map((el) => el.getAttribute('data-size')));
          expect(await sizes('grape-cheese')).toEqual(['M', 'L', 'XL']);
          expect(await sizes('cold-brew')).toEqual(['XL']);
          expect(await customer.locator('.menu-item[data-item="cold-brew"] .menu-price').textContent()).toContain('超大杯 ¥28');
          expect(await customer.locator('.menu-item[data-item="hot-latte"] .menu-notes').textContent()).toContain('温');
          expect(await customer.locator('#message').getAttribute('placeholder')).toContain('多肉葡萄');
          await customer.screenshot({ path: join(second.dir, 'second-menu.png'), fullPage: true });
          // The owner's editor offers the shop's own sizes: a price per size, empty where a drink has none.
          const owner = await open(second.url, '/owner', 'zh-CN');
          await signInOwner(owner, second.ownerToken);
          expect(await priceInput(owner, 'cold-brew', 'XL').inputValue()).toBe('28');
          expect(await priceInput(owner, 'cold-brew', 'M').inputValue()).toBe('');
        } finally {
          await second.stop();
        }
      }),
    TEST_MS,
  );
});
