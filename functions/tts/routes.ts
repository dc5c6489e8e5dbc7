import { rateLimit } from '../../shared/http/rate-limit.ts';
import { type FunctionRoutes, functionDoc, routeTable } from '../../shared/http/route-table.ts';
import { HealthCheckShape } from '../../shared/openapi/response-shapes.ts';
import { firstAnswer, type ProviderAttempt } from '../../shared/speech/provider-chain.ts';
import { ProviderError } from '../../shared/speech/provider-error.ts';
import { SPEECH_ERRORS } from '../../shared/speech/speech-errors.ts';
import { guessSpeechLang } from '../../shared/speech/speech-lang.ts';
import { TTS_MIME, type TtsProvider, type TtsRequest } from '../../shared/speech/tts-provider.ts';
import { TtsRequestSchema } from './schemas.ts';

/** What the tts route needs (app.ts). */
export type TtsRouteDeps = { providers: TtsProvider[]; ratePerMinute: number };

const route = routeTable<TtsRouteDeps, keyof typeof SPEECH_ERRORS.statuses>(SPEECH_ERRORS);

const speak = route(
  {
    method: 'POST',
    path: '/tts',
    summary: 'Text to speech',
    description: 'Answers audio bytes. Without strictFormat a voice that cannot make the format asked for answers in its own (X-Tts-Format says which).',
    tag: 'speech',
    rateLimit: (deps) => rateLimit({ name: 'tts', limit: deps.ratePerMinute, windowMs: 60_000 }),
    body: { schema: TtsRequestSchema, example: { text: 'Your pickup number is 12.', lang: 'en', format: 'wav' } },
    responses: {
      200: {
        description: 'the audio',
        media: ['audio/mpeg', 'audio/wav'],
        headers: { 'X-Tts-Provider': 'assemblyai, openai-compatible or offline', 'X-Tts-Format': 'mp3 or wav' },
      },
    },
    errors: ['client_closed_request', 'format_unavailable', 'tts_unavailable'],
  },
  ({ providers }) =>
    async (c) => {
      const body = c.req.valid('json');
      const wanted = body.format ?? 'mp3';
      const strict = body.strictFormat === true && body.format !== undefined;
      const request: TtsRequest = {
        text: body.text,
        lang: body.lang ?? guessSpeechLang(body.text),
        format: wanted,
        ...(body.voice ? { voice: body.voice } : {}),
      };
      const signal = c.req.raw.signal;
      const { result, provider } = await firstAnswer(
        providers,
        async (provider) => {
          const format = provider.formats.includes(wanted) ? wanted : provider.formats[0]!;
          const spoken = await provider.synthesize({ ...request, format }, signal);
          if (strict && spoken.format !== wanted) throw new ProviderError(provider.name, `answered ${spoken.format}, ${wanted} was required`);
          return spoken;
        },
        {
          kind: 'tts',
          what: 'speech synthesis',
          log: c.get('log'),
          signal,
          skip: (provider) =>
            provider.cannotSpeak(request) ?? (strict && !provider.formats.includes(wanted) ? `makes ${provider.formats.join('/')} only` : undefined),
          noneConfigured: 'speech synthesis is not configured (set ASSEMBLYAI_API_KEY or TTS_BASE_URL, or leave TTS_OFFLINE on)',
          ...(strict ? { exhausted: (attempts: ProviderAttempt[]) => formatUnavailable(attempts, wanted) } : {}),
        },
      );
      // Cast: Hono's body wants an ArrayBuffer-backed view; every voice returns a fresh Buffer (never a SharedArrayBuffer).
      return c.body(result.audio as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': TTS_MIME[result.format],
        'Content-Length': String(result.audio.length),
        'X-Tts-Provider': provider,
        'X-Tts-Format': result.format,
        'Cache-Control': 'no-store',
      });
    },
);

/**
 * With strictFormat, a chain that failed only because the voices that could still speak
 * make another format is a 422 (ask differently), not a 503 (come back later).
 */
function formatUnavailable(attempts: ProviderAttempt[], wanted: string) {
  if (!attempts.some((attempt) => attempt.outcome === 'skipped' && attempt.reason.startsWith('makes '))) return undefined;
  return SPEECH_ERRORS.raise(
    'format_unavailable',
    `${wanted} audio is unavailable right now: the voices that make it failed or are not configured, and the offline voice makes WAV only; ask for wav or leave out strictFormat`,
    { providersTried: attempts },
  );
}

export const TTS_ROUTES: FunctionRoutes<TtsRouteDeps> = {
  name: 'tts',
  title: 'tea-order-agent · tts',
  description: 'Text to speech: AssemblyAI TTS (English), an OpenAI-compatible speech endpoint, then an offline voice.',
  checkShape: HealthCheckShape,
  rows: [speak],
};

export const TTS_DOC = functionDoc(TTS_ROUTES);
