import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/http/logger.ts';
import type { FunctionInstance } from '../../shared/http/function-module.ts';
import { readWavInfo, wavSamples } from '../../shared/speech/wav.ts';
import { startMockAssemblyAI } from '../../shared/testing/mock-assemblyai.ts';
import { mockSpeech, startMockOpenAIAudio } from '../../shared/testing/mock-openai-audio.ts';
import { openFunction } from './main.ts';

let aai: Awaited<ReturnType<typeof startMockAssemblyAI>>;
let speech: Awaited<ReturnType<typeof startMockOpenAIAudio>>;
const opened: FunctionInstance[] = [];

beforeAll(async () => {
  aai = await startMockAssemblyAI();
  speech = await startMockOpenAIAudio({ apiKey: 'test-tts-key' });
});
afterAll(async () => {
  for (const instance of opened) await instance.close();
  await aai.close();
  await speech.close();
});
beforeEach(() => {
  aai.speeches.length = 0;
  speech.speeches.length = 0;
});

const assemblyEnv = () => ({ ASSEMBLYAI_API_KEY: aai.apiKey, ASSEMBLYAI_TTS_BASE_URL: aai.ttsBaseUrl });
const speechEnv = () => ({ TTS_BASE_URL: speech.baseUrl, TTS_API_KEY: 'test-tts-key', TTS_MODEL: 'cosyvoice-mandarin' });
const DEAD_URL = 'http://127.0.0.1:9/v1'; // discard port: connection refused at once

async function ttsApp(env: Record<string, string> = { ...assemblyEnv(), ...speechEnv() }) {
  const instance = await openFunction({ env: { TTS_OFFLINE_WARMUP: 'off', ...env }, log: silentLogger });
  opened.push(instance);
  return instance.app;
}

function speak(app: Awaited<ReturnType<typeof ttsApp>>, body: unknown, headers: Record<string, string> = {}) {
  return app.request('/tts', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string; details?: any } }).error;

describe('POST /tts provider order', () => {
  it('English goes to AssemblyAI TTS (OpenAI-compatible route) with the configured voice, as MP3', async () => {
    const app = await ttsApp();
    const response = await speak(app, { text: 'Your pearl milk tea is ready.', lang: 'en' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('x-tts-provider')).toBe('assemblyai');
    expect(response.headers.get('x-tts-format')).toBe('mp3');
    const audio = await bytesOf(response);
    expect(Number(response.headers.get('content-length'))).toBe(audio.length);
    expect(Buffer.from(audio.subarray(0, 3)).toString('latin1')).toBe('ID3');
    expect(aai.speeches).toEqual([{ model: 'assemblyai-tts-en', input: 'Your pearl milk tea is ready.', voice: 'alloy', responseFormat: 'mp3' }]);
    expect(speech.speeches).toHaveLength(0);
  });

  it('Chinese text skips AssemblyAI (English voices only), even without lang, and uses the OpenAI-compatible server', async () => {
    const app = await ttsApp();
    const response = await speak(app, { text: '您的珍珠奶茶好了，请取餐。', voice: 'zh-female-1', format: 'wav' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-tts-provider')).toBe('openai-compatible');
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(readWavInfo(await bytesOf(response))).toBeDefined();
    expect(aai.speeches).toHaveLength(0);
    expect(speech.speeches).toEqual([
      { model: 'cosyvoice-mandarin', input: '您的珍珠奶茶好了，请取餐。', voice: 'zh-female-1', responseFormat: 'wav', authorization: 'Bearer test-tts-key' },
    ]);
  });

  it('lang=zh with Latin text still skips AssemblyAI', async () => {
    const app = await ttsApp();
    const response = await speak(app, { text: 'OK', lang: 'zh' });
    expect(response.headers.get('x-tts-provider')).toBe('openai-compatible');
  });

  it('an AssemblyAI failure falls through to the next provider', async () => {
    const app = await ttsApp();
    aai.failSpeech(500);
    const response = await speak(app, { text: 'One taro milk tea, please.' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-tts-provider')).toBe('openai-compatible');
    expect(aai.speeches).toHaveLength(1);
  });

  it('with every remote voice down, the offline voice answers in WAV and says so when MP3 was asked for', async () => {
    const app = await ttsApp({ ASSEMBLYAI_API_KEY: 'k', ASSEMBLYAI_TTS_BASE_URL: DEAD_URL, TTS_BASE_URL: DEAD_URL });
    const response = await speak(app, { text: 'Thank you, see you soon.', format: 'mp3' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-tts-provider')).toBe('offline');
    expect(response.headers.get('x-tts-format')).toBe('wav');
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const decoded = wavSamples(await bytesOf(response));
    expect(decoded?.info.sampleRate).toBe(22050);
    expect(decoded!.samples.some((sample) => Math.abs(sample) > 1000)).toBe(true);
  });

  it('strictFormat mp3 with only the offline voice able to speak → 422, not WAV', async () => {
    const app = await ttsApp({ TTS_BASE_URL: DEAD_URL });
    const response = await speak(app, { text: '谢谢光临', format: 'mp3', strictFormat: true });
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe('format_unavailable');
    expect(error.details.providersTried).toEqual([
      { provider: 'openai-compatible', outcome: 'failed', reason: expect.any(String) },
      { provider: 'offline', outcome: 'skipped', reason: 'makes wav only' },
    ]);
    const wav = await speak(app, { text: '谢谢光临', format: 'wav', strictFormat: true });
    expect(wav.headers.get('x-tts-provider')).toBe('offline');
  });

  it('a provider that ignores response_format is labelled by its bytes; with strictFormat it counts as a failure', async () => {
    const app = await ttsApp(speechEnv());
    speech.pushSpeech({ body: mockSpeech('x', 'wav'), contentType: 'audio/mpeg' }, { body: mockSpeech('x', 'wav'), contentType: 'audio/mpeg' });
    const loose = await speak(app, { text: '好的', format: 'mp3' });
    expect(loose.headers.get('content-type')).toBe('audio/wav');
    expect(loose.headers.get('x-tts-format')).toBe('wav');
    expect(loose.headers.get('x-tts-provider')).toBe('openai-compatible');
    const strict = await speak(app, { text: '好的', format: 'mp3', strictFormat: true });
    expect(strict.status).toBe(422);
    expect((await errorOf(strict)).details.providersTried[0]).toEqual({
      provider: 'openai-compatible',
      outcome: 'failed',
      reason: 'answered wav, mp3 was required',
    });
  });

  it('all providers down and no offline voice → 503 listing what was tried', async () => {
    const app = await ttsApp({ ...assemblyEnv(), TTS_BASE_URL: DEAD_URL, TTS_OFFLINE: 'off' });
    aai.failSpeech(503);
    const response = await speak(app, { text: 'Hello', lang: 'en' });
    expect(response.status).toBe(503);
    const error = await errorOf(response);
    expect(error.code).toBe('tts_unavailable');
    expect(error.message).toMatch(/assemblyai \(failed\), openai-compatible \(failed\)/);
    const chinese = await errorOf(await speak(app, { text: '你好' }));
    expect(chinese.details.providersTried[0]).toEqual({ provider: 'assemblyai', outcome: 'skipped', reason: 'English voices only' });
  });

  it('nothing configured and offline off → 503 saying what to configure; health degraded', async () => {
    const app = await ttsApp({ TTS_OFFLINE: 'off' });
    const error = await errorOf(await speak(app, { text: 'Hello' }));
    expect(error).toMatchObject({ code: 'tts_unavailable', message: expect.stringMatching(/TTS_BASE_URL/) });
    expect(await (await app.request('/healthz/tts')).json()).toMatchObject({ status: 'degraded', providers: { offline: 'disabled' } });
  });

  it('health is ok with the offline voice alone, and shows no secret', async () => {
    const offlineOnly = await ttsApp({});
    expect(await (await offlineOnly.request('/healthz/tts')).json()).toMatchObject({
      status: 'ok',
      providers: { assemblyai: 'not_configured', offline: { available: true, status: 'available' } },
    });
    const full = await (await (await ttsApp()).request('/healthz/tts')).text();
    expect(full).not.toContain(aai.apiKey);
    expect(full).not.toContain('test-tts-key');
  });
});

describe('POST /tts long text', () => {
  const text = '您好，欢迎光临。我们今天有珍珠奶茶、乌龙奶茶和杨枝甘露。珍珠奶茶中杯十五元，大杯十八元。请问您想喝点什么？需要加椰果或者布丁吗？';

  it('is split on sentence boundaries under the provider cap and joined back (MP3)', async () => {
    const app = await ttsApp({ ...speechEnv(), TTS_MAX_CHARS: '30' });
    const response = await speak(app, { text });
    expect(response.status).toBe(200);
    const inputs = speech.speeches.map((call) => call.input);
    expect(inputs.length).toBeGreaterThan(2);
    for (const input of inputs) {
      expect([...input].length).toBeLessThanOrEqual(30);
      expect(input).toMatch(/[。？！]$/);
    }
    expect(inputs.join('')).toBe(text);
    const audio = await bytesOf(response);
    expect(Buffer.from(audio.subarray(0, 3)).toString('latin1')).toBe('ID3');
    const pieces = inputs.map((input) => mockSpeech(input, 'mp3'));
    expect(audio.length).toBe(pieces.reduce((sum, piece) => sum + piece.length, 0) - 10 * (pieces.length - 1));
    expect(Buffer.from(audio).indexOf(Buffer.from('ID3'), 3)).toBe(-1); // later pieces lost their tags
  });

  it('joins WAV pieces into one valid WAV as long as all of them', async () => {
    const app = await ttsApp({ ...speechEnv(), TTS_MAX_CHARS: '30' });
    const response = await speak(app, { text, format: 'wav' });
    const info = readWavInfo(await bytesOf(response));
    expect(info).toBeDefined();
    expect(info!.durationMs).toBe(Math.round(([...text].length * 960 * 1000) / 16_000)); // the mock's 60 ms per character
  });
});

describe('POST /tts input checks', () => {
  it('validates text, lang, voice and format; 415 for non-JSON; 400 for broken JSON', async () => {
    const app = await ttsApp();
    const cases: Array<[unknown, string]> = [
      [{ text: '' }, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(1001) }, 'text'],
      [{}, 'text'],
      [{ text: 'hi', lang: 'fr' }, 'lang'],
      [{ text: 'hi', format: 'ogg' }, 'format'],
      [{ text: 'hi', voice: 'a b/../c' }, 'voice'],
      [{ text: 'hi', strictFormat: 'yes' }, 'strictFormat'],
    ];
    for (const [body, field] of cases) {
      const response = await speak(app, body);
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(error.message).toContain(field);
    }
    expect((await speak(app, { text: 'x'.repeat(1000) })).status).toBe(200);
    expect((await app.request('/tts', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' })).status).toBe(415);
    const broken = await app.request('/tts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"text":' });
    expect(await errorOf(broken)).toMatchObject({ code: 'invalid_json' });
  });

  it('is rate limited per client', async () => {
    const app = await ttsApp({ ...assemblyEnv(), TTS_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY_HOPS: '1' });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await speak(app, { text: 'Hi' }, { 'X-Forwarded-For': '192.0.2.5' })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await speak(app, { text: 'Hi' }, { 'X-Forwarded-For': '192.0.2.6' })).status).toBe(200);
  });
});
