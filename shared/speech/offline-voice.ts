// The offline voice: eSpeak-NG (the @echogarden/espeak-ng-emscripten build, pure JS/wasm2js
// with its voice data, no network) in one worker thread, so synthesis never blocks the
// event loop that serves other requests. The worker's code is a plain string run with
// `eval: true`, and the package is resolved from node_modules at run time, so the function
// bundles built by esbuild need no extra entry point or copied assets.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as v from 'valibot';
import { ProviderError, SpeechAbortedError } from './provider-error.ts';
import type { SpeechLang } from './speech-lang.ts';
import { encodeWav } from './wav.ts';

export const OFFLINE_PACKAGE = '@echogarden/espeak-ng-emscripten';

/** eSpeak-NG voice names: Mandarin is `cmn`; American English for the shop's English. */
export const OFFLINE_VOICES: Record<SpeechLang, string> = { zh: 'cmn', en: 'en-us' };

export type OfflineSpeech = { wav: Uint8Array; sampleRate: number; durationMs: number; synthMs: number };

export type OfflineVoice = {
  synthesize(text: string, lang: SpeechLang, signal?: AbortSignal): Promise<OfflineSpeech>;
  /** Whether the engine can be found, and how the worker is doing; never starts it. */
  status(): { available: boolean; worker: 'stopped' | 'starting' | 'ready' | 'failed'; lastError?: string };
  /** Starts the worker now instead of on the first request (about 0.3 s of setup). */
  warmUp(): Promise<void>;
  close(): Promise<void>;
};

export type OfflineVoiceOptions = {
  /** A synthesis taking longer than this restarts the worker and fails the request. */
  timeoutMs?: number;
  /** Requests waiting for the worker beyond this are refused at once. */
  maxQueue?: number;
  /** Speaking rate in words per minute (eSpeak's default is 175). */
  rate?: number;
};

type Job = {
  id: number;
  text: string;
  voice: string;
  resolve(value: OfflineSpeech): void;
  reject(error: Error): void;
  started: number;
  timer?: NodeJS.Timeout;
  signal?: AbortSignal;
  onAbort?: () => void;
};
/** What the worker posts: ready, a fatal start error, or one job's reply (an error or the samples). */
const WorkerMessageSchema = v.union([
  v.object({ ready: v.literal(true) }),
  v.object({ fatal: v.string() }),
  v.object({ id: v.number(), error: v.string() }),
  v.object({ id: v.number(), sampleRate: v.number(), samples: v.instance(Int16Array), error: v.optional(v.undefined()) }),
]);
type WorkerReply = Extract<v.InferOutput<typeof WorkerMessageSchema>, { id: number }>;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.moduleUrl).then(async ({ default: createModule }) => {
  const engine = await createModule({ print() {}, printErr() {} });
  const speaker = new engine.eSpeakNGWorker();
  parentPort.on('message', ({ id, text, voice }) => {
    try {
      if (speaker.set_voice(voice) !== 0) throw new Error('unknown voice ' + voice);
      speaker.set_rate(workerData.rate);
      const parts = [];
      let total = 0;
      speaker.synthesize(text, (samples) => {
        if (samples && samples.length) { parts.push(samples); total += samples.length; }
        return 0;
      });
      const out = new Int16Array(total);
      let at = 0;
      for (const part of parts) { out.set(part, at); at += part.length; }
      parentPort.postMessage({ id, sampleRate: speaker.samplerate, samples: out }, [out.buffer]);
    } catch (error) {
      parentPort.postMessage({ id, error: String(error && error.message || error) });
    }
  });
  parentPort.postMessage({ ready: true });
}).catch((error) => {
  parentPort.postMessage({ fatal: String(error && error.message || error) });
});
`;

function resolveEngine(): string | undefined {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve(OFFLINE_PACKAGE)).href;
  } catch {
    return undefined;
  }
}

export function createOfflineVoice({ timeoutMs = 20_000, maxQueue = 16, rate = 165 }: OfflineVoiceOptions = {}): OfflineVoice {
  const moduleUrl = resolveEngine();
  let worker: Worker | undefined;
  let ready: Promise<Worker> | undefined;
  let state: 'stopped' | 'starting' | 'ready' | 'failed' = 'stopped';
  let lastError: string | undefined;
  let nextId = 1;
  const queue: Job[] = [];
  let running: Job | undefined;

  const fail = (message: string) => {
    lastError = message;
    state = 'failed';
    const stuck = [running, ...queue.splice(0)].filter((job): job is Job => job !== undefined);
    running = undefined;
    for (const job of stuck) finish(job, new ProviderError('offline', message));
    void worker?.terminate();
    worker = undefined;
    ready = undefined;
  };

  const start = (): Promise<Worker> => {
    if (ready) return ready;
    if (!moduleUrl) return Promise.reject(new ProviderError('offline', `${OFFLINE_PACKAGE} is not installed`));
    state = 'starting';
    ready = new Promise<Worker>((resolve, reject) => {
      const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl, rate } });
      worker = thread;
      thread.unref(); // an idle voice never keeps the process alive
      thread.on('message', (raw: unknown) => {
        const parsed = v.safeParse(WorkerMessageSchema, raw);
        if (!parsed.success) return; // not one of the worker's messages
        const message = parsed.output;
        if ('ready' in message) {
          state = 'ready';
          resolve(thread);
        } else if ('fatal' in message) {
          reject(new ProviderError('offline', `offline voice failed to start: ${message.fatal}`));
          fail(message.fatal);
        } else {
          onReply(message);
        }
      });
      thread.on('error', (error) => {
        reject(new ProviderError('offline', 'offline voice worker crashed', { cause: error }));
        fail(`worker crashed: ${error.message}`);
      });
      thread.on('exit', () => {
        if (worker === thread) fail('worker exited');
      });
    });
    return ready;
  };

  const onReply = (reply: WorkerReply) => {
    const job = running;
    if (!job || job.id !== reply.id) return; // a reply for a job already timed out or aborted
    running = undefined;
    if (reply.error !== undefined) finish(job, new ProviderError('offline', `offline voice: ${reply.error}`));
    else {
      const durationMs = Math.round((reply.samples.length / reply.sampleRate) * 1000);
      finish(job, undefined, {
        wav: encodeWav(reply.samples, reply.sampleRate),
        sampleRate: reply.sampleRate,
        durationMs,
        synthMs: Math.round(performance.now() - job.started),
      });
    }
    pump();
  };

  function finish(job: Job, error?: Error, value?: OfflineSpeech) {
    clearTimeout(job.timer);
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (error) job.reject(error);
    else job.resolve(value!);
  }

  const pump = () => {
    if (running || queue.length === 0) return;
    const job = queue.shift()!;
    running = job;
    start().then(
      (thread) => {
        if (running !== job) return;
        job.started = performance.now();
        job.timer = setTimeout(() => fail(`synthesis took longer than ${timeoutMs} ms; worker restarted`), timeoutMs);
        thread.postMessage({ id: job.id, text: job.text, voice: job.voice });
      },
      (error: unknown) => {
        if (running === job) {
          running = undefined;
          finish(job, error instanceof Error ? error : new ProviderError('offline', 'offline voice unavailable'));
        }
        pump();
      },
    );
  };

  return {
    synthesize(text, lang, signal) {
      if (signal?.aborted) return Promise.reject(new SpeechAbortedError());
      if (queue.length >= maxQueue) return Promise.reject(new ProviderError('offline', 'offline voice is busy'));
      return new Promise<OfflineSpeech>((resolve, reject) => {
        const job: Job = { id: nextId++, text, voice: OFFLINE_VOICES[lang], resolve, reject, started: performance.now() };
        if (signal) {
          job.signal = signal;
          job.onAbort = () => {
            // Waiting jobs leave the queue; the running one finishes in the worker, unheard.
            const index = queue.indexOf(job);
            if (index >= 0) queue.splice(index, 1);
            if (running === job) {
              running = undefined;
              pump();
            }
            finish(job, new SpeechAbortedError());
          };
          signal.addEventListener('abort', job.onAbort, { once: true });
        }
        queue.push(job);
        pump();
      });
    },
    status() {
      return { available: moduleUrl !== undefined, worker: state, ...(lastError ? { lastError } : {}) };
    },
    async warmUp() {
      await start();
    },
    async close() {
      const thread = worker;
      worker = undefined;
      ready = undefined;
      state = 'stopped';
      for (const job of [running, ...queue.splice(0)]) if (job) finish(job, new ProviderError('offline', 'offline voice closed'));
      running = undefined;
      await thread?.terminate();
    },
  };
}
