import * as v from 'valibot';
import { IceSchema, IdSchema, LineInputSchema, MAX_LINES_SHAPE, QuantitySchema, SizeSchema, SugarSchema, ToppingIdsSchema } from '../menu/line-schema.ts';
import type { PricedLine } from '../menu/pricing.ts';
import { TurnInfoSchema } from '../orders/chat-turn-log.ts';
import { CustomerNameSchema } from '../orders/customer-name.ts';
import { isBoundedJsonObject } from './bounded-json.ts';
import type { Order } from '../orders/order-types.ts';
import { LangSchema, type Lang } from '../lang.ts';

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
export type DraftInput = v.InferInput<typeof DraftSchema>;
export type ValidDraft = v.InferOutput<typeof DraftSchema>;
export type Draft = ValidDraft & { missing: DraftField[] };

export const HISTORY_LIMIT = 40;
const MAX_MESSAGE_CHARS = 4000;

const ToolCallSchema = v.object({
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

const PENDING_MAX_DEPTH = 8;
const PENDING_MAX_BYTES = 4096;

/** The rule engine's open question (e.g. "clear the cart?"): opaque to the store, but a bounded JSON object. */
const PendingSchema = v.nullable(
  // One check: valibot runs every check of a pipe, and the size test must never see a 30,000-deep value.
  v.custom<Record<string, unknown>>(
    (value) => isBoundedJsonObject(value, { maxDepth: PENDING_MAX_DEPTH, maxNodes: 512 }) && JSON.stringify(value).length <= PENDING_MAX_BYTES,
    `pending must be a JSON object at most ${PENDING_MAX_DEPTH} levels deep and ${PENDING_MAX_BYTES} bytes`,
  ),
);
export type PendingMemory = v.InferOutput<typeof PendingSchema>;

/** What the last read-back told the customer: the priced cart's fingerprint and its total. Confirming needs both unchanged. */
export const ReadBackSchema = v.object({
  fingerprint: v.pipe(v.string(), v.maxLength(8192)),
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type ReadBack = v.InferOutput<typeof ReadBackSchema>;

const CartLineSchema = v.object({ ...LineInputSchema.entries, lineId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

export const SessionCommitSchema = v.object({
  expectedVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
  state: v.picklist(SESSION_STATES),
  /** `lineId` names a line within this cart (the agent's tools edit lines by it); an order's lines get the server's own ids. */
  cart: v.pipe(
    v.array(CartLineSchema),
    v.maxLength(MAX_LINES_SHAPE, `at most ${MAX_LINES_SHAPE} lines`),
    v.check((lines) => new Set(lines.map((line) => line.lineId)).size === lines.length, 'each cart line needs its own lineId'),
  ),
  draft: v.nullable(DraftSchema),
  /** Messages to append to the history (the store keeps the last HISTORY_LIMIT). */
  append: v.optional(v.pipe(v.array(HistoryMessageSchema), v.maxLength(HISTORY_LIMIT)), []),
  pending: v.optional(PendingSchema, null),
  lang: v.optional(LangSchema),
  /** Place an order from this cart in the same transaction (the customer confirmed). */
  placeOrder: v.optional(v.boolean(), false),
  /** With placeOrder: the total the customer heard. The server's own total must equal it, else 409 total_changed. */
  expectedTotal: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** The read-back this turn made (or the one still standing); omitted = none. */
  readBack: v.optional(v.nullable(ReadBackSchema)),
  /** Who answered and how the message came in (the owner's report; the order's channel). */
  turn: v.optional(TurnInfoSchema),
  customerName: v.optional(CustomerNameSchema),
});
export type SessionCommit = v.InferInput<typeof SessionCommitSchema>;
export type ValidSessionCommit = v.InferOutput<typeof SessionCommitSchema>;

/** A priced cart line as a session stores it (pricing made it; the shape is checked on every read). */
const StoredLineSchema = v.object({
  ...LineInputSchema.entries,
  lineId: v.string(),
  name: v.object({ zh: v.string(), en: v.string() }),
  unitPrice: v.number(),
  lineTotal: v.number(),
});

/** The session row's JSON columns, parsed when a row is read (shared/sessions/session-store.ts). */
export const StoredSessionJsonSchema = v.object({
  cart: v.array(StoredLineSchema),
  draft: v.nullable(DraftSchema),
  history: v.array(HistoryMessageSchema),
  pending: PendingSchema,
  readBack: v.nullable(ReadBackSchema),
});

export type Session = {
  id: string;
  version: number;
  state: SessionState;
  lang: Lang;
  cart: { lines: PricedLine[]; total: number };
  draft: Draft | null;
  history: HistoryMessage[];
  pending: PendingMemory;
  readBack: ReadBack | null;
  lastOrderId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CommitResult = { session: Session; order: Order | null };

export function missingDraftFields(draft: ValidDraft): DraftField[] {
  return DRAFT_FIELDS.filter((field) => draft[field] === undefined);
}
