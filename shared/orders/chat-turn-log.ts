import * as v from 'valibot';
import type { Db } from '../db/open-db.ts';
import { chatTurns } from '../db/schema.ts';
import { businessDayOf } from './business-day.ts';
import type { OrderChannel } from './order-types.ts';

/** What a chat turn tells the order service about itself, for the owner's report. */
export const TurnInfoSchema = v.object({
  provider: v.picklist(['openrouter', 'vllm', 'rules']),
  input: v.optional(v.picklist(['text', 'voice']), 'text'),
  source: v.optional(v.picklist(['chat', 'legacy']), 'chat'),
});
export type TurnInfo = v.InferOutput<typeof TurnInfoSchema>;

/** Turns are kept a little over a year: enough for a year's report and the same day last year. */
export const CHAT_TURN_RETENTION_DAYS = 400;

/** The channel an order placed by this turn came in on. */
export function channelOf(turn: TurnInfo | undefined): OrderChannel {
  if (turn?.source === 'legacy') return 'legacy';
  return turn?.input === 'voice' ? 'chat_voice' : 'chat_text';
}

/** One row per committed agent turn; written in the commit's transaction. */
export function createChatTurnLog(db: Db, timeZone: string) {
  return {
    record(entry: { sessionId: string; at: Date; turn: TurnInfo; cartLines: number; placedOrderId: string | null }): void {
      db.insert(chatTurns)
        .values({
          sessionId: entry.sessionId,
          businessDay: businessDayOf(entry.at, timeZone),
          at: entry.at.toISOString(),
          provider: entry.turn.provider,
          input: entry.turn.input,
          source: entry.turn.source,
          cartLines: entry.cartLines,
          placedOrderId: entry.placedOrderId,
        })
        .run();
    },
  };
}

export type ChatTurnLog = ReturnType<typeof createChatTurnLog>;
