import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../shared/config/env.ts';
import { createLogger, silentLogger, type Logger } from '../../shared/http/logger.ts';
import { listen } from '../../shared/http/serve.ts';
import { encodeWav } from '../../shared/speech/wav.ts';
import { startLoopbackServer } from '../../shared/testing/loopback-server.ts';
import { startMockAssemblyAI } from '../../shared/testing/mock-assemblyai.ts';
import { startMockOpenAIAudio } from '../../shared/testing/mock-openai-audio.ts';
import { waitFor } from '../../shared/testing/wait-for.ts';
import { openFunction } from './main.ts';

let aai: Awaited<ReturnType<typeof startMockAssemblyAI>>;
let whisper: Awaited<ReturnType<typeof startMockOpenAIAudio>>;

beforeAll(async () => {
  aai = await startMockAssemblyAI();
  whisper = await startMockOpenAIAudio({ apiKey: 'test-whisper-key' });
});
afterAll(async () => {
  await aai.close();
  await whisper.close();
});
beforeEach(() => {
  aai.submissions.length = 0;
  whisper.transcriptions.length = 0;
});
afterEach(() => {
  // A script left over would answer the next test's submission (a 1,000-poll one took 20 s).
  expect(aai.unusedScripts()).toBe(0);
});

const assemblyEnv = () => ({
  ASSEMBLYAI_API_KEY: aai.apiKey,
  ASSEMBLYAI_BASE_URL: aai.baseUrl,
  ASSEMBLYAI_STREAMING_BASE_URL: aai.baseUrl,
  ASSEMBLYAI_POLL_INTERVAL_MS: '20',
});
const whisperEnv = () => ({ WHISPER_BASE_URL: whisper.baseUrl, WHISPER_API_KEY: 'test-whisper-key' });

async function sttApp(env: Record<string, string> = { ...assemblyEnv(), ...whisperEnv() }, log: Logger = silentLogger) {
  return (await openFunction({ env, log })).app;
}

function wav(seconds: number, rate = 16_000): Uint8Array<ArrayBuffer> {
  const samples = new Int16Array(Math.round(seconds * rate));
  for (let i = 0; i < samples.length; i += 1) samples[i] = Math.round(6000 * Math.sin((2 * Math.PI * 220 * i) / rate));
  return encodeWav(samples, rate);
}
const WEBM = new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, ...new Array(200).fill(7)]);
const OGG = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 0x00, 0x02, ...new Array(200).fill(3)]);

function postAudio(app: Awaited<ReturnType<typeof sttApp>>, body: BodyInit, contentType?: string, query = '', init: RequestInit = {}) {
  return app.request(`/stt${query}`, { method: 'POST', body, ...(contentType ? { headers: { 'Content-Type': contentType } } : {}), ...init });
}
const bodyOf = async (response: Response) => (await response.json()) as any;

describe('POST /stt through AssemblyAI', () => {
  it('uploads, submits with a Mandarin-capable model and the menu as key terms, polls, and answers', async () => {
    const app = await sttApp();
    aai.push({ text: '我要一杯大杯珍珠奶茶', confidence: 0.91, steps: ['queued', 'processing'] });
    const audio = wav(1.5);
    const response = await postAudio(app, audio, 'audio/wav', '?lang=zh');
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ text: '我要一杯大杯珍珠奶茶', lang: 'zh', confidence: 0.91, durationMs: 1500, provider: 'assemblyai' });

    const submitted = aai.submissions.at(-1)!;
    expect(submitted).toMatchObject({ speech_models: ['universal-2'], language_code: 'zh' });
    expect(submitted.keyterms_prompt).toEqual(expect.arrayContaining(['珍珠奶茶', '杨枝甘露', '椰果', '芋圆']));
    expect(submitted).not.toHaveProperty('word_boost');
    expect(aai.uploads().at(-1)).toEqual(audio);
    const polls = aai.jobs().at(-1)!.polls;
    expect(polls).toHaveLength(3); // queued, processing, completed
    expect(polls.at(-1)! - polls[0]!).toBeLessThan(1000); // our 20 ms poll, not the SDK's 3 s
  });

  it('uses the English model list and English key terms for lang=en', async () => {
    const app = await sttApp();
    aai.push({ text: 'one taro milk tea' });
    const response = await postAudio(app, WEBM, 'audio/webm;codecs=opus', '?lang=en');
    expect(await bodyOf(response)).toMatchObject({ text: 'one taro milk tea', lang: 'en', provider: 'assemblyai', durationMs: 2000 });
    const submitted = aai.submissions.at(-1)!;
    expect(submitted).toMatchObject({ speech_models: ['universal-3-pro', 'universal-2'], language_code: 'en' });
    expect(submitted.keyterms_prompt).toEqual(expect.arrayContaining(['Pearl Milk Tea', 'Grass Jelly', 'boba']));
    expect(submitted.keyterms_prompt).not.toContain('珍珠奶茶');
  });

  it('defaults to Chinese', async () => {
    const app = await sttApp();
    await postAudio(app, wav(0.5), 'audio/wav');
    expect(aai.submissions.at(-1)).toMatchObject({ language_code: 'zh' });
  });
});

describe('POST /stt input checks', () => {
  it('takes the multipart field "audio", trusting a sniffed format when the part has no audio type', async () => {
    const app = await sttApp();
    aai.push({ text: '两杯乌龙奶茶' }, { text: '一杯柠檬红茶' });
    const form = new FormData();
    form.append('audio', new Blob([WEBM], { type: 'audio/webm' }), 'clip.webm');
    expect(await bodyOf(await postAudio(app, form))).toMatchObject({ text: '两杯乌龙奶茶', provider: 'assemblyai' });
    const untyped = new FormData();
    untyped.append('audio', new Blob([OGG], { type: 'application/octet-stream' }), 'clip');
    expect(await bodyOf(await postAudio(app, untyped))).toMatchObject({ text: '一杯柠檬红茶' });
  });

  it('refuses what is not audio with 415, and a missing or empty recording with 400', async () => {
    const app = await sttApp();
    const cases: Array<[BodyInit, string | undefined, number, string]> = [
      ['hello', 'text/plain', 415, 'unsupported_media_type'],
      ['{"audio":1}', 'application/json', 415, 'unsupported_media_type'],
      [WEBM, undefined, 415, 'unsupported_media_type'],
      [new Uint8Array(0), 'audio/wav', 400, 'empty_audio'],
      [wav(0), 'audio/wav', 400, 'empty_audio'],
      [new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45, 0, 0]), 'audio/wav', 400, 'invalid_audio'],
    ];
    for (const [body, type, status, code] of cases) {
      const response = await postAudio(app, body, type);
      expect({ status: response.status, code: (await bodyOf(response)).error.code }).toEqual({ status, code });
    }
    const textPart = new FormData();
    textPart.append('audio', new Blob(['not audio'], { type: 'text/plain' }), 'a.txt');
    expect((await postAudio(app, textPart)).status).toBe(415);
    const unknownBytes = new FormData();
    unknownBytes.append('audio', new Blob([new Uint8Array(64).fill(1)]), 'blob');
    expect((await postAudio(app, unknownBytes)).status).toBe(415);
    const noField = new FormData();
    noField.append('recording', new Blob([WEBM], { type: 'audio/webm' }));
    expect(await bodyOf(await postAudio(app, noField))).toMatchObject({ error: { code: 'missing_audio' } });
    const stringField = new FormData();
    stringField.append('audio', 'just text');
    expect((await postAudio(app, stringField)).status).toBe(400);
    const badLang = await postAudio(app, WEBM, 'audio/webm', '?lang=fr');
    expect(badLang.status).toBe(400);
    expect((await bodyOf(badLang)).error.code).toBe('validation_failed');
    expect(aai.submissions).toHaveLength(0);
  });

  it('refuses more than 10 MB with 413, raw or multipart, before any upload', async () => {
    const app = await sttApp();
    const uploadsBefore = aai.uploads().length;
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(WEBM);
    const raw = await postAudio(app, big, 'audio/webm');
    expect(raw.status).toBe(413);
    expect((await bodyOf(raw)).error).toMatchObject({ code: 'audio_too_large', message: expect.stringMatching(/limit is 10 MB/) });
    const form = new FormData();
    form.append('audio', new Blob([big], { type: 'audio/webm' }));
    expect((await postAudio(app, form)).status).toBe(413);
    const huge = await postAudio(app, new Uint8Array(11 * 1024 * 1024), 'audio/webm');
    expect(huge.status).toBe(413);
    expect((await bodyOf(huge)).error.code).toBe('payload_too_large');
    expect(aai.uploads().length).toBe(uploadsBefore);
  });

  it('refuses a WAV longer than 60 s from its header, before any upload', async () => {
    const app = await sttApp();
    const uploadsBefore = aai.uploads().length;
    const response = await postAudio(app, wav(61, 8000), 'audio/wav');
    expect(response.status).toBe(413);
    expect((await bodyOf(response)).error).toMatchObject({ code: 'audio_too_long', message: 'the audio is 61.0 s long; the limit is 60 s' });
    expect(aai.uploads().length).toBe(uploadsBefore);
    expect((await postAudio(app, wav(59.9, 8000), 'audio/wav')).status).toBe(200);
  });

  it('refuses a compressed recording the provider measured at over 60 s', async () => {
    const app = await sttApp();
    aai.push({ text: 'long', audioDurationSec: 75.2 });
    const response = await postAudio(app, OGG, 'audio/ogg');
    expect(response.status).toBe(413);
    expect((await bodyOf(response)).error.code).toBe('audio_too_long');
  });
});

describe('POST /stt fallback', () => {
  it('a transcript with status "error" is an upstream failure: Whisper answers, and the failure is logged once with its cause', async () => {
    const lines: string[] = [];
    const app = await sttApp(undefined, createLogger({ write: (line) => lines.push(line) }));
    aai.push({ error: 'Transcoding failed: file does not appear to contain audio', steps: ['processing'] });
    whisper.pushTranscription({ text: '一杯茉莉绿茶' });
    const response = await postAudio(app, WEBM, 'audio/webm', '?lang=zh');
    expect(await bodyOf(response)).toEqual({ text: '一杯茉莉绿茶', lang: 'zh', confidence: 0.9, durationMs: 1500, provider: 'whisper' });
    const call = whisper.transcriptions.at(-1)!;
    expect(call).toMatchObject({
      model: 'whisper-1',
      language: 'zh',
      responseFormat: 'verbose_json',
      fileName: 'audio.webm',
      fileType: 'audio/webm',
      bytes: WEBM.length,
      authorization: 'Bearer test-whisper-key',
    });
    expect(call.prompt).toContain('珍珠奶茶');
    const failures = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'stt provider failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ level: 'warn', provider: 'assemblyai', err: { message: expect.stringMatching(/Transcoding failed/) } });
    const all = lines.join('\n');
    expect(all).not.toContain(aai.apiKey);
    expect(all).not.toContain('test-whisper-key');
  });

  it('a refused submission and a poll that never finishes both fall through to Whisper', async () => {
    const app = await sttApp({ ...assemblyEnv(), ...whisperEnv(), STT_PROVIDER_TIMEOUT_MS: '300' });
    aai.push({ submitStatus: 500 }, { steps: new Array(1000).fill('processing') });
    whisper.pushTranscription({ text: 'first' }, { text: 'second' });
    expect(await bodyOf(await postAudio(app, WEBM, 'audio/webm'))).toMatchObject({ text: 'first', provider: 'whisper' });
    // 1,000 polls never finish: only the provider timeout can have handed this to Whisper.
    expect(await bodyOf(await postAudio(app, WEBM, 'audio/webm'))).toMatchObject({ text: 'second', provider: 'whisper' });
  });

  it('all providers down → 503 naming each provider and what happened', async () => {
    const app = await sttApp();
    aai.push({ error: 'boom' });
    whisper.pushTranscription({ status: 500, message: 'model crashed' });
    const response = await postAudio(app, WEBM, 'audio/webm');
    expect(response.status).toBe(503);
    const { error } = await bodyOf(response);
    expect(error.code).toBe('stt_unavailable');
    expect(error.message).toMatch(/assemblyai \(failed\), whisper \(failed\)/);
    expect(error.details.providersTried).toEqual([
      { provider: 'assemblyai', outcome: 'failed', reason: expect.stringMatching(/boom/) },
      { provider: 'whisper', outcome: 'failed', reason: expect.stringMatching(/HTTP 500/) },
    ]);
  });

  it('no provider configured → 503 saying what to configure; health is degraded', async () => {
    const app = await sttApp({});
    const response = await postAudio(app, WEBM, 'audio/webm');
    expect(response.status).toBe(503);
    expect((await bodyOf(response)).error.message).toMatch(/ASSEMBLYAI_API_KEY or WHISPER_BASE_URL/);
    const health = await app.request('/healthz/stt');
    expect(await bodyOf(health)).toEqual({
      status: 'degraded',
      providers: { assemblyai: 'not_configured', whisper: 'not_configured' },
      streaming: 'not_configured',
    });
  });

  it('Whisper alone works, and health names the providers without secrets', async () => {
    const app = await sttApp(whisperEnv());
    whisper.pushTranscription({ text: 'only whisper' });
    expect(await bodyOf(await postAudio(app, WEBM, 'audio/webm', '?lang=en'))).toMatchObject({ text: 'only whisper', provider: 'whisper' });
    const full = await sttApp();
    const health = await (await full.request('/healthz/stt')).text();
    expect(JSON.parse(health)).toMatchObject({ status: 'ok', providers: { assemblyai: 'configured', whisper: 'configured' }, streaming: 'configured' });
    expect(health).not.toContain(aai.apiKey);
  });

  it('stops polling and tries nothing else when the client goes away', async () => {
    const app = await sttApp();
    aai.push({ steps: new Array(1000).fill('processing') });
    const controller = new AbortController();
    const earlierJobs = aai.jobs().length;
    const pending = postAudio(app, WEBM, 'audio/webm', '', { signal: controller.signal });
    // This request's own job has been polled (not the last test's, still at the end of the list).
    const ownJob = () => aai.jobs()[earlierJobs];
    await waitFor(() => (ownJob()?.polls.length ?? 0) > 0, { timeoutMs: 20_000 });
    controller.abort();
    const response = await pending;
    expect(response.status).toBe(408);
    const polls = ownJob()!.polls.length;
    // Seven more poll intervals: a loop still running would add several; one poll that was
    // already on the wire when the client left may still land.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ownJob()!.polls.length).toBeLessThanOrEqual(polls + 1);
    expect(whisper.transcriptions).toHaveLength(0);
  });
});

describe('POST /stt/token', () => {
  it('issues a short-lived streaming token with the URL and settings for the language', async () => {
    const app = await sttApp({ ...assemblyEnv(), STT_TOKEN_EXPIRES_SECONDS: '120' });
    const zh = await app.request('/stt/token?lang=zh', { method: 'POST' });
    expect(zh.status).toBe(200);
    expect(zh.headers.get('cache-control')).toBe('no-store');
    const grant = await bodyOf(zh);
    expect(grant).toMatchObject({
      token: expect.stringMatching(/^tmp_/),
      expiresInSeconds: 120,
      settings: { lang: 'zh', sampleRate: 16000, encoding: 'pcm_s16le', channels: 1, speechModel: 'whisper-rt' },
    });
    expect(Date.parse(grant.expiresAt) - Date.now()).toBeGreaterThan(110_000);
    const url = new URL(grant.url);
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`${aai.baseUrl.replace('http', 'ws')}/v3/ws`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ sample_rate: '16000', encoding: 'pcm_s16le', speech_model: 'whisper-rt' });
    expect(grant.connectUrl).toBe(`${grant.url}&token=${grant.token}`);
    expect(aai.tokenRequests.at(-1)).toEqual({ expiresInSeconds: '120' });
    const en = await bodyOf(await app.request('/stt/token?lang=en', { method: 'POST' }));
    expect(en.settings.speechModel).toBe('universal-streaming-english');
  });

  it('503 without an AssemblyAI key, 502 when AssemblyAI refuses, and rate limited', async () => {
    const without = await sttApp(whisperEnv());
    const disabled = await without.request('/stt/token', { method: 'POST' });
    expect(disabled.status).toBe(503);
    expect((await bodyOf(disabled)).error.code).toBe('streaming_unavailable');

    const wrongKey = await sttApp({ ...assemblyEnv(), ASSEMBLYAI_API_KEY: 'not-the-key' });
    const refused = await wrongKey.request('/stt/token', { method: 'POST' });
    expect(refused.status).toBe(502);
    expect((await bodyOf(refused)).error.code).toBe('upstream_error');

    const limited = await sttApp({ ...assemblyEnv(), STT_TOKEN_RATE_LIMIT_PER_MINUTE: '2' });
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await limited.request('/stt/token', { method: 'POST', headers: { 'X-Forwarded-For': '203.0.113.7' } })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('a client leaving while the token is pending is a 408, not an upstream failure; the cause of a 502 is logged', async () => {
    const silent = await startLoopbackServer(() => {}); // takes the token request, never answers
    try {
      const app = await sttApp({ ...assemblyEnv(), ASSEMBLYAI_STREAMING_BASE_URL: silent.origin });
      const leaving = new AbortController();
      const pending = app.request('/stt/token', { method: 'POST', signal: leaving.signal });
      setTimeout(() => leaving.abort(), 50);
      const gone = await pending;
      expect(gone.status).toBe(408);
      expect((await bodyOf(gone)).error.code).toBe('client_closed_request');
    } finally {
      await silent.close();
    }

    const lines: string[] = [];
    const wrongKey = await sttApp({ ...assemblyEnv(), ASSEMBLYAI_API_KEY: 'not-the-key' }, createLogger({ write: (line) => lines.push(line) }));
    const refused = await wrongKey.request('/stt/token', { method: 'POST' });
    expect(refused.status).toBe(502);
    expect((await bodyOf(refused)).error.message).toMatch(/streaming token request failed/);
    const warning = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'streaming token failed');
    expect(warning).toMatchObject({ level: 'warn', provider: 'assemblyai', fn: 'stt' });
  });

  it('refuses a token expiry over 600 s at start, naming the variable', async () => {
    await expect(openFunction({ env: { ...assemblyEnv(), STT_TOKEN_EXPIRES_SECONDS: '601' }, log: silentLogger })).rejects.toThrow(ConfigError);
    await expect(openFunction({ env: { ...assemblyEnv(), STT_TOKEN_EXPIRES_SECONDS: '601' }, log: silentLogger })).rejects.toThrow(/STT_TOKEN_EXPIRES_SECONDS/);
  });
});

describe('POST /stt rate limit', () => {
  it('limits each client', async () => {
    const app = await sttApp({ ...assemblyEnv(), STT_RATE_LIMIT_PER_MINUTE: '2' });
    const send = () => postAudio(app, WEBM, 'audio/webm', '', { headers: { 'Content-Type': 'audio/webm', 'X-Forwarded-For': '198.51.100.1' } });
    expect([(await send()).status, (await send()).status]).toEqual([200, 200]);
    const limited = await send();
    expect(limited.status).toBe(429);
    // 30 s for a token at 2 a minute, less whatever the machine took over the first two requests.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
  });
});

describe('POST /stt memory bounds', () => {
  it('answers 413 as soon as a streamed upload passes 10 MB, without waiting for the rest', async () => {
    const server = await listen((await sttApp()).fetch, 0, '127.0.0.1');
    try {
      const req = httpRequest({
        host: '127.0.0.1',
        port: server.port,
        path: '/stt',
        method: 'POST',
        headers: { 'content-type': 'audio/webm', 'transfer-encoding': 'chunked' },
      });
      req.on('error', () => {}); // the server may hang up on the unread rest
      const response = new Promise<IncomingMessage>((resolve) => req.once('response', resolve));
      const chunk = Buffer.alloc(64 * 1024, 7);
      chunk.set(WEBM.subarray(0, 4));
      // 10 MB and half a chunk more, and the request is never ended.
      for (let sent = 0; sent < 10 * 1024 * 1024; sent += chunk.length) req.write(chunk);
      req.write(chunk.subarray(0, 32 * 1024));
      const res = await response;
      expect(res.statusCode).toBe(413);
      const body = await new Promise<string>((resolve) => {
        let text = '';
        res.on('data', (data: Buffer) => (text += data.toString()));
        res.on('end', () => resolve(text));
      });
      expect(JSON.parse(body).error).toMatchObject({ code: 'audio_too_large', message: expect.stringMatching(/limit is 10 MB/) });
      req.destroy();
    } finally {
      await server.stop();
    }
  });

  it('bounds transcriptions at once: over STT_MAX_CONCURRENT is 503 busy with Retry-After, before the body is read', async () => {
    const app = await sttApp({ ...whisperEnv(), STT_MAX_CONCURRENT: '2' });
    whisper.pushTranscription({ text: 'one', delayMs: 400 }, { text: 'two', delayMs: 400 }, { text: 'three' });
    const running = [postAudio(app, WEBM, 'audio/webm'), postAudio(app, WEBM, 'audio/webm')];
    await vi.waitFor(() => expect(whisper.transcriptions).toHaveLength(2));
    const busy = await postAudio(app, WEBM, 'audio/webm');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('2');
    expect((await bodyOf(busy)).error).toMatchObject({ code: 'busy', message: expect.stringMatching(/busy/) });
    expect((await Promise.all(running)).map((response) => response.status)).toEqual([200, 200]);
    expect((await postAudio(app, WEBM, 'audio/webm')).status).toBe(200); // places are given back
    expect(whisper.transcriptions).toHaveLength(3);
  });
});
