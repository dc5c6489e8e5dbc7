// The AudioWorklet that turns the microphone into 20 ms frames of 16 kHz 16-bit mono PCM
// (bundled on its own as /assets/pcm-worklet.js: a worklet runs in its own scope).
import { createPcmResampler, pcmLevel, TARGET_RATE } from './pcm-resampler.ts';

// The worklet scope's globals (TypeScript's DOM lib describes only the page side).
declare const sampleRate: number;
declare const currentTime: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

export const FRAME_SAMPLES = TARGET_RATE / 50; // 20 ms

/** Posted to the page: `pcm` is transferred; `time` is the AudioContext time of its last sample. */
export type PcmFrame = { pcm: Int16Array; level: number; time: number };

class PcmFrameProcessor extends AudioWorkletProcessor {
  private readonly resampler = createPcmResampler(sampleRate);
  private frame = new Int16Array(FRAME_SAMPLES);
  private filled = 0;
  private stopped = false;

  constructor() {
    super();
    // The page says "stop" when the utterance ends: returning false lets the node be collected.
    this.port.onmessage = () => {
      this.stopped = true;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    // Channel 0 only: the constraints ask for mono, and a stereo mic's left is a voice too.
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    const samples = this.resampler.push(channel);
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(FRAME_SAMPLES - this.filled, samples.length - offset);
      this.frame.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === FRAME_SAMPLES) {
        const frame: PcmFrame = { pcm: this.frame, level: pcmLevel(this.frame), time: currentTime };
        this.port.postMessage(frame, [this.frame.buffer]);
        this.frame = new Int16Array(FRAME_SAMPLES);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('pcm-frames', PcmFrameProcessor);
