import { upgradeWebSocket } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { TtsTextSchema } from '../../tts/schemas.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AppEnv } from '../../../shared/http/app-env.ts';
import type { Logger } from '../../../shared/http/logger.ts';
import { clientKey } from '../../../shared/http/client-key.ts';
import { rateLimit } from '../../../shared/http/rate-limit.ts';
import type { OrderClient } from '../../../shared/order-client/order-client.ts';
import type { ChatClient } from './chat-client.ts';
import { parseLegacySessionId } from './legacy-session-id.ts';
import { runLegacyTurn } from './legacy-turn.ts';
import type { UtteranceOptions } from './pcm-utterance.ts';
import type { QueueFeed } from './queue-feed.ts';
import { createQueueSocket } from './queue-socket.ts';
import { toLegacyQueue } from './queue-view.ts';
import { liveCatalog } from './legacy-menu.ts';
import { menuKeyterms } from '../../../shared/speech/menu-keyterms.ts';
import { withMenu } from '../../../shared/agent/menu-scope.ts';
import type { CallContext } from './service-caller.ts';
import type { SttClient } from './stt-client.ts';
import { createSttSocket } from './stt-socket.ts';
import type { TtsClient } from './tts-client.ts';
import { createTtsSocket } from './tts-socket.ts';

export type LegacyDeps = {
  log: Logger;
  orders: OrderClient;
  chat: ChatClient;
  stt: SttClient;
  tts: TtsClient;
  queue: QueueFeed;
  /** Per client per minute, as on /chat, /stt and /tts. */
  limits: { chat: number; stt: number; tts: number };
  utterance?: UtteranceOptions;
};

const MAX_TEXT_CHARS = 500;
export const TtsBodySchema = v.object({
  text: TtsTextSchema,
  voice: v.optional(v.nullable(v.pipe(v.string('voice must be a string'), v.maxLength(64, 'voice must be at most 64 characters')))),
});
export const LimitSchema = v.pipe(
  v.string(),
  v.regex(/^\d{1,4}$/, 'limit must be a whole number'),
  v.transform(Number),
  v.minValue(1, 'limit must be at least 1'),
  v.maxValue(500, 'limit must be at most 500'),
);

/** The original's FastAPI answered 422 for a missing or malformed field; so does this layer. */
const unprocessable = (message: string) => new AppError(422, 'validation_failed', message);

/** What a sibling needs to treat the call as this client's own (its per-client limits). */
const callContext = (c: Context<AppEnv>): CallContext => {
  const forwardedFor = c.req.header('x-forwarded-for');
  return { signal: c.req.raw.signal, env: c.env, client: clientKey(c), ...(forwardedFor ? { forwardedFor } : {}) };
};

/**
 * The original Python system's routes and shapes (GeopogoLab/AiAgentSystem), translated onto
 * our services: every order, price, session and status lives in them; nothing is kept here.
 * Mounted by the web function at /legacy.
 */
export function createLegacyApp(deps: LegacyDeps) {
  const { log, orders, chat, stt, tts, queue, limits } = deps;
  const app = new Hono<AppEnv>();
  const chatLimit = rateLimit({ name: 'chat', limit: limits.chat, windowMs: 60_000 });
  const sttLimit = rateLimit({ name: 'stt', limit: limits.stt, windowMs: 60_000 });
  const ttsLimit = rateLimit({ name: 'tts', limit: limits.tts, windowMs: 60_000 });

  app.post('/text', chatLimit, async (c) => {
    const form = await readForm(c);
    const sessionId = form.session_id;
    const text = form.text;
    if (typeof sessionId !== 'string') throw unprocessable('session_id is required');
    if (typeof text !== 'string' || !text.trim()) throw unprocessable('text is required');
    if (text.trim().length > MAX_TEXT_CHARS) throw unprocessable(`text must be at most ${MAX_TEXT_CHARS} characters`);
    const legacyId = parseLegacySessionId(sessionId);
    return c.json(await runLegacyTurn({ orders, chat }, legacyId, text.trim(), callContext(c)));
  });

  app.post('/reset/:sessionId', async (c) => {
    const legacyId = parseLegacySessionId(c.req.param('sessionId'));
    await orders.sessionForAlias({ alias: legacyId, fresh: true }, { signal: c.req.raw.signal });
    return c.json({ message: '会话已重置', session_id: legacyId });
  });

  app.get('/production/queue', async (c) => {
    const raw = c.req.query('limit');
    let limit = 50;
    if (raw !== undefined) {
      const parsed = v.safeParse(LimitSchema, raw);
      if (!parsed.success) throw unprocessable(parsed.issues[0]!.message);
      limit = parsed.output;
    }
    const snapshot = await queue.load(c.req.raw.signal);
    const catalog = await liveCatalog(deps.orders);
    return c.json(withMenu(catalog, () => toLegacyQueue(snapshot, limit)));
  });

  app.get(
    '/ws/production/queue',
    upgradeWebSocket(() => createQueueSocket({ feed: queue, log, menu: () => liveCatalog(deps.orders) })),
  );

  app.post('/tts', ttsLimit, async (c) => {
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
    return c.json({ audio_base64: Buffer.from(spoken.audio).toString('base64'), format: spoken.format, voice: voice ?? 'default', provider: spoken.provider });
  });

  app.get(
    '/ws/tts',
    ttsLimit,
    upgradeWebSocket((c) => createTtsSocket({ tts, log, context: callContext(c) })),
  );

  app.get(
    '/ws/stt',
    sttLimit,
    (c, next) => {
      // Checked before the upgrade, so a bad id is a plain 400.
      const id = c.req.query('session_id');
      if (id !== undefined) parseLegacySessionId(id);
      return next();
    },
    upgradeWebSocket((c) => {
      const id = c.req.query('session_id');
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
        ...(deps.utterance ? { utterance: deps.utterance } : {}),
      });
    }),
  );

  return app;
}

/** multipart/form-data or urlencoded, as the original's Form(...) fields; JSON accepted too. */
async function readForm(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  try {
    if (/^application\/json/i.test(type)) return ((await c.req.json()) ?? {}) as Record<string, unknown>;
    if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) return (await c.req.parseBody()) as Record<string, unknown>;
  } catch {
    throw unprocessable('the form could not be read');
  }
  throw unprocessable('send session_id and text as form fields');
}
