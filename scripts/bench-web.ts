// npm run bench:web — the pages in Debian's Chromium against the built local server
// (dist/local.mjs, offline agent and voice, no keys):
//   1. JS + CSS per page, gzip (target ≤ 50 KB each);
//   2. customer page load → interactive (menu on screen), median of 10 fresh loads;
//   3. voice out: message sent → first reply audio playing, median and p90 of 10 turns;
//   4. staff board: POST /orders answered → ticket on the board, p50/p99 of 20 orders.
// Times come from the page's own performance marks and a MutationObserver, not from polling.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBundlesForTest } from '../shared/testing/build-bundles.ts';
import { findChromium, launchChromium, NO_CHROMIUM_REASON } from '../shared/testing/chromium.ts';
import { startBuiltShop } from '../shared/testing/local-shop.ts';

const LOADS = 10;
const TURNS = 10;
const ORDERS = 20;
const WAIT = { timeout: 30_000 };
const VOICE_MESSAGES = [
  'Hello',
  '你好',
  'Do you have taro milk tea?',
  '有什么推荐的吗？',
  'What toppings are there?',
  '珍珠奶茶多少钱？',
  'Is the mango pomelo sago cold only?',
  '可以做热的吗？',
  'What sizes do you have?',
  '谢谢',
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${Math.round(value)} ms`;

const chromiumPath = findChromium(process.env.CHROMIUM_PATH);
if (!chromiumPath) {
  console.error(`bench:web needs a browser: ${NO_CHROMIUM_REASON}`);
  process.exit(1);
}

const dist = await buildBundlesForTest('bench-web');
const assetsDir = join(dist, 'web-assets');
console.log('1. page weight (gzip -9, as served)');
const sizes = ['customer', 'staff', 'display', 'owner'].map((page) => {
  const files = readdirSync(assetsDir).filter((name) => name.startsWith(`${page}.`));
  const bytes = files.reduce((sum, name) => sum + gzipSync(readFileSync(join(assetsDir, name)), { level: 9 }).length, 0);
  return { page, files: files.join(' + '), gzipKB: Math.round(bytes / 102.4) / 10, target: '≤ 50 KB' };
});
console.table(sizes);

const shop = await startBuiltShop(dist);
const browser = await launchChromium(chromiumPath);
try {
  // 2. load → interactive
  const loads: number[] = [];
  for (let i = 0; i < LOADS; i += 1) {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${shop.url}/order-here`);
    await page.waitForFunction(() => performance.getEntriesByName('tea-interactive').length > 0, null, WAIT);
    loads.push(await page.evaluate(() => performance.getEntriesByName('tea-interactive')[0]!.startTime));
    await context.close();
  }
  console.log(`\n2. customer page load → interactive (${LOADS} fresh loads): median ${ms(percentile(loads, 50))}, p90 ${ms(percentile(loads, 90))}`);

  // 3. voice out
  const context = await browser.newContext({ locale: 'en-US' });
  const customer = await context.newPage();
  await customer.goto(`${shop.url}/order-here`);
  await customer.waitForSelector('.menu-item', WAIT);
  const firstAudio: number[] = [];
  for (const message of VOICE_MESSAGES.slice(0, TURNS)) {
    await customer.evaluate(() => performance.clearMarks());
    await customer.fill('#message', message);
    await customer.click('#send');
    await customer.waitForFunction(() => performance.getEntriesByName('tea-playing').length > 0, null, WAIT);
    firstAudio.push(
      await customer.evaluate(() => performance.getEntriesByName('tea-playing')[0]!.startTime - performance.getEntriesByName('tea-send')[0]!.startTime),
    );
    await customer.waitForFunction(() => !document.querySelector('#streaming'), null, WAIT);
  }
  console.log(
    `3. voice out, message sent → first reply audio playing (${TURNS} turns, offline voice): median ${ms(percentile(firstAudio, 50))}, p90 ${ms(percentile(firstAudio, 90))} (target median ≤ 400 ms)`,
  );
  await context.close();

  // 4. staff board
  const staffContext = await browser.newContext({ locale: 'zh-CN' });
  const staff = await staffContext.newPage();
  await staff.goto(`${shop.url}/staff`);
  await staff.fill('#token', shop.staffToken);
  await staff.click('button[type=submit]');
  await staff.waitForSelector('#link-state[data-state="live"]', WAIT);
  await staff.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: Record<string, number> }).__seen = seen;
    new MutationObserver(() => {
      for (const ticket of document.querySelectorAll<HTMLElement>('.ticket[data-pickup]'))
        seen[ticket.dataset.pickup!] ??= performance.timeOrigin + performance.now();
    }).observe(document.body, { childList: true, subtree: true });
  });
  const visible: number[] = [];
  for (let i = 0; i < ORDERS; i += 1) {
    const response = await fetch(`${shop.url}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ lines: [{ itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: ['pudding'], quantity: 1 + (i % 3) }] }),
    });
    const answeredAt = Date.now();
    const { pickupCode } = (await response.json()) as { pickupCode: string };
    await staff.waitForFunction((code) => (window as unknown as { __seen: Record<string, number> }).__seen[code] !== undefined, pickupCode, WAIT);
    visible.push((await staff.evaluate((code) => (window as unknown as { __seen: Record<string, number> }).__seen[code]!, pickupCode)) - answeredAt);
  }
  console.log(
    `4. staff board, POST /orders answered → ticket visible (${ORDERS} orders): p50 ${ms(percentile(visible, 50))}, p99 ${ms(percentile(visible, 99))} (target p99 ≤ 300 ms)`,
  );
  await staffContext.close();
} finally {
  await browser.close();
  await shop.stop();
}
