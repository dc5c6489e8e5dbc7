import { commonRoutes, type FunctionDoc, type RouteDoc } from '../../shared/openapi/route-doc.ts';
import { HealthCheckShape } from '../../shared/openapi/response-shapes.ts';
import { TtsRequestSchema } from './schemas.ts';

export const TTS_ROUTES: RouteDoc[] = [
  ...commonRoutes('tts', HealthCheckShape),
  {
    method: 'POST',
    path: '/tts',
    summary: 'Text to speech',
    description: 'Answers audio bytes. Without strictFormat a voice that cannot make the format asked for answers in its own (X-Tts-Format says which).',
    tag: 'speech',
    limited: true,
    body: { schema: TtsRequestSchema, example: { text: 'Your pickup number is 12.', lang: 'en', format: 'wav' } },
    responses: {
      200: {
        description: 'the audio',
        media: ['audio/mpeg', 'audio/wav'],
        headers: { 'X-Tts-Provider': 'assemblyai, openai-compatible or offline', 'X-Tts-Format': 'mp3 or wav' },
      },
    },
    errors: { 408: ['client_closed_request'], 422: ['format_unavailable'], 503: ['tts_unavailable'] },
  },
];

export const TTS_DOC: FunctionDoc = {
  name: 'tts',
  title: 'tea-order-agent · tts',
  description: 'Text to speech: AssemblyAI TTS (English), an OpenAI-compatible speech endpoint, then an offline voice.',
  routes: TTS_ROUTES,
};
