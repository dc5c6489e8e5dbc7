import { randomUUID } from 'node:crypto';
import type { WSContext, WSEvents } from 'hono/ws';
import * as v from 'valibot';
import type { createChatTurnRunner } from '../../shared/agent/run-chat-turn.ts';
import { AppError } from '../../shared/errors.ts';
import type { ClientIdentity } from '../../shared/http/client-key.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { rateLimited, type RateLimiter } from '../../shared/http/rate-limit.ts';
import { ChatFrameSchema } from './schemas.ts';

/** Frames above this are not a chat message: the socket is closed with 1009 and a reason. */
export const MAX_FRAME_BYTES = 8 * 1024;

type Deps = {
  runTurn: ReturnType<typeof createChatTurnRunner>;
  log: Logger;
  idleMs: number;
  toError: (error: unknown) => unknown;
  /** Draws one turn from the client's rate-limit bucket: 0 when allowed, else ms to wait. */
  takeTurn: () => number;
};

/**
 * Turns on a socket draw from the same bucket as POST /chat. Opening the socket took one
 * token (the upgrade is rate limited), which pays for its first turn. A client that cannot be
 * told apart (a proxy forwarding no address) gets a bucket of its own per socket rather than
 * one shared by every customer.
 */
export function socketTurnBudget(limiter: RateLimiter, client: ClientIdentity): () => number {
  let prepaid = client.known;
  const key = client.known ? client.key : `socket:${randomUUID()}`;
  return () => {
    if (prepaid) {
      prepaid = false;
      return 0;
    }
    return limiter.take(key);
  };
}

/**
 * GET /chat/ws: `{type:"message", sessionId?, text, lang?}` in; `delta` frames, then `done`
 * with the POST /chat body, out. Turns on one socket run one after another; a bad frame gets
 * an error frame and the socket stays open; an idle socket is closed; closing aborts the turn.
 */
export function createChatSocketHandlers({ runTurn, log, idleMs, toError, takeTurn }: Deps): WSEvents {
  const abort = new AbortController();
  let idleTimer: NodeJS.Timeout | undefined;
  let queue: Promise<void> = Promise.resolve();
  let socketSessionId: string | undefined;

  let turnsInFlight = 0;
  // Idle means no message and no turn running: a long model turn does not count as idle.
  const resetIdle = (ws: WSContext) => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => (turnsInFlight > 0 ? resetIdle(ws) : ws.close(1000, 'idle timeout')), idleMs);
  };

  return {
    onOpen(_event, ws) {
      resetIdle(ws);
    },
    onMessage(event, ws) {
      resetIdle(ws);
      const send = (frame: unknown) => ws.readyState === 1 && ws.send(JSON.stringify(frame));
      const raw = typeof event.data === 'string' ? event.data : '';
      if (Buffer.byteLength(raw) > MAX_FRAME_BYTES) {
        ws.close(1009, `frame larger than ${MAX_FRAME_BYTES} bytes`);
        return;
      }
      let frame: v.InferOutput<typeof ChatFrameSchema>;
      try {
        frame = v.parse(ChatFrameSchema, JSON.parse(raw));
      } catch (error) {
        const message = error instanceof v.ValiError ? error.issues.map((issue) => issue.message).join('; ') : 'frame is not JSON';
        send({ type: 'error', error: { code: 'bad_frame', message } });
        return;
      }
      const waitMs = takeTurn();
      if (waitMs > 0) {
        const limited = rateLimited('chat', waitMs);
        send({ type: 'error', error: { code: limited.code, message: limited.message, details: limited.details } });
        return;
      }
      turnsInFlight += 1;
      queue = queue.then(async () => {
        try {
          const body = await runTurn(
            {
              message: frame.text,
              ...((frame.sessionId ?? socketSessionId) ? { sessionId: (frame.sessionId ?? socketSessionId)! } : {}),
              ...(frame.lang ? { lang: frame.lang } : {}),
              ...(frame.input ? { input: frame.input } : {}),
            },
            { signal: abort.signal, onDelta: (text) => send({ type: 'delta', text }), onReset: () => send({ type: 'reset' }) },
          );
          socketSessionId = body.sessionId;
          send({ type: 'done', ...body });
        } catch (error) {
          const mapped = toError(error);
          if (mapped instanceof AppError) send({ type: 'error', error: { code: mapped.code, message: mapped.message } });
          else {
            log.error('chat socket turn failed', { err: error });
            send({ type: 'error', error: { code: 'internal_error', message: 'something went wrong on our side' } });
          }
        } finally {
          turnsInFlight -= 1;
          resetIdle(ws);
        }
      });
    },
    onClose() {
      clearTimeout(idleTimer);
      abort.abort();
    },
  };
}
