import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { audioHash, mockSpeech } from '../../../shared/testing/mock-openai-audio.ts';
import { sampleLine } from '../../../shared/testing/order-fixture.ts';
import { startLegacyShop, type LegacyShop } from './legacy-fixture.ts';
import { QUEUE_SNAPSHOT, TALK_RESPONSE, expectShape } from './legacy-shapes.ts';

// The legacy WebSockets over real sockets on loopback: the queue board, streaming TTS and
// streaming speech recognition, as the original UIs drive them.

type Frame = Record<string, any>;

/** A client that hands out frames in order and tells when the server closed. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  const frames: Frame[] = [];
  const waiting: Array<(frame: Frame) => void> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Frame;
    const wake = waiting.shift();
    if (wake) wake(frame);
    else frames.push(frame);
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    closed,
    next: () => new Promise<Frame>((resolve) => (frames.length > 0 ? resolve(frames.shift()!) : waiting.push(resolve))),
    /** The next frame that passes `test`, skipping others. */
    async until(test: (frame: Frame) => boolean): Promise<Frame> {
      for (;;) {
        const frame = await this.next();
        if (test(frame)) return frame;
      }
    },
    send: (frame: unknown) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
  };
}

/** The samples of a mock WAV (44-byte header), as the legacy UI streams them: base64 PCM frames. */
function pcmFrames(wav: Uint8Array, frameBytes = 8192): string[] {
  const pcm = Buffer.from(wav).subarray(44);
  const frames: string[] = [];
  for (let offset = 0; offset < pcm.length; offset += frameBytes) frames.push(pcm.subarray(offset, offset + frameBytes).toString('base64'));
  return frames;
}

for (const mode of ['in-process', 'http'] as const) {
  describe(`legacy queue socket (${mode})`, () => {
    let shop: LegacyShop;
    beforeAll(async () => {
      shop = await startLegacyShop({ mode });
    });
    afterAll(async () => shop.close());

    it('sends the bare snapshot at once, then again on every order and status change; client frames are ignored', async () => {
      const board = await connect(`${shop.ws}/ws/production/queue`);
      const first = await board.next();
      expectShape(first, QUEUE_SNAPSHOT);
      expect(first).not.toHaveProperty('type');

      board.send('anything at all');
      const { order } = await shop.orderClient.createOrder({ lines: [sampleLine] });
      const code = Number(order.pickupCode);
      const placed = await board.until((frame) => frame.active_orders.some((entry: Frame) => entry.order_id === code));
      expectShape(placed, QUEUE_SNAPSHOT);
      expect(placed.active_orders.find((entry: Frame) => entry.order_id === code)).toMatchObject({ current_stage: 'queued', drink_name: '珍珠奶茶 ×2' });

      expect((await shop.setStatus(order.id, 'preparing')).status).toBe(200);
      const brewing = await board.until((frame) => frame.active_orders.some((entry: Frame) => entry.order_id === code && entry.current_stage === 'brewing'));
      expect(brewing.active_orders.find((entry: Frame) => entry.order_id === code).current_stage_label).toBe('Brewing');
      board.socket.close();
      await board.closed;
    });
  });
}

describe('legacy tts socket', () => {
  let shop: LegacyShop;
  beforeAll(async () => {
    shop = await startLegacyShop();
  });
  afterAll(async () => shop.close());

  it('one audio_chunk per sentence (each a whole file), then an empty final chunk, then close', async () => {
    const tts = await connect(`${shop.ws}/ws/tts`);
    tts.send({ text: '您好。请问要喝点什么？我们今天有芋泥奶茶！', format: 'mp3' });
    const sentences = ['您好。', '请问要喝点什么？', '我们今天有芋泥奶茶！'];
    for (const [index, sentence] of sentences.entries()) {
      const frame = await tts.next();
      expect(frame).toMatchObject({ message_type: 'audio_chunk', chunk_index: index, is_final: false, audio_data: expect.any(String) });
      expect(shop.voiceprints.get(audioHash(Buffer.from(frame.audio_data, 'base64')))).toBe(sentence);
    }
    expect(await tts.next()).toEqual({ message_type: 'audio_chunk', audio_data: '', chunk_index: 3, is_final: true });
    expect(await tts.closed).toBe(1000);
  });

  it('errors as {message_type:"error", error} and closes: no text, not JSON, a failing voice', async () => {
    for (const request of [{ format: 'mp3' }, 'not json', { text: '   ' }]) {
      const tts = await connect(`${shop.ws}/ws/tts`);
      tts.send(request);
      expect(await tts.next()).toEqual({ message_type: 'error', error: expect.any(String) });
      await tts.closed;
    }
    shop.openai.pushSpeech({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const failing = await connect(`${shop.ws}/ws/tts`);
    failing.send({ text: '您好。', format: 'mp3' });
    expect(await failing.next()).toMatchObject({ message_type: 'error', error: expect.any(String) });
    await failing.closed;
  });
});

describe('legacy stt socket', () => {
  let shop: LegacyShop;
  beforeAll(async () => {
    shop = await startLegacyShop();
  });
  afterAll(async () => shop.close());

  it('PCM frames, then flush → final_transcript (via AssemblyAI) → agent_response with the TalkResponse', async () => {
    const said = '我要一杯大杯珍珠奶茶，半糖少冰';
    const stt = await connect(`${shop.ws}/ws/stt?session_id=session_1700000000000_voice0001`);
    for (const audio of pcmFrames(mockSpeech(said, 'wav', shop.voiceprints))) stt.send({ audio_data: audio });
    stt.send({ event: 'flush' });
    expect(await stt.next()).toEqual({ message_type: 'final_transcript', text: said });
    const answer = await stt.next();
    expect(answer.message_type).toBe('agent_response');
    expectShape(answer.payload, TALK_RESPONSE);
    expect(answer.payload).toMatchObject({
      order_state: { drink_name: '珍珠奶茶', size: '大杯', sugar: '半糖', ice: '少冰', is_complete: true },
      order_total: 18,
    });
    // The turn went to the same session /text uses for that id.
    const text = new FormData();
    text.append('session_id', 'session_1700000000000_voice0001');
    text.append('text', '就这些');
    const readBack = (await (await fetch(`${shop.legacy}/text`, { method: 'POST', body: text })).json()) as Frame;
    expect(readBack).toMatchObject({ order_status: 'confirming', order_total: 18 });
    expect(shop.aai.submissions.at(-1)).toMatchObject({ language_code: 'zh' });
    stt.socket.close();
  });

  it('a pause after speech ends an utterance without flush (the original UI closes right after flushing)', async () => {
    shop.aai.push({ text: '你好' });
    const stt = await connect(`${shop.ws}/ws/stt?session_id=session_1700000000000_voice0002`);
    for (const audio of pcmFrames(mockSpeech('一二三四五六七八', 'wav'))) stt.send({ audio_data: audio });
    const silence = Buffer.alloc(8192).toString('base64'); // 256 ms each
    for (let i = 0; i < 4; i += 1) stt.send({ audio_data: silence });
    expect(await stt.next()).toEqual({ message_type: 'final_transcript', text: '你好' });
    expect((await stt.next()).message_type).toBe('agent_response');
    stt.socket.close();
  });

  it('bounds the buffer: over 60 s of audio is an error frame and a close', async () => {
    const stt = await connect(`${shop.ws}/ws/stt?session_id=session_long`);
    const second = Buffer.alloc(32_000).toString('base64');
    for (let i = 0; i < 61; i += 1) stt.send({ audio_data: second });
    expect(await stt.next()).toEqual({ message_type: 'error', error: expect.stringContaining('60') });
    expect(await stt.closed).toBe(1009);
  });

  it('a bad session id is refused before the upgrade', async () => {
    await expect(connect(`${shop.ws}/ws/stt?session_id=${'z'.repeat(129)}`)).rejects.toThrow(/Unexpected server response: 400/);
    await expect(connect(`${shop.ws}/ws/stt?session_id=bad%01id`)).rejects.toThrow(/Unexpected server response: 400/);
  });

  it('a transcription failure is an error frame the UI shows', async () => {
    shop.aai.push({ error: 'mock: audio unusable' });
    const stt = await connect(`${shop.ws}/ws/stt?session_id=session_fail`);
    for (const audio of pcmFrames(mockSpeech('测试', 'wav'))) stt.send({ audio_data: audio });
    stt.send({ event: 'flush' });
    expect(await stt.next()).toEqual({ message_type: 'error', error: expect.any(String) });
    stt.socket.close();
  });
});

describe('legacy stt socket without a speech provider', () => {
  it('says so at once with {error}, rather than hanging', async () => {
    const shop = await startLegacyShop({ noStt: true });
    try {
      const stt = await connect(`${shop.ws}/ws/stt?session_id=session_x`);
      const frame = await stt.next();
      expect(frame.error).toEqual(expect.any(String));
      await stt.closed;
    } finally {
      await shop.close();
    }
  });
});

describe('legacy turns with the order service down (web on Modal, order unreachable)', () => {
  it('/text answers 503 order_service_unavailable; the stt socket sends the same as agent_response_error', async () => {
    const shop = await startLegacyShop({ mode: 'http', webEnv: { ORDER_API_URL: 'http://127.0.0.1:9' } });
    try {
      const form = new FormData();
      form.append('session_id', 'session_1700000000000_down0001');
      form.append('text', '你好');
      const text = await fetch(`${shop.legacy}/text`, { method: 'POST', body: form });
      expect(text.status).toBe(503);
      const { error } = (await text.json()) as Frame;
      expect(error.code).toBe('order_service_unavailable');

      const said = '我要一杯珍珠奶茶';
      const stt = await connect(`${shop.ws}/ws/stt?session_id=session_1700000000000_down0002`);
      for (const audio of pcmFrames(mockSpeech(said, 'wav', shop.voiceprints))) stt.send({ audio_data: audio });
      stt.send({ event: 'flush' });
      expect(await stt.next()).toEqual({ message_type: 'final_transcript', text: said });
      expect(await stt.next()).toEqual({ message_type: 'agent_response_error', detail: error.message });
      stt.socket.close();
    } finally {
      await shop.close();
    }
  });
});
