// What the pages read from the servers and from their own storage, as valibot schemas: the
// page checks a body against these instead of trusting a type written next to a fetch.
import * as v from 'valibot';
import { ORDER_STATUSES } from '../../../shared/orders/order-types.ts';

const NameSchema = v.object({ zh: v.string(), en: v.string() });
export const OrderStatusSchema = v.picklist(ORDER_STATUSES);

/** A priced cart or order line (shared/menu/pricing.ts PricedLine): its shape only, the server did the checking. */
export const PricedLineSchema = v.object({
  lineId: v.string(),
  itemId: v.string(),
  name: NameSchema,
  size: v.string(),
  sugar: v.number(),
  ice: v.string(),
  toppings: v.array(v.string()),
  quantity: v.number(),
  unitPrice: v.number(),
  lineTotal: v.number(),
});

/** The bases the server renders into the page and answers at GET /config.json. */
export const ApiBasesSchema = v.object({ order: v.string(), chat: v.string(), stt: v.string(), tts: v.string() });

/** The error shape (DESIGN.md §3), every part optional: a proxy's 502 page parses to nothing. */
export const ErrorBodySchema = v.object({
  error: v.object({ code: v.optional(v.string()), message: v.optional(v.string()), details: v.optional(v.record(v.string(), v.unknown())) }),
});

/** The public queue (GET /queue, and each frame of GET /queue/ws): pickup numbers, never ids or names. */
export const PublicQueueSchema = v.object({
  generatedAt: v.string(),
  active: v.array(
    v.object({ pickupCode: v.string(), status: OrderStatusSchema, position: v.number(), etaSeconds: v.number(), lines: v.array(PricedLineSchema) }),
  ),
  recentlyCompleted: v.array(v.object({ pickupCode: v.string(), status: OrderStatusSchema })),
});

/** POST /stt: the transcript (the page reads only its text). */
export const TranscriptSchema = v.object({ text: v.string() });
