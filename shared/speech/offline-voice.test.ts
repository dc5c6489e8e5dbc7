import { afterAll, describe, expect, it } from 'vitest';
import { createOfflineVoice } from './offline-voice.ts';
import { SpeechAbortedError } from './provider-error.ts';
import { wavSamples } from './wav.ts';

const voice = createOfflineVoice();
afterAll(() => voice.close());

/** RMS of the samples, in 16-bit units: silence is ~0, speech is hundreds or more. */
function rms(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

describe('offline voice (eSpeak-NG in a worker thread)', () => {
  it.each([
    ['zh', '您好，一杯大杯珍珠奶茶，半糖少冰，一共十八元。'],
    ['en', 'One large pearl milk tea, half sugar, less ice. That is eighteen yuan.'],
  ] as const)('speaks %s as a valid, non-silent 16-bit PCM WAV', async (lang, text) => {
    const speech = await voice.synthesize(text, lang);
    const bytes = speech.wav;
    expect(Buffer.from(bytes.subarray(0, 4)).toString('ascii')).toBe('RIFF');
    expect(Buffer.from(bytes.subarray(8, 12)).toString('ascii')).toBe('WAVE');
    const decoded = wavSamples(bytes);
    expect(decoded).toBeDefined();
    const { info, samples } = decoded!;
    expect(info).toMatchObject({ formatTag: 1, channels: 1, bitsPerSample: 16, sampleRate: 22050 });
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)).toBe(bytes.length - 8);
    expect(speech.durationMs).toBe(info.durationMs);
    expect(info.durationMs).toBeGreaterThan(1500);
    expect(info.durationMs).toBeLessThan(15_000);
    expect(rms(samples)).toBeGreaterThan(300);
  });

  it('speaks a Mandarin sentence longer than the same sentence cut short (the text is really read)', async () => {
    const short = await voice.synthesize('好的。', 'zh');
    const long = await voice.synthesize('好的，您的珍珠奶茶马上就好，请到柜台取餐。', 'zh');
    expect(long.durationMs).toBeGreaterThan(short.durationMs * 3);
  });

  it('serves requests one after another and leaves the event loop free meanwhile', async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const results = await Promise.all(['一', '二', '三'].map((n) => voice.synthesize(`第${n}杯，茉莉奶绿，大杯，无糖，去冰。`.repeat(4), 'zh')));
    clearInterval(ticker);
    expect(results.every((result) => result.durationMs > 1000)).toBe(true);
    expect(ticks).toBeGreaterThan(2);
  });

  it('drops a queued request whose client went away', async () => {
    const controller = new AbortController();
    const first = voice.synthesize('第一句话，稍微长一点，让它先占住工作线程。'.repeat(3), 'zh');
    const second = voice.synthesize('这一句不用念了。', 'zh', controller.signal);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(SpeechAbortedError);
    await expect(first).resolves.toMatchObject({ sampleRate: 22050 });
  });

  it('fails a synthesis that overruns its time limit and restarts the worker on the next request', async () => {
    const slow = createOfflineVoice({ timeoutMs: 1 });
    try {
      await slow.warmUp();
      await expect(slow.synthesize('这是一段很长的文字。'.repeat(20), 'zh')).rejects.toThrow(/longer than 1 ms/);
      expect(slow.status()).toMatchObject({ worker: 'failed', lastError: expect.stringMatching(/restarted/) });
      await slow.warmUp();
      expect(slow.status().worker).toBe('ready');
    } finally {
      await slow.close();
    }
  });

  it('reports its status without starting anything', () => {
    const fresh = createOfflineVoice();
    expect(fresh.status()).toEqual({ available: true, worker: 'stopped' });
  });
});
