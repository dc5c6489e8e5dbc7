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
        const staff = await open(shop.url, '/staff', 'en-US');
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
});
