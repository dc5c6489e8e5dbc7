import * as v from 'valibot';
import { IceSchema, IdSchema, LineInputSchema, QuantitySchema, SizeSchema, SugarSchema, ToppingIdsSchema } from '../menu/line-schema.ts';
import { LIMITS } from '../menu/menu.ts';
import type { PricedLine } from '../menu/pricing.ts';
import type { Order } from '../orders/order-types.ts';

export const SESSION_STATES = ['empty', 'collecting', 'confirming', 'placed'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const DRAFT_FIELDS = ['itemId', 'size', 'sugar', 'ice'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** A drink still being specified; `missing` is always recomputed by the server. */
export const DraftSchema = v.object({
  itemId: v.optional(IdSchema),
  size: v.optional(SizeSchema),
  sugar: v.optional(SugarSchema),
  ice: v.optional(IceSchema),
  toppings: v.optional(ToppingIdsSchema, []),
  quantity: v.optional(QuantitySchema, 1),
});
export type DraftInput = v.InferOutput<typeof DraftSchema>;
export type Draft = DraftInput & { missing: DraftField[] };

export const HISTORY_LIMIT = 40;
const MAX_MESSAGE_CHARS = 4000;

export const ToolCallSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(128)),
  name: v.pipe(v.string(), v.maxLength(64)),
  arguments: v.pipe(v.string(), v.maxLength(MAX_MESSAGE_CHARS)),
});

/** One conversation message, in the OpenAI chat shape the agent replays. */
export const HistoryMessageSchema = v.object({
  role: v.picklist(['user', 'assistant', 'tool']),
  content: v.pipe(v.string(), v.maxLength(MAX_MESSAGE_CHARS)),
  toolCalls: v.optional(v.pipe(v.array(ToolCallSchema), v.maxLength(8))),
  toolCallId: v.optional(v.pipe(v.string(), v.maxLength(128))),
  at: v.optional(v.pipe(v.string(), v.maxLength(40))),
});
export type HistoryMessage = v.InferOutput<typeof HistoryMessageSchema>;

/** The rule engine's open question (e.g. "clear the cart?"); opaque to the store, size-bounded. */
export const PendingSchema = v.nullable(
  v.pipe(
    v.record(v.string(), v.unknown()),
    v.check((value) => JSON.stringify(value).length <= 4096, 'pending is too large'),
  ),
);

export const SessionCommitSchema = v.object({
  expectedVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  state: v.picklist(SESSION_STATES),
  cart: v.pipe(
    v.array(v.object({ ...LineInputSchema.entries, lineId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) })),
    v.maxLength(LIMITS.maxLines, `at most ${LIMITS.maxLines} lines`),
  ),
  draft: v.nullable(DraftSchema),
  /** Messages to append to the history (the store keeps the last HISTORY_LIMIT). */
  append: v.optional(v.pipe(v.array(HistoryMessageSchema), v.maxLength(HISTORY_LIMIT)), []),
  pending: v.optional(PendingSchema, null),
  lang: v.optional(v.picklist(['zh', 'en'])),
  /** Place an order from this cart in the same transaction (the customer confirmed). */
  placeOrder: v.optional(v.boolean(), false),
  customerName: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(40))),
});
export type SessionCommit = v.InferInput<typeof SessionCommitSchema>;
export type ValidSessionCommit = v.InferOutput<typeof SessionCommitSchema>;

export type Session = {
  id: string;
  version: number;
  state: SessionState;
  lang: 'zh' | 'en';
  cart: { lines: PricedLine[]; total: number };
  draft: Draft | null;
  history: HistoryMessage[];
  pending: Record<string, unknown> | null;
  lastOrderId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CommitResult = { session: Session; order: Order | null };

export function missingDraftFields(draft: DraftInput): DraftField[] {
  return DRAFT_FIELDS.filter((field) => draft[field] === undefined);
}
