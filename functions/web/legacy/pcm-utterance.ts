import { encodeWav } from '../../../shared/speech/wav.ts';

// Buffers the legacy UI's microphone stream (16 kHz mono PCM s16le) and finds where an
// utterance ends: a stretch of quiet after speech. The original UI closes its socket right
// after it sends "flush", so answers must arrive while the microphone is still on.

const SAMPLE_RATE = 16_000;
const BYTES_PER_SECOND = SAMPLE_RATE * 2;

export type UtteranceOptions = {
  /** Most audio one utterance may hold (60 s, as POST /stt). */
  maxSeconds?: number;
  /** Quiet after speech that ends an utterance; 0 turns end-of-speech detection off (flush only). */
  silenceMs?: number;
  /** RMS (of 32767) above which a frame counts as speech. */
  speechRms?: number;
  /** Less speech than this is a cough, not an utterance. */
  minSpeechMs?: number;
};

export type PushResult = 'buffered' | 'utterance_end' | 'too_long';

export function createUtteranceBuffer({ maxSeconds = 60, silenceMs = 800, speechRms = 600, minSpeechMs = 250 }: UtteranceOptions = {}) {
  const maxBytes = maxSeconds * BYTES_PER_SECOND;
  let chunks: Buffer[] = [];
  let bytes = 0;
  let speechMs = 0;
  let quietMs = 0;

  return {
    get bytes() {
      return bytes;
    },
    push(pcm: Buffer): PushResult {
      const even = pcm.length % 2 === 0 ? pcm : pcm.subarray(0, pcm.length - 1);
      if (bytes + even.length > maxBytes) return 'too_long';
      chunks.push(even);
      bytes += even.length;
      const ms = (even.length / BYTES_PER_SECOND) * 1000;
      if (rms(even) >= speechRms) {
        speechMs += ms;
        quietMs = 0;
      } else if (speechMs > 0) quietMs += ms;
      return silenceMs > 0 && speechMs >= minSpeechMs && quietMs >= silenceMs ? 'utterance_end' : 'buffered';
    },
    /** The buffered audio, emptied. */
    take(): Buffer {
      const audio = Buffer.concat(chunks, bytes);
      chunks = [];
      bytes = 0;
      speechMs = 0;
      quietMs = 0;
      return audio;
    },
  };
}

function rms(pcm: Buffer): number {
  const samples = pcm.length / 2;
  if (samples === 0) return 0;
  let sum = 0;
  for (let offset = 0; offset < pcm.length; offset += 2) {
    const sample = pcm.readInt16LE(offset);
    sum += sample * sample;
  }
  return Math.sqrt(sum / samples);
}

/** The samples as a WAV file, what POST /stt reads. */
export function toWav(pcm: Buffer): Uint8Array<ArrayBuffer> {
  // A copy starting at offset 0, so the samples can be viewed as 16-bit (little-endian hosts, as Node's are).
  return encodeWav(new Int16Array(new Uint8Array(pcm).buffer), SAMPLE_RATE);
}
