import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundlesForTest } from '../../shared/testing/build-bundles.ts';
import { findChromium, launchChromium, NO_CHROMIUM_REASON } from '../../shared/testing/chromium.ts';
import { writeFakeMicWav, type FakeMicFile } from '../../shared/testing/fake-mic-wav.ts';
import { startBuiltShop, type LocalShop } from '../../shared/testing/local-shop.ts';
import { startMockAssemblyAI } from '../../shared/testing/mock-assemblyai.ts';
import { startMockAssemblyAIStreaming } from '../../shared/testing/mock-assemblyai-streaming.ts';

// Live speech on the customer page, in a real Chromium whose fake microphone plays a WAV made by
// the offline voice: the built local server, the page's AudioWorklet, AssemblyAI's v3 streaming
// protocol (loopback mock, temporary tokens from POST /stt/token), the batch POST /stt fallback
// (loopback mock of the pre-recorded API), and the reply read aloud.
const chromiumPath = findChromium(process.env.CHROMIUM_PATH);
if (!chromiumPath) console.warn(`voice stream e2e skipped: ${NO_CHROMIUM_REASON}`);

const WAIT = { timeout: 30_000 };
const TEST_MS = 120_000;
const SPOKEN = 'One large oolong milk tea, half sugar, no ice';
const ZH_ORDER = '我要一杯大杯乌龙奶茶，半糖，去冰，再要一杯中杯茉莉绿茶，少糖，少冰';
const ZH_MORE = '等一下，我还想再看看菜单，先不要念了';
const ZH_DONE = '就这些';
/** AssemblyAI's end of turn: 400 ms of silence when confident (the API's default), then its latency. */
const TURN = { endOnSilenceMs: 400, finalDelayMs: 150 };

describe.skipIf(!chromiumPath)('live speech on the customer page (Chromium, fake microphone)', () => {
  let shop: LocalShop;
  let dist: string;
  let stream: Awaited<ReturnType<typeof startMockAssemblyAIStreaming>>;
  let batch: Awaited<ReturnType<typeof startMockAssemblyAI>>;
  let english: FakeMicFile;
  let chinese: FakeMicFile;

  beforeAll(async () => {
    dist = await buildBundlesForTest('voice-stream');
    [stream, batch] = await Promise.all([startMockAssemblyAIStreaming(), startMockAssemblyAI()]);
    english = await writeFakeMicWav(join(dist, 'mic-en.wav'), 'en', [{ silenceMs: 300 }, { say: SPOKEN }, { silenceMs: 6000 }]);
    // Hands-free: the order, a pause while the reply is read, then the customer talks over it.
    chinese = await writeFakeMicWav(join(dist, 'mic-zh.wav'), 'zh', [
      { silenceMs: 500 },
      { say: ZH_ORDER },
      // The reply (two drinks read back, ~9 s of speech) starts within a few seconds (the offline
      // voice's first sentence on a busy 2-core machine: up to ~3 s), so this lands inside it.
      { silenceMs: 6000 },
      { say: ZH_MORE },
      { silenceMs: 6000 },
    ]);
    shop = await startBuiltShop(dist, {
      ASSEMBLYAI_API_KEY: stream.apiKey,
      ASSEMBLYAI_BASE_URL: batch.baseUrl,
      ASSEMBLYAI_STREAMING_BASE_URL: stream.baseUrl,
      ASSEMBLYAI_TTS_BASE_URL: batch.ttsBaseUrl,
      ASSEMBLYAI_POLL_INTERVAL_MS: '50',
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([shop?.stop(), stream?.close(), batch?.close()]);
  });

  /** A browser whose microphone plays `mic` (from the start at every capture), one page on the shop. */
  async function withPage(name: string, mic: FakeMicFile, locale: 'en-US' | 'zh-CN', run: (page: Page) => Promise<void>) {
    const browser: Browser = await launchChromium(chromiumPath!, mic.flag);
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
    // Every text the mic hint showed, and when the reply audio started and stopped.
    await context.addInitScript(() => {
      const w = window as unknown as { hints: string[]; audioEvents: Array<[string, number]> };
      w.hints = [];
      w.audioEvents = [];
      new MutationObserver(() => {
        const hint = document.querySelector('#mic-hint')?.textContent ?? '';
        if (w.hints.at(-1) !== hint) w.hints.push(hint);
        const audio = document.querySelector('#reply-audio');
        if (audio && !(audio as HTMLElement).dataset.watched) {
          (audio as HTMLElement).dataset.watched = '1';
          for (const type of ['playing', 'pause']) audio.addEventListener(type, () => w.audioEvents.push([type, performance.now()]));
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    try {
      await page.goto(`${shop.url}/order-here`);
      await page.waitForSelector('.menu-item');
      await page.waitForSelector('#mic[data-mode="live"]');
      await run(page);
    } finally {
      await page.screenshot({ path: join(shop.dir, `${name}.png`), fullPage: true }).catch(() => {});
      console.info(`${name}: screenshot ${join(shop.dir, `${name}.png`)}`);
      await browser.close();
    }
  }

  /** The customer's messages as shown, without the screen reader's "You: " label. */
  const userMessages = (page: Page) =>
    page.locator('.msg-user').evaluateAll((items) =>
      items.map((item) =>
        [...item.childNodes]
          .filter((node) => node.nodeType === Node.TEXT_NODE)
          .map((node) => node.textContent)
          .join(''),
      ),
    );
  const replyDone = (page: Page, agentMessages: number) =>
    page.waitForFunction((n) => document.querySelectorAll('.msg-agent').length >= n && !document.querySelector('#streaming'), agentMessages, WAIT);

  it(
    'push-to-talk: partial words show in the input while the customer speaks, the final transcript is sent once at the end of turn, the reply is spoken',
    () =>
      withPage('live-push-to-talk', english, 'en-US', async (page) => {
        const sessionsBefore = stream.sessions.length;
        stream.push({ text: SPOKEN, ...TURN });
        await page.click('#mic');
        // A partial: some of the words, in the input, before the turn is over.
        await page.waitForFunction(
          (spoken) => {
            const value = document.querySelector<HTMLInputElement>('#message')?.value ?? '';
            return value.length > 0 && value !== spoken && spoken.startsWith(value);
          },
          SPOKEN,
          WAIT,
        );
        expect(await userMessages(page)).toEqual([]);
        await page.screenshot({ path: join(shop.dir, 'live-partial.png') });
        await page.waitForSelector(`.msg-user:has-text("${SPOKEN}")`);
        await replyDone(page, 2);
        expect(await page.locator('.cart-lines').textContent()).toContain('Oolong Milk Tea');
        await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#reply-audio')?.dataset.played ?? 0) >= 1, null, WAIT);
        // Exactly once, and nothing more is sent while the mic is quiet.
        await page.waitForTimeout(1500);
        expect(await userMessages(page)).toEqual([SPOKEN]);
        expect(await page.locator('#mic').getAttribute('data-state')).toBe('idle');

        expect(stream.sessions.length).toBe(sessionsBefore + 1);
        const session = stream.sessions.at(-1)!;
        // The temporary token from POST /stt/token (the mock refuses any other), 16 kHz PCM, the live menu's key terms.
        expect(session.query).toMatchObject({ sample_rate: '16000', encoding: 'pcm_s16le', format_turns: 'true', speech_model: 'universal-streaming-english' });
        expect(session.query.token).toMatch(/^tmp_/);
        expect(JSON.parse(session.query.keyterms_prompt ?? '[]')).toEqual(expect.arrayContaining(['Oolong Milk Tea', 'Pearl Milk Tea', 'large', 'half sugar']));
        expect(session.voicedMs).toBeGreaterThan(1000);
        // Sent live: about 32 000 bytes a second (16 kHz × 2 bytes), not the context's 44.1/48 kHz.
        const rate = session.audioBytes / ((session.lastAudioAt! - session.firstAudioAt!) / 1000);
        expect(rate).toBeGreaterThan(24_000);
        expect(rate).toBeLessThan(42_000);
        expect(batch.uploads().length).toBe(0);
      }),
    TEST_MS,
  );

  it(
    'Send pressed while partial words show ends the utterance: its final transcript is sent once, not the partial',
    () =>
      withPage('live-send-early', english, 'en-US', async (page) => {
        stream.push({ text: SPOKEN, ...TURN });
        await page.click('#mic');
        await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#message')?.value ?? '').split(' ').length >= 2, null, WAIT);
        await page.click('#send');
        await page.waitForSelector(`.msg-user:has-text("${SPOKEN}")`);
        await replyDone(page, 2);
        await page.waitForTimeout(1000);
        expect(await userMessages(page)).toEqual([SPOKEN]);
        expect(stream.sessions.at(-1)?.terminated).toBe(true);
      }),
    TEST_MS,
  );

  it(
    'an expired grant, a refused grant, a dropped socket and a final that never comes each fall back to the batch POST /stt for that utterance, with a visible note',
    () =>
      withPage('live-fallback', english, 'en-US', async (page) => {
        const fallbacks = [
          { name: 'expired token', arrange: () => stream.issueExpiredTokens(1), closeCode: 1008 },
          { name: 'refused grant', arrange: () => stream.refuseNextTokens(1) },
          { name: 'dropped socket', arrange: () => stream.push({ text: SPOKEN, dropAfterMs: 800 }), closeCode: 1006 },
          // Open, partial words, then nothing: the page gives up on the final after its bound.
          { name: 'no final turn', arrange: () => stream.push({ text: SPOKEN, ...TURN, neverFinal: true }), closeCode: 1005 },
        ];
        for (const [i, fallback] of fallbacks.entries()) {
          const uploads = batch.uploads().length;
          const sessions = stream.sessions.length;
          fallback.arrange();
          batch.push({ text: SPOKEN });
          await page.click('#mic');
          await page.waitForFunction((n) => document.querySelectorAll('.msg-user').length > n, i, WAIT);
          await replyDone(page, 2 + i);
          expect(await userMessages(page), fallback.name).toEqual(Array(i + 1).fill(SPOKEN));
          expect(batch.uploads().length, fallback.name).toBe(uploads + 1);
          if (fallback.closeCode) expect(stream.sessions.at(-1)?.closeCode, fallback.name).toBe(fallback.closeCode);
          else expect(stream.sessions.length, fallback.name).toBe(sessions);
          await page.waitForSelector('#mic[data-state="idle"]');
        }
        const hints = await page.evaluate(() => (window as unknown as { hints: string[] }).hints);
        expect(hints.filter((hint) => /Live captions unavailable/.test(hint)).length).toBeGreaterThanOrEqual(fallbacks.length);
        // Each utterance ordered once: a drink per utterance, no turn lost or doubled.
        expect(await page.locator('.cart-line:has-text("Oolong Milk Tea")').count()).toBe(fallbacks.length);
      }),
    TEST_MS,
  );

  it(
    'hands-free (off by default, remembered): keeps listening between turns; speaking over the reply stops its audio within 300 ms and drops the rest; the text stays',
    () =>
      withPage('live-hands-free', chinese, 'zh-CN', async (page) => {
        expect(await page.locator('#hands-free').getAttribute('aria-pressed')).toBe('false');
        stream.push({ text: ZH_ORDER, ...TURN }, { text: ZH_DONE, ...TURN });
        await page.click('#hands-free');
        await page.waitForSelector('#mic[data-hands-free="on"]');
        await page.waitForSelector(`.msg-user:has-text("${ZH_ORDER}")`);
        // The customer talks while the reply is read aloud: it stops.
        await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('#reply-audio')?.dataset.bargeIns ?? 0) >= 1, null, WAIT);
        const bargeInMs = Number(await page.locator('#reply-audio').getAttribute('data-barge-in-ms'));
        console.info(`hands-free: the reply's audio stopped ${bargeInMs} ms after the customer started speaking over it`);
        // Speech that began while the reply was playing (not a reply that began over speech).
        expect(await page.locator('#reply-audio').getAttribute('data-barge-in-kind')).toBe('talk-over');
        expect(bargeInMs).toBeLessThan(300);
        expect(await page.locator('#reply-audio').evaluate((audio: HTMLAudioElement) => audio.paused)).toBe(true);
        const firstReply = (await page.locator('.msg-agent').nth(1).textContent()) ?? '';
        expect(firstReply).toMatch(/乌龙奶茶[\s\S]*茉莉绿茶/);
        // What they said over the reply is the next turn, sent once; the first reply's text stays.
        await page.waitForSelector(`.msg-user:has-text("${ZH_DONE}")`);
        await replyDone(page, 3);
        expect(await userMessages(page)).toEqual([ZH_ORDER, ZH_DONE]);
        expect(await page.locator('.msg-agent').nth(1).textContent()).toBe(firstReply);
        // Nothing of the first reply played after the barge-in (its queued sentences were dropped).
        const events = await page.evaluate(() => (window as unknown as { audioEvents: Array<[string, number]> }).audioEvents);
        const bargeInAt = await page.evaluate(
          () => performance.getEntriesByName('tea-barge-in')[0]!.startTime + performance.getEntriesByName('tea-barge-in')[0]!.duration,
        );
        const secondSentAt = await page.evaluate(() => performance.getEntriesByName('tea-send').at(-1)!.startTime);
        expect(events.filter(([type, at]) => type === 'playing' && at > bargeInAt && at < secondSentAt)).toEqual([]);
        // …and it had been playing (not cut the moment it started) when the customer spoke.
        const firstPlaying = events.find(([type]) => type === 'playing')?.[1] ?? Number.POSITIVE_INFINITY;
        expect(firstPlaying).toBeLessThan(bargeInAt - bargeInMs);
        expect(stream.sessions.slice(-2).every((session) => session.query.speech_model === 'whisper-rt')).toBe(true);
        // Remembered on this device.
        await page.reload();
        await page.waitForSelector('#mic[data-hands-free="on"]');
        expect(await page.locator('#hands-free').getAttribute('aria-pressed')).toBe('true');
      }),
    TEST_MS,
  );
});
