import { randomBytes } from 'node:crypto';
import { json, startLoopbackServer } from './loopback-server.ts';
import { audioHash, delay, mockSpeech, type Voiceprints } from './mock-openai-audio.ts';

// A loopback stand-in for AssemblyAI's HTTP API, driven by the real `assemblyai` SDK and the
// `openai` SDK through base URLs: POST /v2/upload, POST /v2/transcript, GET /v2/transcript/:id
// (queued → processing → completed | error), GET /v3/token (streaming), and the TTS
// OpenAI-compatible route POST /v1/openai/audio/speech.

export type ScriptedTranscript = {
  /** Default: the text the audio was made from (voiceprints), else 'mock transcript'. */
  text?: string;
  confidence?: number;
  audioDurationSec?: number;
  /** Statuses answered by polls before the final one; default ['processing']. */
  steps?: Array<'queued' | 'processing'>;
  /** Finish with status "error" and this message. */
  error?: string;
  /** Refuse the submission itself with this HTTP status. */
  submitStatus?: number;
  /** Delay every poll answer. */
  pollDelayMs?: number;
  /** Answer "processing" until this long after the submission (the vendor's turnaround). */
  turnaroundMs?: number;
};

type Job = { id: string; script: ScriptedTranscript; text: string; step: number; polls: number[]; submittedAt: number };
export type RecordedSubmission = Record<string, unknown>;

export async function startMockAssemblyAI(
  options: { apiKey?: string; voiceprints?: Voiceprints /** Every job's default turnaroundMs. */; turnaroundMs?: number } = {},
) {
  const apiKey = options.apiKey ?? 'test-assemblyai-key';
  const voiceprints = options.voiceprints ?? new Map<string, string>();
  const scripts: ScriptedTranscript[] = [];
  const uploads = new Map<string, Uint8Array>();
  const jobs = new Map<string, Job>();
  const submissions: RecordedSubmission[] = [];
  const tokenRequests: Array<{ expiresInSeconds: string | null }> = [];
  const speeches: Array<{ model: string; input: string; voice: string; responseFormat?: string }> = [];
  const speechFailures: number[] = [];
  let origin = '';

  const server = await startLoopbackServer(async (req, res, raw) => {
    const url = new URL(req.url ?? '/', origin);
    const auth = req.headers.authorization;
    const route = `${req.method} ${url.pathname}`;

    if (route === 'POST /v1/openai/audio/speech') {
      if (auth !== `Bearer ${apiKey}`) return json(res, 401, { error: { message: 'Invalid API key', type: 'authentication_error' } });
      const body = JSON.parse(raw.toString('utf8')) as { model: string; input: string; voice: string; response_format?: string };
      speeches.push({ model: body.model, input: body.input, voice: body.voice, ...(body.response_format ? { responseFormat: body.response_format } : {}) });
      const failure = speechFailures.shift();
      if (failure) return json(res, failure, { error: { message: 'mock tts failure', code: 'mock_failure' } });
      const format = body.response_format === 'wav' ? 'wav' : 'mp3';
      const audio = mockSpeech(body.input, format, voiceprints);
      return void res.writeHead(200, { 'content-type': format === 'wav' ? 'audio/wav' : 'audio/mpeg', 'content-length': audio.length }).end(audio);
    }
    if (auth !== apiKey) return json(res, 401, { error: 'Authentication error, API token missing/invalid' });

    if (route === 'POST /v2/upload') {
      if (raw.length === 0) return json(res, 400, { error: 'Upload failed, please try again' });
      const id = randomBytes(8).toString('hex');
      uploads.set(id, new Uint8Array(raw));
      return json(res, 200, { upload_url: `${origin}/files/${id}` });
    }
    if (route === 'POST /v2/transcript') {
      const params = JSON.parse(raw.toString('utf8')) as RecordedSubmission;
      submissions.push(params);
      const script = scripts.shift() ?? {};
      if (script.submitStatus) return json(res, script.submitStatus, { error: 'mock: submission refused' });
      const audio = uploads.get(
        String(params.audio_url ?? '')
          .split('/')
          .pop() ?? '',
      );
      if (!audio) return json(res, 400, { error: 'Transcoding failed. audio_url is not reachable' });
      const job: Job = {
        id: randomBytes(10).toString('hex'),
        script,
        text: script.text ?? voiceprints.get(audioHash(audio)) ?? 'mock transcript',
        step: 0,
        polls: [],
        submittedAt: Date.now(),
      };
      jobs.set(job.id, job);
      return json(res, 200, transcriptBody(job, 'queued', params));
    }
    const poll = /^GET \/v2\/transcript\/([\w-]+)$/.exec(route);
    if (poll) {
      const job = jobs.get(poll[1]!);
      if (!job) return json(res, 404, { error: 'Transcript lookup error, transcript id not found' });
      job.polls.push(Date.now());
      if (job.script.pollDelayMs) await delay(job.script.pollDelayMs, res);
      if (res.destroyed) return;
      const turnaround = job.script.turnaroundMs ?? options.turnaroundMs ?? 0;
      if (Date.now() - job.submittedAt < turnaround) return json(res, 200, transcriptBody(job, 'processing'));
      const steps = job.script.steps ?? ['processing'];
      const status = job.step < steps.length ? steps[job.step++]! : job.script.error ? 'error' : 'completed';
      return json(res, 200, transcriptBody(job, status));
    }
    if (route === 'GET /v3/token') {
      const expires = url.searchParams.get('expires_in_seconds');
      tokenRequests.push({ expiresInSeconds: expires });
      const seconds = Number(expires);
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > 600) return json(res, 400, { error: 'expires_in_seconds must be between 1 and 600' });
      return json(res, 200, { token: `tmp_${randomBytes(12).toString('hex')}`, expires_in_seconds: seconds });
    }
    json(res, 404, { error: `mock: no route ${route}` });
  });

  function transcriptBody(job: Job, status: string, params?: RecordedSubmission) {
    const done = status === 'completed';
    return {
      id: job.id,
      status,
      ...(params ?? {}),
      text: done ? job.text : null,
      confidence: done ? (job.script.confidence ?? 0.93) : null,
      audio_duration: done ? (job.script.audioDurationSec ?? 2) : null,
      words: done ? [] : null,
      error: status === 'error' ? job.script.error : undefined,
    };
  }

  origin = server.origin;
  return {
    apiKey,
    /** ASSEMBLYAI_BASE_URL and ASSEMBLYAI_STREAMING_BASE_URL. */
    baseUrl: origin,
    /** ASSEMBLYAI_TTS_BASE_URL. */
    ttsBaseUrl: `${origin}/v1/openai`,
    voiceprints,
    submissions,
    tokenRequests,
    speeches,
    uploads: () => [...uploads.values()],
    jobs: () => [...jobs.values()].map((job) => ({ id: job.id, polls: job.polls })),
    push: (...transcripts: ScriptedTranscript[]) => void scripts.push(...transcripts),
    /** Scripted transcripts no submission has taken yet: one left over would answer the next test. */
    unusedScripts: () => scripts.length,
    failSpeech: (...statuses: number[]) => void speechFailures.push(...statuses),
    close: server.close,
  };
}
