// The PCM of one utterance as a WAV clip for the batch fallback: only the stretch with voice in
// it (plus a little either side), so the hands-free wait before the customer spoke is not sent.
import { encodeWav } from '../../../shared/speech/wav.ts';
import { TARGET_RATE } from './pcm-resampler.ts';

export type TimedPcm = { pcm: Int16Array; level: number; at: number; voiced: boolean };

const PAD_FRAMES = 15; // 300 ms of 20 ms frames

/** undefined when no frame had voice in it: nothing to transcribe. */
export function utteranceClip(frames: TimedPcm[]): Blob | undefined {
  const first = frames.findIndex((frame) => frame.voiced);
  if (first < 0) return undefined;
  const last = frames.findLastIndex((frame) => frame.voiced);
  const kept = frames.slice(Math.max(0, first - PAD_FRAMES), last + PAD_FRAMES + 1);
  const samples = new Int16Array(kept.reduce((sum, frame) => sum + frame.pcm.length, 0));
  let offset = 0;
  for (const frame of kept) {
    samples.set(frame.pcm, offset);
    offset += frame.pcm.length;
  }
  return new Blob([encodeWav(samples, TARGET_RATE)], { type: 'audio/wav' });
}
