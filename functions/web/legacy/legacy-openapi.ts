import * as v from 'valibot';
import type { RouteDoc } from '../../../shared/openapi/route-doc.ts';
import { LimitSchema, TtsBodySchema } from './legacy-app.ts';
import { LangSchema } from '../../../shared/lang.ts';

// The /legacy routes in the web function's document: the original Python system's shapes.

const ns = v.nullable(v.string());
const LegacyOrderState = v.object({ drink_name: ns, size: ns, sugar: ns, ice: ns, toppings: v.array(v.string()), notes: ns, is_complete: v.boolean() });
const TalkResponseShape = v.object({
  assistant_reply: v.string(),
  order_state: LegacyOrderState,
  order_status: v.picklist(['collecting', 'confirming', 'saved']),
  order_id: v.nullable(v.number()),
  order_total: v.nullable(v.pipe(v.number(), v.description('yuan'))),
  order_metadata: v.nullable(v.object({ order_id: v.number(), session_id: v.string(), placed_at: v.string() })),
  reply_mode: v.picklist(['online', 'offline']),
});
const LegacyProgress = v.object({
  order_id: v.number(),
  placed_at: ns,
  current_stage: v.picklist(['queued', 'brewing', 'sealing', 'ready']),
  current_stage_label: v.string(),
  eta_seconds: v.nullable(v.number()),
  total_duration_seconds: v.number(),
  is_completed: v.boolean(),
  timeline: v.array(v.unknown()),
  queue_position: v.nullable(v.number()),
  total_orders: v.number(),
  drink_name: ns,
  size: ns,
  sugar: ns,
  ice: ns,
  toppings: v.array(v.string()),
});
const LegacyQueueShape = v.object({ generated_at: v.string(), active_orders: v.array(LegacyProgress), completed_orders: v.array(LegacyProgress) });
const LegacyError = v.object({ message_type: v.literal('error'), error: v.string() });

/** Errors of calls the layer makes to its sibling functions, passed on. */
const SIBLING_ERRORS = {
  502: ['order_unreachable', 'chat_unreachable', 'tts_unreachable', 'stt_unreachable'],
  503: ['order_unavailable', 'chat_unavailable', 'tts_unavailable', 'stt_unavailable', 'order_service_unavailable', 'agent_unavailable'],
  504: ['order_timeout', 'chat_timeout', 'tts_timeout', 'stt_timeout'],
};
const sessionParam = { sessionId: { description: 'the old UI’s session id' } };

export const LEGACY_ROUTES: RouteDoc[] = [
  {
    method: 'POST',
    path: '/legacy/text',
    summary: 'A chat turn, in the original system’s shape',
    tag: 'legacy',
    limited: true,
    rawBody: {
      description: 'form fields session_id and text (≤ 500 characters)',
      content: {
        'application/x-www-form-urlencoded': {
          type: 'object',
          required: ['session_id', 'text'],
          properties: { session_id: { type: 'string' }, text: { type: 'string', maxLength: 500 } },
        },
        'multipart/form-data': {
          type: 'object',
          required: ['session_id', 'text'],
          properties: { session_id: { type: 'string' }, text: { type: 'string', maxLength: 500 } },
        },
      },
      example: { media: 'application/x-www-form-urlencoded', value: 'session_id=kiosk-1&text=%E4%B8%80%E6%9D%AF%E7%8F%8D%E7%8F%A0%E5%A5%B6%E8%8C%B6' },
    },
    responses: { 200: { description: 'TalkResponse', schema: TalkResponseShape } },
    errors: {
      400: ['invalid_session_id'],
      422: ['validation_failed', 'empty_cart', 'draft_incomplete'],
      404: ['session_not_found'],
      409: ['version_conflict', 'item_sold_out'],
      ...SIBLING_ERRORS,
    },
  },
  {
    method: 'POST',
    path: '/legacy/reset/:sessionId',
    summary: 'Start the old UI’s session over',
    tag: 'legacy',
    params: sessionParam,
    responses: { 200: { description: 'reset', schema: v.object({ message: v.string(), session_id: v.string() }) } },
    errors: { 400: ['invalid_session_id'], ...SIBLING_ERRORS },
  },
  {
    method: 'GET',
    path: '/legacy/production/queue',
    summary: 'The queue for the old staff board',
    tag: 'legacy',
    query: v.object({ limit: v.optional(LimitSchema) }),
    responses: { 200: { description: 'active and completed orders', schema: LegacyQueueShape } },
    ownValidation: true,
    errors: { 422: ['validation_failed'], ...SIBLING_ERRORS },
  },
  {
    method: 'GET',
    path: '/legacy/ws/production/queue',
    summary: 'The old staff board’s queue, pushed (WebSocket)',
    tag: 'legacy',
    websocket: {
      description: 'Upgrade to a WebSocket; the server pushes the GET /legacy/production/queue body on every change.',
      serverFrames: LegacyQueueShape,
    },
    responses: { 101: { description: 'Switching Protocols' } },
    errors: { 404: ['not_found'] },
  },
  {
    method: 'POST',
    path: '/legacy/tts',
    summary: 'Text to speech, as base64 in JSON',
    tag: 'legacy',
    limited: true,
    rawBody: {
      description: 'JSON {text, voice?} (the original validated it itself: 422, not 400/415)',
      content: {
        'application/json': {
          type: 'object',
          required: ['text'],
          properties: { text: { type: 'string', minLength: 1, maxLength: 1000 }, voice: { type: ['string', 'null'] } },
        },
      },
      example: { media: 'application/json', value: { text: '您的取餐号是 12 号。', voice: 'zh-CN' } },
    },
    responses: {
      200: {
        description: 'the audio',
        schema: v.object({ audio_base64: v.string(), format: v.picklist(['mp3', 'wav']), voice: v.string(), provider: v.string() }),
      },
    },
    errors: { 422: ['validation_failed'], ...SIBLING_ERRORS },
  },
  {
    method: 'GET',
    path: '/legacy/ws/tts',
    summary: 'Text to speech by sentence (WebSocket)',
    tag: 'legacy',
    limited: true,
    websocket: {
      description: 'Send one `{text, format?}`; the server sends one `audio_chunk` per sentence, then a final empty one with `is_final: true`.',
      clientFrames: v.object({ text: TtsBodySchema.entries.text, format: v.optional(v.picklist(['mp3', 'wav'])) }),
      serverFrames: v.union([
        v.object({
          message_type: v.literal('audio_chunk'),
          audio_data: v.string(),
          chunk_index: v.number(),
          is_final: v.boolean(),
          format: v.optional(v.picklist(['mp3', 'wav'])),
        }),
        LegacyError,
      ]),
    },
    responses: { 101: { description: 'Switching Protocols' } },
    errors: { 404: ['not_found'] },
  },
  {
    method: 'GET',
    path: '/legacy/ws/stt',
    summary: 'Voice ordering (WebSocket)',
    tag: 'legacy',
    limited: true,
    query: v.object({ session_id: v.optional(v.string()), lang: v.optional(LangSchema) }),
    ownValidation: true,
    websocket: {
      description:
        'Send `{audio_data: <base64 16 kHz mono PCM16>}` frames and `{event:"flush"}`; each utterance is answered with `final_transcript`, then (with session_id) `agent_response` carrying a TalkResponse.',
      clientFrames: v.union([v.object({ audio_data: v.string() }), v.object({ event: v.literal('flush') })]),
      serverFrames: v.union([
        v.object({ message_type: v.literal('final_transcript'), text: v.string() }),
        v.object({ message_type: v.literal('agent_response'), payload: TalkResponseShape }),
        v.object({ message_type: v.literal('agent_response_error'), detail: v.string() }),
        LegacyError,
      ]),
    },
    responses: { 101: { description: 'Switching Protocols' } },
    errors: { 400: ['invalid_session_id'], 404: ['not_found'] },
  },
];
