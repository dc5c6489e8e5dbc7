import { describe, expect, it } from 'vitest';
import { createPcmResampler, pcmLevel } from './pcm-resampler.ts';

const tone = (rate: number, hz: number, seconds: number, amplitude = 0.5) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

describe('pcm resampler', () => {
  it.each([48_000, 44_100, 32_000, 16_000])('turns %i Hz into 16 kHz, one sample per 1/16000 s, however the input is chunked', (rate) => {
    const input = tone(rate, 440, 1);
    const whole = createPcmResampler(rate).push(input);
    expect(Math.abs(whole.length - 16_000)).toBeLessThanOrEqual(1);
    // 128-sample render quanta (what an AudioWorklet gets) give the same samples.
    const chunked = createPcmResampler(rate);
    const parts: number[] = [];
    for (let i = 0; i < input.length; i += 128) parts.push(...chunked.push(input.subarray(i, i + 128)));
    expect(parts).toEqual([...whole]);
  });

  it('keeps a speech-band tone at its level and removes what folds down from above 8 kHz', () => {
    const speech = createPcmResampler(48_000).push(tone(48_000, 300, 0.5));
    expect(pcmLevel(speech)).toBeGreaterThan(0.33); // 0.5 / √2 ≈ 0.354
    // 16 kHz at 48 kHz input: a box of 3 samples cancels it (else it would alias to DC).
    const high = createPcmResampler(48_000).push(tone(48_000, 16_000, 0.5));
    expect(pcmLevel(high)).toBeLessThan(0.01);
  });

  it('clips to the 16-bit range and refuses to upsample', () => {
    const loud = createPcmResampler(16_000).push(Float32Array.from([2, -2, 0.25]));
    expect([...loud]).toEqual([32767, -32768, 8192]);
    expect(() => createPcmResampler(8000)).toThrow(/cannot resample/);
  });
});
