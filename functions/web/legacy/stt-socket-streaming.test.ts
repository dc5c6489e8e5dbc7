import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startMockAssemblyAIStreaming } from '../../../shared/testing/mock-assemblyai-streaming.ts';
import { startLegacyShop, type LegacyShop } from './legacy-fixture.ts';

const OWNER = 'legacy-owner-token-0123456789';
type Frame = { message_type: string; text?: string; payload?: Record<string, unknown> };

// /legacy/ws/stt with AssemblyAI streaming configured: the PCM goes on to the v3 socket as it
// arrives (through a grant from the stt function), the final Turn is the transcript; a dropped
// socket or a refused grant falls back to the batch POST /stt for that utterance.
describe('legacy stt socket, streaming', () => {
  let shop: LegacyShop;
  let live: Awaited<ReturnType<typeof startMockAssemblyAIStreaming>>;
  beforeAll(async () => {
    live = await startMockAssemblyAIStreaming();
    shop = await startLegacyShop({ env: { ASSEMBLYAI_STREAMING_BASE_URL: live.baseUrl, OWNER_TOKEN: OWNER } });
  });
  afterAll(async () => {
    await shop.close();
    await live.close();
  });

  const talk = async (id: string, ms: number) => {
    const socket = new WebSocket(`${shop.ws}/ws/stt?session_id=${id}`);
    const frames: Frame[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
    await new Promise((resolve) => socket.once('open', resolve));
    const second = Buffer.alloc(6400, 0x40).toString('base64'); // 200 ms of loud-enough PCM
    for (let sent = 0; sent < ms; sent += 200) socket.send(JSON.stringify({ audio_data: second }));
    socket.send(JSON.stringify({ event: 'flush' }));
    await expect.poll(() => frames.some((frame) => frame.message_type.startsWith('agent_response')), { timeout: 8000 }).toBe(true);
    socket.close();
    return frames;
  };

  it('streams the PCM as it arrives and answers from the final Turn, with no batch upload', async () => {
    live.push({ text: '我要一杯大杯珍珠奶茶' });
    const uploads = shop.aai.uploads().length;
    const frames = await talk('session_1700000000000_stream001', 1000);
    expect(frames[0]).toEqual({ message_type: 'final_transcript', text: '我要一杯大杯珍珠奶茶' });
    expect(frames[1]?.message_type).toBe('agent_response');
    expect(live.sessions.at(-1)).toMatchObject({ audioBytes: 32_000, terminated: true, query: { sample_rate: '16000', encoding: 'pcm_s16le' } });
    expect(shop.aai.uploads().length).toBe(uploads);
  });

  it("sends the live menu's names and aliases as key terms: an alias the owner just added is among them", async () => {
    const patched = await fetch(`${shop.base}/menu/items/taro-milk-tea`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${OWNER}`, 'content-type': 'application/json' },
      body: JSON.stringify({ aliases: ['芋头奶茶', '香芋啵啵'] }),
    });
    expect(patched.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the legacy layer keeps the menu 2 s
    live.push({ text: '一杯香芋啵啵' });
    await talk('session_1700000000000_terms001', 400);
    const terms = JSON.parse(live.sessions.at(-1)?.query.keyterms_prompt ?? '[]') as string[];
    expect(terms).toEqual(expect.arrayContaining(['珍珠奶茶', '乌龙奶茶', '大杯', '半糖', '去冰', '香芋啵啵']));
    expect(terms.some((term) => /[a-z]/i.test(term))).toBe(false);
    expect(terms.length).toBeLessThanOrEqual(100);
  });

  it('a socket dropped mid-utterance → the batch POST /stt answers that utterance', async () => {
    live.push({ text: 'never finished', dropAfterMs: 400 });
    shop.aai.push({ text: '一杯乌龙茶' });
    const uploads = shop.aai.uploads().length;
    const frames = await talk('session_1700000000000_stream002', 1000);
    expect(frames[0]).toEqual({ message_type: 'final_transcript', text: '一杯乌龙茶' });
    expect(shop.aai.uploads().length).toBe(uploads + 1);
    expect(shop.aai.uploads().at(-1)?.length).toBe(44 + 32_000); // the whole utterance, kept while streaming
  });

  it('a refused grant → batch', async () => {
    live.refuseNextTokens(1);
    shop.aai.push({ text: '两杯红茶' });
    const frames = await talk('session_1700000000000_stream003', 600);
    expect(frames[0]).toEqual({ message_type: 'final_transcript', text: '两杯红茶' });
  });
});
