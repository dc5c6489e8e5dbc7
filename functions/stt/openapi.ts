import { commonRoutes, type FunctionDoc, type RouteDoc } from '../../shared/openapi/route-doc.ts';
import { HealthCheckShape, StreamingGrantShape, TranscriptShape } from '../../shared/openapi/response-shapes.ts';
import { LangQuerySchema } from './schemas.ts';

const binary = { type: 'string', contentMediaType: 'application/octet-stream' };

export const STT_ROUTES: RouteDoc[] = [
  ...commonRoutes('stt', HealthCheckShape),
  {
    method: 'POST',
    path: '/stt/token',
    summary: 'A short-lived AssemblyAI streaming token for a browser',
    tag: 'speech',
    limited: true,
    query: LangQuerySchema,
    responses: { 200: { description: 'connect to `connectUrl` from the browser', schema: StreamingGrantShape } },
    errors: { 408: ['client_closed_request'], 502: ['upstream_error'], 503: ['streaming_unavailable'] },
  },
  {
    method: 'POST',
    path: '/stt',
    summary: 'Speech to text',
    description: 'Send the audio as the raw body (audio/wav, audio/webm, audio/mpeg…) or as the multipart field `audio`. At most 10 MB and 60 s.',
    tag: 'speech',
    limited: true,
    query: LangQuerySchema,
    rawBody: {
      description: 'the recording',
      content: {
        'audio/wav': binary,
        'audio/webm': binary,
        'audio/mpeg': binary,
        'multipart/form-data': { type: 'object', required: ['audio'], properties: { audio: binary } },
      },
    },
    responses: { 200: { description: 'the transcript', schema: TranscriptShape } },
    errors: {
      400: ['missing_audio', 'empty_audio', 'invalid_audio', 'invalid_multipart'],
      408: ['client_closed_request'],
      413: ['audio_too_large', 'audio_too_long'],
      415: ['unsupported_media_type'],
      503: ['stt_unavailable'],
    },
  },
];

export const STT_DOC: FunctionDoc = {
  name: 'stt',
  title: 'tea-order-agent · stt',
  description: 'Speech to text: AssemblyAI, then an OpenAI-compatible Whisper endpoint.',
  routes: STT_ROUTES,
};
