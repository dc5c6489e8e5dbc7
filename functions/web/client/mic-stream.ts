// The microphone as 20 ms frames of 16 kHz 16-bit PCM, from the pcm-worklet AudioWorklet.
import type { PcmFrame } from './pcm-worklet.ts';

export type MicFrame = { pcm: Int16Array; level: number /** performance.now() when the page got it. */; at: number };
export type MicStream = { onFrame(listener: (frame: MicFrame) => void): () => void; close(): void };

const WORKLET_URL = '/assets/pcm-worklet.js';

// One AudioContext for the page's life, opened at the first utterance: closing it after each
// one would close the audio output too, just as the reply starts playing (bench:voice saw
// ~200 ms more to the first reply audio). Between utterances it holds no microphone.
let shared: Promise<AudioContext> | undefined;

function audioContext(): Promise<AudioContext> {
  shared ??= (async () => {
    const context = new AudioContext();
    await context.audioWorklet.addModule(new URL(WORKLET_URL, location.href).href);
    return context;
  })();
  shared.catch(() => (shared = undefined));
  return shared;
}

export function liveCaptureAvailable(): boolean {
  return typeof AudioWorkletNode !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/** Throws `no_worklet` without AudioWorklet support, or the getUserMedia error (permission denied…). */
export async function openMicStream(): Promise<MicStream> {
  if (!liveCaptureAvailable()) throw new Error('no_worklet');
  const media = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  let context: AudioContext;
  try {
    context = await audioContext();
    // A suspended context (no user gesture yet) would deliver nothing.
    if (context.state === 'suspended') await context.resume();
  } catch (error) {
    media.getTracks().forEach((track) => track.stop());
    throw error;
  }
  const source = context.createMediaStreamSource(media);
  const node = new AudioWorkletNode(context, 'pcm-frames', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1 });
  // Pulled through a silent gain to the output, so every browser keeps rendering the node.
  const silent = context.createGain();
  silent.gain.value = 0;
  source.connect(node).connect(silent).connect(context.destination);
  const listeners = new Set<(frame: MicFrame) => void>();
  node.port.onmessage = (event: MessageEvent<PcmFrame>) => {
    const frame = { pcm: event.data.pcm, level: event.data.level, at: performance.now() };
    for (const listener of listeners) listener(frame);
  };
  return {
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      node.port.onmessage = null;
      node.port.postMessage('stop');
      source.disconnect();
      node.disconnect();
      silent.disconnect();
      media.getTracks().forEach((track) => track.stop());
    },
  };
}
