import * as v from 'valibot';
import { withMenu } from '../../../shared/agent/menu-scope.ts';
import type { CodeOf } from '../../../shared/error-catalog.ts';
import { type RouteRow, routeTable } from '../../../shared/http/route-table.ts';
import { LangSchema } from '../../../shared/lang.ts';
import { menuKeyterms } from '../../../shared/speech/menu-keyterms.ts';
import { callContext, type LegacyRouteDeps, LimitSchema, MAX_TEXT_CHARS, readForm, TtsBodySchema, unprocessable } from './legacy-app.ts';
import { LegacyError, LegacyQueueShape, TalkResponseShape } from './legacy-doc-shapes.ts';
import { LEGACY_ERRORS } from './legacy-errors.ts';
import { liveCatalog } from './legacy-menu.ts';
import { parseLegacySessionId } from './legacy-session-id.ts';
import { runLegacyTurn } from './legacy-turn.ts';
import { createQueueSocket } from './queue-socket.ts';
import { toLegacyQueue } from './queue-view.ts';
import { createSttSocket } from './stt-socket.ts';
import { createTtsSocket } from './tts-socket.ts';

// The original Python system's routes and shapes (GeopogoLab/AiAgentSystem), translated onto
// our services: every order, price, session and status lives in them; nothing is kept here.
// Paths are the sub-app's own: the web function serves them under /legacy (routes.ts).

const route = routeTable<LegacyRouteDeps, CodeOf<typeof LEGACY_ERRORS>>(LEGACY_ERRORS);

/** Errors of calls the layer makes to its sibling functions, passed on. */
const SIBLING_ERRORS = [
  'chat_unreachable',
  'tts_unreachable',
  'stt_unreachable',
  'chat_unavailable',
  'tts_unavailable',
  'stt_unavailable',
  'order_service_unavailable',
  'agent_unavailable',
  'chat_timeout',
  'tts_timeout',
  'stt_timeout',
] as const;
const sessionParam = { sessionId: { description: 'the old UI’s session id' } };
const upgraded = { 101: { description: 'Switching Protocols' } };
const formFields = {
  type: 'object',
  required: ['session_id', 'text'],
  properties: { session_id: { type: 'string' }, text: { type: 'string', maxLength: MAX_TEXT_CHARS } },
};

const text = route(
  {
    method: 'POST',
    path: '/text',
    summary: 'A chat turn, in the original system’s shape',
    tag: 'legacy',
    rateLimit: (deps) => deps.limit.chat,
    rawBody: {
      description: `form fields session_id and text (≤ ${MAX_TEXT_CHARS} characters)`,
      content: { 'application/x-www-form-urlencoded': formFields, 'multipart/form-data': formFields },
      example: { media: 'application/x-www-form-urlencoded', value: 'session_id=kiosk-1&text=%E4%B8%80%E6%9D%AF%E7%8F%8D%E7%8F%A0%E5%A5%B6%E8%8C%B6' },
    },
    responses: { 200: { description: 'TalkResponse', schema: TalkResponseShape } },
    errors: [
      'invalid_session_id',
      'validation_failed',
      'empty_cart',
      'draft_incomplete',
      'session_not_found',
      'version_conflict',
      'item_sold_out',
      'client_closed_request',
      'menu_changing',
      'client_gone',
      ...SIBLING_ERRORS,
    ],
  },
  ({ orders, chat }) =>
    async (c) => {
      const form = await readForm(c);
      const sessionId = form.session_id;
      const text = form.text;
      if (typeof sessionId !== 'string') throw unprocessable('session_id is required');
      if (typeof text !== 'string' || !text.trim()) throw unprocessable('text is required');
      if (text.trim().length > MAX_TEXT_CHARS) throw unprocessable(`text must be at most ${MAX_TEXT_CHARS} characters`);
      const legacyId = parseLegacySessionId(sessionId);
      return c.json(await runLegacyTurn({ orders, chat }, legacyId, text.trim(), callContext(c)));
    },
);

const reset = route(
  {
    method: 'POST',
    path: '/reset/:sessionId',
    summary: 'Start the old UI’s session over',
    tag: 'legacy',
    params: sessionParam,
    responses: { 200: { description: 'reset', schema: v.object({ message: v.string(), session_id: v.string() }) } },
    errors: ['invalid_session_id', ...SIBLING_ERRORS],
  },
  ({ orders }) =>
    async (c) => {
      const legacyId = parseLegacySessionId(c.req.param('sessionId'));
      await orders.sessionForAlias({ alias: legacyId, fresh: true }, { signal: c.req.raw.signal });
      return c.json({ message: '会话已重置', session_id: legacyId });
    },
);

const queue = route(
  {
    method: 'GET',
    path: '/production/queue',
    summary: 'The queue for the old staff board',
    tag: 'legacy',
    query: v.object({ limit: v.optional(LimitSchema) }),
    responses: { 200: { description: 'active and completed orders', schema: LegacyQueueShape } },
    // Read by the handler, so a bad limit is FastAPI's 422.
    ownValidation: true,
    errors: ['validation_failed', ...SIBLING_ERRORS],
  },
  ({ queue, orders }) =>
    async (c) => {
      const raw = c.req.query('limit');
      let limit = 50;
      if (raw !== undefined) {
        const parsed = v.safeParse(LimitSchema, raw);
        if (!parsed.success) throw unprocessable(parsed.issues[0]!.message);
        limit = parsed.output;
      }
      const snapshot = await queue.load(c.req.raw.signal);
      const catalog = await liveCatalog(orders);
      return c.json(withMenu(catalog, () => toLegacyQueue(snapshot, limit)));
    },
);

const queueSocket = route.socket(
  {
    method: 'GET',
    path: '/ws/production/queue',
    summary: 'The old staff board’s queue, pushed (WebSocket)',
    tag: 'legacy',
    websocket: {
      description: 'Upgrade to a WebSocket; the server pushes the GET /legacy/production/queue body on every change.',
      serverFrames: LegacyQueueShape,
    },
    responses: upgraded,
  },
  ({ queue, log, orders }) =>
    () =>
      createQueueSocket({ feed: queue, log, menu: () => liveCatalog(orders) }),
);

const speak = route(
  {
    method: 'POST',
    path: '/tts',
    summary: 'Text to speech, as base64 in JSON',
    tag: 'legacy',
    rateLimit: (deps) => deps.limit.tts,
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
    errors: ['validation_failed', 'client_closed_request', ...SIBLING_ERRORS],
  },
  ({ tts }) =>
    async (c) => {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw unprocessable('send {"text": "..."} as JSON');
      }
      const parsed = v.safeParse(TtsBodySchema, raw);
      if (!parsed.success) throw unprocessable(parsed.issues[0]!.message);
      const { text } = parsed.output;
      // The original took a gTTS language ("zh-CN", "en") as its voice; anything else is a voice name.
      const voice = parsed.output.voice ?? undefined;
      const lang = voice && /^zh/i.test(voice) ? 'zh' : voice && /^en/i.test(voice) ? 'en' : undefined;
      const named = voice && !lang && /^[\w.-]{1,64}$/.test(voice) ? voice : undefined;
      const spoken = await tts.synthesize({ text, format: 'mp3', ...(lang ? { lang } : {}), ...(named ? { voice: named } : {}) }, callContext(c));
      return c.json({
        audio_base64: Buffer.from(spoken.audio).toString('base64'),
        format: spoken.format,
        voice: voice ?? 'default',
        provider: spoken.provider,
      });
    },
);

const speakSocket = route.socket(
  {
    method: 'GET',
    path: '/ws/tts',
    summary: 'Text to speech by sentence (WebSocket)',
    tag: 'legacy',
    rateLimit: (deps) => deps.limit.tts,
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
    responses: upgraded,
  },
  ({ tts, log }) =>
    (c) =>
      createTtsSocket({ tts, log, context: callContext(c) }),
);

const listenSocket = route.socket(
  {
    method: 'GET',
    path: '/ws/stt',
    summary: 'Voice ordering (WebSocket)',
    tag: 'legacy',
    rateLimit: (deps) => deps.limit.stt,
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
    responses: upgraded,
    errors: ['invalid_session_id'],
  },
  ({ orders, chat, stt, log, utterance }) =>
    (c) => {
      const id = c.req.query('session_id');
      // The events are made before the upgrade, so a bad id is a plain 400.
      if (id !== undefined) parseLegacySessionId(id);
      const lang = c.req.query('lang') === 'en' ? 'en' : 'zh';
      const context = callContext(c);
      const turn = id ? (text: string, signal: AbortSignal) => runLegacyTurn({ orders, chat }, id, text, { ...context, signal }, 'voice') : undefined;
      return createSttSocket({
        stt,
        lang,
        log,
        // The live menu's names and aliases go with the stream, as the customer page sends them.
        keyterms: (signal) => liveCatalog(orders, signal).then((catalog) => menuKeyterms(catalog.definition, lang)),
        context: { ...context, signal: undefined },
        ...(turn ? { turn } : {}),
        ...(utterance ? { utterance } : {}),
      });
    },
);

export const LEGACY_ROWS: RouteRow<LegacyRouteDeps>[] = [text, reset, queue, queueSocket, speak, speakSocket, listenSocket];
