import type { Lang } from '../../../shared/lang.ts';
// Voice in: a MediaRecorder clip for POST /stt, with a hard length limit.
export type Recording = { stop(): Promise<Blob>; cancel(): void; elapsedMs(): number };

export const MAX_RECORDING_MS = 30_000;

export async function startRecording(onAutoStop: () => void): Promise<Recording> {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') throw new Error('no_recorder');
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } });
  const mimeType = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((type) => MediaRecorder.isTypeSupported(type));
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
  const chunks: Blob[] = [];
  const started = performance.now();
  let recorded = 0;
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
    recorded = performance.now() - started;
  };
  const release = () => stream.getTracks().forEach((track) => track.stop());
  const limit = window.setTimeout(onAutoStop, MAX_RECORDING_MS);
  recorder.start(250);
  return {
    elapsedMs: () => recorded,
    stop: () =>
      new Promise<Blob>((resolve) => {
        window.clearTimeout(limit);
        recorder.onstop = () => {
          release();
          resolve(new Blob(chunks, { type: recorder.mimeType || 'audio/webm' }));
        };
        if (recorder.state === 'inactive') recorder.onstop(new Event('stop'));
        else recorder.stop();
      }),
    cancel: () => {
      window.clearTimeout(limit);
      if (recorder.state !== 'inactive') recorder.stop();
      release();
    },
  };
}

type BrowserRecognizer = {
  lang: string;
  interimResults: boolean;
  maxAlternatives: number;
  start(): void;
  abort(): void;
  onresult: ((event: { results: ArrayLike<ArrayLike<{ transcript: string }>> }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
};

// The Web Speech API is not in TypeScript's DOM lib; the constructors may be missing (Firefox has neither).
declare global {
  interface Window {
    SpeechRecognition?: new () => BrowserRecognizer;
    webkitSpeechRecognition?: new () => BrowserRecognizer;
  }
}

const browserRecognizer = () => window.SpeechRecognition ?? window.webkitSpeechRecognition;

export function browserRecognizerAvailable(): boolean {
  return typeof browserRecognizer() === 'function';
}

/** The browser's own recognizer (used when /stt has no provider): one utterance, bounded in time. */
export function recognizeOnce(lang: Lang, timeoutMs = 12_000): { result: Promise<string>; abort(): void } {
  const Recognizer = browserRecognizer();
  if (!Recognizer) return { result: Promise.reject(new Error('no_recognizer')), abort() {} };
  const recognizer = new Recognizer();
  recognizer.lang = lang === 'zh' ? 'zh-CN' : 'en-US';
  recognizer.interimResults = false;
  recognizer.maxAlternatives = 1;
  let timer = 0;
  const result = new Promise<string>((resolve, reject) => {
    let text = '';
    recognizer.onresult = (event) => (text = event.results[0]?.[0]?.transcript ?? '');
    recognizer.onerror = (event) => reject(new Error(event.error || 'recognition_failed'));
    recognizer.onend = () => (text ? resolve(text) : reject(new Error('no_speech')));
    timer = window.setTimeout(() => {
      recognizer.abort();
      reject(new Error('timeout'));
    }, timeoutMs);
    recognizer.start();
  }).finally(() => window.clearTimeout(timer));
  return { result, abort: () => recognizer.abort() };
}
