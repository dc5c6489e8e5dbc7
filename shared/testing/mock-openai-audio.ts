import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, startLoopbackServer } from './loopback-server.ts';
import { encodeWav } from '../speech/wav.ts';

// A loopback OpenAI-compatible audio server (POST /v1/audio/transcriptions and
// /v1/audio/speech) for the real `openai` SDK. Speech it makes is remembered by hash in a
// `voiceprints` map that transcription (here or in the AssemblyAI mock) reads back, so a
// round trip text → audio → text really passes the bytes through.

/** Audio hash → the text it was made from. Share one between mocks for round trips. */
export type Voiceprints = Map<string, string>;

export function audioHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Deterministic stand-in audio for a text: a real 16 kHz WAV (a tone, 60 ms per character),
 * or bytes that look like an MP3 (ID3 tag + frame headers). Registered in `voiceprints`.
 */
export function mockSpeech(text: string, format: 'mp3' | 'wav', voiceprints?: Voiceprints): Uint8Array {
  const seed = createHash('sha256').update(`${format}:${text}`).digest();
  let bytes: Uint8Array;
  if (format === 'wav') {
    const rate = 16_000;
    const samples = new Int16Array(Math.max(1600, [...text].length * 960));
    const pitch = 180 + (seed[0]! % 120);
    for (let i = 0; i < samples.length; i += 1) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * pitch * i) / rate));
    bytes = encodeWav(samples, rate);
  } else {
    const frame = new Uint8Array(417);
    frame.set([0xff, 0xfb, 0x90, 0x64]);
    const frames = Math.max(4, [...text].length);
    bytes = new Uint8Array(10 + frames * frame.length + seed.length);
    bytes.set([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0]);
    for (let i = 0; i < frames; i += 1) bytes.set(frame, 10 + i * frame.length);
    bytes.set(seed, 10 + frames * frame.length);
  }
  voiceprints?.set(audioHash(bytes), text);
  return bytes;
}

export type TranscriptionStep = { text?: string; status?: number; message?: string; delayMs?: number; durationSec?: number };
export type SpeechStep = { status?: number; message?: string; delayMs?: number; contentType?: string; body?: Uint8Array };

export type RecordedTranscription = {
  model: string;
  language: string | null;
  prompt: string | null;
  responseFormat: string | null;
  fileName: string;
  fileType: string;
  bytes: number;
  authorization: string | undefined;
};
export type RecordedSpeech = { model: string; input: string; voice: string; responseFormat: string | undefined; authorization: string | undefined };

export async function startMockOpenAIAudio(options: { apiKey?: string; voiceprints?: Voiceprints } = {}) {
  const voiceprints = options.voiceprints ?? new Map<string, string>();
  const transcriptionScript: TranscriptionStep[] = [];
  const speechScript: SpeechStep[] = [];
  const transcriptions: RecordedTranscription[] = [];
  const speeches: RecordedSpeech[] = [];

  const server = await startLoopbackServer(async (req, res, raw) => {
    const path = (req.url ?? '').split('?')[0];
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return json(res, 401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
    }
    if (req.method === 'POST' && path === '/v1/audio/transcriptions') return transcribe(req, res, raw);
    if (req.method === 'POST' && path === '/v1/audio/speech') return speak(req, res, raw);
    json(res, 404, { error: { message: `mock: no route ${req.method} ${path}` } });
  });

  async function transcribe(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
    const file = form.get('file');
    if (!(file instanceof File)) return json(res, 400, { error: { message: 'file is required' } });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const field = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : null);
    transcriptions.push({
      model: field('model') ?? '',
      language: field('language'),
      prompt: field('prompt'),
      responseFormat: field('response_format'),
      fileName: file.name,
      fileType: file.type,
      bytes: bytes.length,
      authorization: req.headers.authorization,
    });
    const step = transcriptionScript.shift() ?? {};
    if (step.delayMs) await delay(step.delayMs, res);
    if (res.destroyed) return;
    if (step.status) return json(res, step.status, { error: { message: step.message ?? 'mock transcription failure' } });
    const text = step.text ?? voiceprints.get(audioHash(bytes)) ?? 'mock transcript';
    const duration = step.durationSec ?? 1.5;
    json(res, 200, {
      task: 'transcribe',
      language: field('language') ?? 'en',
      duration,
      text,
      segments: [{ id: 0, start: 0, end: duration, text, avg_logprob: -0.105, no_speech_prob: 0.01 }],
    });
  }

  async function speak(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const body = JSON.parse(raw.toString('utf8')) as { model: string; input: string; voice: string; response_format?: string };
    speeches.push({ model: body.model, input: body.input, voice: body.voice, responseFormat: body.response_format, authorization: req.headers.authorization });
    const step = speechScript.shift() ?? {};
    if (step.delayMs) await delay(step.delayMs, res);
    if (res.destroyed) return;
    if (step.status) return json(res, step.status, { error: { message: step.message ?? 'mock speech failure' } });
    const format = body.response_format === 'wav' ? 'wav' : 'mp3';
    const audio = step.body ?? mockSpeech(body.input, format, voiceprints);
    res.writeHead(200, { 'content-type': step.contentType ?? (format === 'wav' ? 'audio/wav' : 'audio/mpeg'), 'content-length': audio.length }).end(audio);
  }

  return {
    baseUrl: `${server.origin}/v1`,
    voiceprints,
    transcriptions,
    speeches,
    pushTranscription: (...steps: TranscriptionStep[]) => void transcriptionScript.push(...steps),
    pushSpeech: (...steps: SpeechStep[]) => void speechScript.push(...steps),
    close: server.close,
  };
}

/** Waits, but gives up early when the client hangs up. */
export function delay(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
