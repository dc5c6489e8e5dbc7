import { describe, expect, it } from 'vitest';
import { readWavInfo } from '../../../shared/speech/wav.ts';
import { createUtteranceBuffer, toWav } from './pcm-utterance.ts';

const tone = (ms: number, amplitude = 8000) => {
  const samples = (16_000 * ms) / 1000;
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) pcm.writeInt16LE(Math.round(amplitude * Math.sin((2 * Math.PI * 220 * i) / 16_000)), i * 2);
  return pcm;
};
const quiet = (ms: number) => Buffer.alloc((16_000 * ms * 2) / 1000);

describe('utterance buffer', () => {
  it('ends an utterance after speech and enough quiet; not on quiet alone, not on a cough', () => {
    const buffer = createUtteranceBuffer({ silenceMs: 800, minSpeechMs: 250 });
    expect(buffer.push(quiet(2000))).toBe('buffered');
    expect(buffer.push(tone(100))).toBe('buffered');
    expect(buffer.push(quiet(1000))).toBe('buffered'); // 100 ms of sound is not speech enough
    expect(buffer.push(tone(500))).toBe('buffered');
    expect(buffer.push(quiet(500))).toBe('buffered');
    expect(buffer.push(quiet(500))).toBe('utterance_end');
    const audio = buffer.take();
    expect(audio.length).toBe((2000 + 100 + 1000 + 500 + 1000) * 32);
    expect(buffer.bytes).toBe(0);
  });

  it('with detection off only flush ends an utterance; the bound is 60 s by default', () => {
    const buffer = createUtteranceBuffer({ silenceMs: 0 });
    expect(buffer.push(tone(500))).toBe('buffered');
    expect(buffer.push(quiet(5000))).toBe('buffered');
    const bounded = createUtteranceBuffer();
    for (let second = 0; second < 60; second += 1) expect(bounded.push(quiet(1000))).toBe('buffered');
    expect(bounded.push(quiet(20))).toBe('too_long');
  });

  it('wraps the samples as a 16 kHz mono 16-bit WAV', () => {
    const wav = toWav(tone(250));
    expect(readWavInfo(wav)).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, formatTag: 1, dataBytes: 8000, durationMs: 250 });
  });
});
