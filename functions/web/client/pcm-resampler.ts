// Microphone samples (float, the AudioContext's rate) to 16 kHz 16-bit PCM, as AssemblyAI's
// streaming API and the batch WAV fallback want them. Stateful, so chunk boundaries leave no
// clicks: each output sample averages the input samples of its window (a box low-pass, enough
// to keep 8–24 kHz content from folding into speech at these ratios).

export const TARGET_RATE = 16_000;

export type PcmResampler = { push(input: Float32Array): Int16Array };

export function createPcmResampler(inputRate: number, outputRate = TARGET_RATE): PcmResampler {
  if (!(inputRate >= outputRate)) throw new Error(`cannot resample ${inputRate} Hz up to ${outputRate} Hz`);
  const step = inputRate / outputRate; // input samples per output sample (3 at 48 kHz, 2.75625 at 44.1 kHz)
  let consumed = 0; // input samples seen so far
  let produced = 0; // output samples written so far
  let sum = 0;
  let count = 0;

  return {
    push(input) {
      const out = new Int16Array(Math.ceil((input.length + count) / step) + 1);
      let written = 0;
      for (const sample of input) {
        sum += sample;
        count++;
        consumed++;
        // Output sample k covers the input up to round((k + 1) · step).
        if (consumed >= Math.round((produced + 1) * step)) {
          out[written++] = toInt16(sum / count);
          produced++;
          sum = 0;
          count = 0;
        }
      }
      return out.subarray(0, written);
    },
  };
}

function toInt16(sample: number): number {
  const clamped = Math.max(-1, Math.min(1, sample));
  return Math.round(clamped < 0 ? clamped * 0x8000 : clamped * 0x7fff);
}

/** Root-mean-square level of 16-bit samples, 0..1 (the voice detector's input). */
export function pcmLevel(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length) / 0x8000;
}
