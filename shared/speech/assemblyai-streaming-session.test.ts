import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockAssemblyAIStreaming } from '../testing/mock-assemblyai-streaming.ts';
import { openStreamingSession } from './assemblyai-streaming-session.ts';
import { createStreamingTokenIssuer } from './assemblyai-streaming-token.ts';

let mock: Awaited<ReturnType<typeof startMockAssemblyAIStreaming>>;
beforeEach(async () => {
  mock = await startMockAssemblyAIStreaming();
});
afterEach(() => mock.close());

const pcm = (ms: number) => new Uint8Array(ms * 32).fill(1);
const open = (onPartial?: (text: string) => void) =>
  openStreamingSession({
    streamingBaseUrl: mock.baseUrl,
    apiKey: mock.apiKey,
    keyterms: ['Taro Milk Tea'],
    connectTimeoutMs: 2000,
    finalTimeoutMs: 2000,
    ...(onPartial ? { onPartial } : {}),
  });

describe('AssemblyAI v3 streaming session against the loopback mock', () => {
  it('shows growing partials, then one final formatted transcript at Terminate', async () => {
    mock.push({ text: 'one large taro milk tea please' });
    const partials: string[] = [];
    const session = await open((text) => partials.push(text));
    for (let i = 0; i < 10; i++) session.send(pcm(100));
    await expect.poll(() => partials.length).toBeGreaterThanOrEqual(3);
    expect(await session.finish()).toBe('one large taro milk tea please');
    expect(partials[0]).toBe('one');
    expect(partials.every((text) => text !== 'one large taro milk tea please')).toBe(true);
    expect(mock.sessions[0]).toMatchObject({
      audioBytes: 32_000,
      terminated: true,
      query: { sample_rate: '16000', encoding: 'pcm_s16le', keyterms_prompt: '["Taro Milk Tea"]' },
    });
  });

  it('with turn detection on silence, the turn ends by itself after speech and 400 ms of quiet; silence alone shows no words', async () => {
    mock.push({ text: 'a jasmine green tea', endOnSilenceMs: 400, finalDelayMs: 50 });
    const partials: string[] = [];
    const session = await open((text) => partials.push(text));
    const voice = (ms: number) => new Uint8Array(new Int16Array(ms * 16).map((_, i) => (i % 2 ? 6000 : -6000)).buffer);
    const quiet = (ms: number) => new Uint8Array(ms * 32);
    for (let i = 0; i < 10; i++) session.send(quiet(100));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(partials).toEqual([]);
    for (let i = 0; i < 8; i++) session.send(voice(100));
    await expect.poll(() => partials.length).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 3; i++) session.send(quiet(100));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mock.sessions[0]?.closeCode).toBeUndefined(); // 300 ms of quiet is a pause, not the end
    for (let i = 0; i < 2; i++) session.send(quiet(100));
    expect(await session.finish()).toBe('a jasmine green tea');
    expect(mock.sessions[0]).toMatchObject({ voicedMs: 800, terminated: false });
  });

  it('a dropped socket fails the turn, so the caller can fall back to batch', async () => {
    mock.push({ text: 'two oolong', dropAfterMs: 200 });
    const session = await open();
    for (let i = 0; i < 4; i++) session.send(pcm(100));
    await expect(session.finish()).rejects.toThrow(/streaming socket closed \(1006/);
  });

  it('a wrong key is refused with the reason', async () => {
    const session = await openStreamingSession({ streamingBaseUrl: mock.baseUrl, apiKey: 'wrong', connectTimeoutMs: 2000, finalTimeoutMs: 2000 });
    await expect(session.finish()).rejects.toThrow(/1008: Invalid token/);
  });
});

describe('the mock checks the browser path: temporary token, 16 kHz PCM', () => {
  const issue = () =>
    createStreamingTokenIssuer({
      apiKey: mock.apiKey,
      streamingBaseUrl: mock.baseUrl,
      expiresInSeconds: 60,
      models: { zh: 'universal-streaming-multilingual', en: 'universal-streaming-english' },
      timeoutMs: 2000,
    })('en');
  const connect = (url: string) =>
    new Promise<{ messages: Array<{ type: string; transcript?: string; end_of_turn?: boolean }>; close: { code: number; reason: string }; ws: WebSocket }>(
      (resolve) => {
        const ws = new WebSocket(url);
        const messages: Array<{ type: string }> = [];
        ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
        ws.on('open', () => {
          ws.send(pcm(700));
          ws.send('{"type":"Terminate"}');
        });
        ws.on('close', (code, reason) => resolve({ messages, close: { code, reason: reason.toString() }, ws }));
      },
    );

  it('an issued token opens one session: Begin, partial and final Turn, Termination', async () => {
    mock.push({ text: 'hello there friend' });
    const grant = await issue();
    const { messages, close } = await connect(grant.connectUrl);
    expect(close.code).toBe(1000);
    expect(messages.map((m) => m.type)).toEqual(['Begin', 'Turn', 'Turn', 'Termination']);
    expect(messages[2]).toMatchObject({ transcript: 'hello there friend', end_of_turn: true });
    expect((await connect(grant.connectUrl)).close).toMatchObject({ code: 1008, reason: 'Invalid token' });
  });

  it('an expired token, or audio that is not 16 kHz, is refused with the reason', async () => {
    const grant = await issue();
    mock.expireTokens();
    expect((await connect(grant.connectUrl)).close).toMatchObject({ code: 1008, reason: 'Token expired' });
    const other = await issue();
    expect((await connect(other.connectUrl.replace('sample_rate=16000', 'sample_rate=48000'))).close.code).toBe(3005);
  });
});
