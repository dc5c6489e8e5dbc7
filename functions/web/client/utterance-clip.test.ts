import { describe, expect, it } from 'vitest';
import { readWavInfo } from '../../../shared/speech/wav.ts';
import { utteranceClip, type TimedPcm } from './utterance-clip.ts';

const frame = (voiced: boolean, i: number): TimedPcm => ({ pcm: new Int16Array(320).fill(voiced ? 4000 : 0), level: voiced ? 0.12 : 0, at: i * 20, voiced });

describe('utterance clip', () => {
  it('keeps the voiced stretch and 300 ms either side, as a 16 kHz mono WAV', async () => {
    const frames = [
      ...Array.from({ length: 100 }, (_, i) => frame(false, i)),
      ...Array.from({ length: 50 }, (_, i) => frame(true, 100 + i)),
      ...Array.from({ length: 100 }, (_, i) => frame(false, 150 + i)),
    ];
    const clip = utteranceClip(frames)!;
    expect(clip.type).toBe('audio/wav');
    const info = readWavInfo(new Uint8Array(await clip.arrayBuffer()));
    expect(info).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, durationMs: (50 + 30) * 20 });
  });

  it('has nothing to send when no frame had a voice', () => {
    expect(utteranceClip(Array.from({ length: 20 }, (_, i) => frame(false, i)))).toBeUndefined();
  });
});
