import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionInstance } from '../../shared/http/function-module.ts';
import { silentLogger } from '../../shared/http/logger.ts';
import { listen, type RunningServer } from '../../shared/http/serve.ts';
import { startMockAssemblyAI } from '../../shared/testing/mock-assemblyai.ts';
import { startMockOpenAIAudio, type Voiceprints } from '../../shared/testing/mock-openai-audio.ts';
import { openFunction as openStt } from '../stt/main.ts';
import { openFunction as openTts } from './main.ts';

// Text → POST /tts → audio bytes → POST /stt → text, over real HTTP on loopback. The mocks
// share one voiceprint table, so the transcript is only right if the exact bytes the speech
// mock made reached the transcription mock through both functions.

describe('speech round trip over HTTP', () => {
  const voiceprints: Voiceprints = new Map();
  let aai: Awaited<ReturnType<typeof startMockAssemblyAI>>;
  let openai: Awaited<ReturnType<typeof startMockOpenAIAudio>>;
  let server: RunningServer;
  let base: string;
  const instances: FunctionInstance[] = [];

  beforeAll(async () => {
    aai = await startMockAssemblyAI({ voiceprints });
    openai = await startMockOpenAIAudio({ voiceprints });
    const env = {
      ASSEMBLYAI_API_KEY: aai.apiKey,
      ASSEMBLYAI_BASE_URL: aai.baseUrl,
      ASSEMBLYAI_STREAMING_BASE_URL: aai.baseUrl,
      ASSEMBLYAI_TTS_BASE_URL: aai.ttsBaseUrl,
      ASSEMBLYAI_POLL_INTERVAL_MS: '20',
      WHISPER_BASE_URL: openai.baseUrl,
      TTS_BASE_URL: openai.baseUrl,
      TTS_OFFLINE_WARMUP: 'off',
      TTS_RATE_LIMIT_PER_MINUTE: '6',
    };
    instances.push(await openStt({ env, log: silentLogger }), await openTts({ env, log: silentLogger }));
    const [stt, tts] = instances as [FunctionInstance, FunctionInstance];
    server = await listen((request, connEnv) => (new URL(request.url).pathname.startsWith('/tts') ? tts : stt).app.fetch(request, connEnv), 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.stop();
    for (const instance of instances) await instance.close();
    await aai.close();
    await openai.close();
  });

  const tts = (body: unknown) => fetch(`${base}/tts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('Chinese: OpenAI-compatible speech (WAV) → AssemblyAI transcript', async () => {
    const text = '一杯大杯珍珠奶茶，半糖少冰。';
    const spoken = await tts({ text, format: 'wav' });
    expect(spoken.status).toBe(200);
    expect(spoken.headers.get('x-tts-provider')).toBe('openai-compatible');
    const audio = await spoken.arrayBuffer();
    const heard = await fetch(`${base}/stt?lang=zh`, { method: 'POST', headers: { 'Content-Type': spoken.headers.get('content-type')! }, body: audio });
    expect(heard.status).toBe(200);
    expect(await heard.json()).toEqual({
      text,
      lang: 'zh',
      confidence: 0.93,
      durationMs: Math.round(([...text].length * 960 * 1000) / 16_000),
      provider: 'assemblyai',
    });
  });

  it('English: AssemblyAI speech (MP3) → multipart upload → AssemblyAI fails → Whisper transcript', async () => {
    const text = 'Two jasmine green teas, no sugar, hot.';
    const spoken = await tts({ text, lang: 'en' });
    expect(spoken.headers.get('x-tts-provider')).toBe('assemblyai');
    expect(spoken.headers.get('content-type')).toBe('audio/mpeg');
    const form = new FormData();
    form.append('audio', new Blob([await spoken.arrayBuffer()], { type: 'audio/mpeg' }), 'reply.mp3');
    aai.push({ error: 'mock outage' });
    const heard = await fetch(`${base}/stt?lang=en`, { method: 'POST', body: form });
    expect(await heard.json()).toMatchObject({ text, lang: 'en', provider: 'whisper' });
    expect(openai.transcriptions.at(-1)).toMatchObject({ fileType: 'audio/mpeg', language: 'en' });
  });

  it('rate limits by the socket address: with no trusted proxy a client-written X-Forwarded-For changes nothing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await tts({ text: 'hi' })).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses).toContain(200);
    const proxied = await fetch(`${base}/tts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '198.51.100.9' },
      body: JSON.stringify({ text: 'hi' }),
    });
    expect(proxied.status).toBe(429);
  });
});
