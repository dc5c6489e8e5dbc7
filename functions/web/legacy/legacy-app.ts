import type { Context, MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { TtsTextSchema } from '../../tts/schemas.ts';
import type { AppEnv } from '../../../shared/http/app-env.ts';
import type { Logger } from '../../../shared/http/logger.ts';
import { clientKey } from '../../../shared/http/client-key.ts';
import { rateLimit } from '../../../shared/http/rate-limit.ts';
import type { OrderClient } from '../../../shared/order-client/order-client.ts';
import type { ChatClient } from './chat-client.ts';
import { LEGACY_ERRORS } from './legacy-errors.ts';
import type { UtteranceOptions } from './pcm-utterance.ts';
import type { QueueFeed } from './queue-feed.ts';
import type { CallContext } from './service-caller.ts';
import type { SttClient } from './stt-client.ts';
import type { TtsClient } from './tts-client.ts';

// The original Python system's layer (GeopogoLab/AiAgentSystem): what its routes need, and how
// they read their input. The routes themselves are rows in legacy-routes.ts.

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

export const MAX_TEXT_CHARS = 500;
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
export const unprocessable = (message: string) => LEGACY_ERRORS.raise('validation_failed', message);

/** What a sibling needs to treat the call as this client's own (its per-client limits). */
export const callContext = (c: Context<AppEnv>): CallContext => {
  const forwardedFor = c.req.header('x-forwarded-for');
  return { signal: c.req.raw.signal, env: c.env, client: clientKey(c), ...(forwardedFor ? { forwardedFor } : {}) };
};

/** What the legacy rows need: the clients, and each per-client limit built once (POST /legacy/tts and /legacy/ws/tts share one). */
export type LegacyRouteDeps = LegacyDeps & { limit: Record<'chat' | 'stt' | 'tts', MiddlewareHandler> };

export function legacyRouteDeps(deps: LegacyDeps): LegacyRouteDeps {
  const { limits } = deps;
  return {
    ...deps,
    limit: {
      chat: rateLimit({ name: 'chat', limit: limits.chat, windowMs: 60_000 }),
      stt: rateLimit({ name: 'stt', limit: limits.stt, windowMs: 60_000 }),
      tts: rateLimit({ name: 'tts', limit: limits.tts, windowMs: 60_000 }),
    },
  };
}

/** multipart/form-data or urlencoded, as the original's Form(...) fields; JSON accepted too. */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  try {
    // Casts: the fields are read one by one and checked by the routes (unprocessable), as the original did.
    if (/^application\/json/i.test(type)) return ((await c.req.json()) ?? {}) as Record<string, unknown>;
    if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) return (await c.req.parseBody()) as Record<string, unknown>;
  } catch {
    throw unprocessable('the form could not be read');
  }
  throw unprocessable('send session_id and text as form fields');
}
