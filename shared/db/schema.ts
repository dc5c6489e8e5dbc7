import { sql } from 'drizzle-orm';
import { LANGS } from '../lang.ts';
import type { MenuDefinition } from '../menu/menu-types.ts';
import type { PricedLine } from '../menu/pricing.ts';
import { ORDER_STATUSES } from '../orders/order-types.ts';
import type { HistoryMessage, ReadBack, ValidDraft } from '../sessions/session-types.ts';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Timestamps are ISO-8601 UTC strings (sortable, and what the API returns). Money is integer fen.

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    /** The shop's calendar day (SHOP_TIMEZONE) the order belongs to; pickup numbers restart each day. */
    businessDay: text('business_day').notNull(),
    pickupNumber: integer('pickup_number').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    total: integer('total').notNull(),
    drinkCount: integer('drink_count').notNull(),
    customerName: text('customer_name'),
    sessionId: text('session_id'),
    /** How the order came in: chat_text, chat_voice, counter (POST /orders), legacy (the original UIs); null before reports. */
    channel: text('channel'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('orders_day_pickup_unique').on(table.businessDay, table.pickupNumber),
    index('orders_status_created_idx').on(table.status, table.createdAt),
    // The queue's "recently completed" (newest updates of one status) and the staff list of all orders
    // (newest first) read a few rows off an index instead of sorting the shop's whole history.
    index('orders_status_updated_idx').on(table.status, table.updatedAt),
    index('orders_created_idx').on(table.createdAt),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    itemId: text('item_id').notNull(),
    /** Size, sugar and ice ids of the menu version the order was placed with. */
    size: text('size').notNull(),
    sugar: integer('sugar').notNull(),
    ice: text('ice').notNull(),
    toppings: text('toppings', { mode: 'json' }).$type<string[]>().notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    lineTotal: integer('line_total').notNull(),
    /** The drink's names when it was ordered (an order keeps them when the menu changes); null on orders from before menu versions. */
    nameZh: text('name_zh'),
    nameEn: text('name_en'),
    /** Each topping's price on this line, in the order of `toppings` (the owner's report of topping revenue). */
    toppingPrices: text('topping_prices', { mode: 'json' }).$type<number[]>(),
  },
  (table) => [index('order_lines_order_idx').on(table.orderId, table.position)],
);

export const orderStatusEvents = sqliteTable(
  'order_status_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: text('at').notNull(),
  },
  (table) => [index('order_status_events_order_idx').on(table.orderId)],
);

/** The menu as the shop's data: every change is a new version; the highest is live. */
export const menuVersions = sqliteTable('menu_versions', {
  version: integer('version').primaryKey(),
  menu: text('menu', { mode: 'json' }).$type<MenuDefinition>().notNull(),
  /** Who made this version: "seed" (MENU_FILE or the default), "owner". */
  author: text('author').notNull(),
  /** What changed, in a few words ("price of a drink's L 1800 → 1900"). */
  summary: text('summary').notNull(),
  createdAt: text('created_at').notNull(),
});

export const menuAvailability = sqliteTable('menu_availability', {
  itemId: text('item_id').primaryKey(),
  available: integer('available', { mode: 'boolean' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull().default(0),
    state: text('state', { enum: ['empty', 'collecting', 'confirming', 'placed'] }).notNull(),
    lang: text('lang', { enum: LANGS }).notNull(),
    // JSON columns: typed for writes; a read parses them (StoredSessionJsonSchema in session-store.ts).
    cart: text('cart', { mode: 'json' }).$type<PricedLine[]>().notNull(),
    draft: text('draft', { mode: 'json' }).$type<ValidDraft>(),
    history: text('history', { mode: 'json' }).$type<HistoryMessage[]>().notNull(),
    /** The agent's memory between turns (the rule engine's open question or context). */
    pending: text('pending', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** What the last read-back told the customer (the cart's fingerprint and total); confirming needs it unchanged. */
    readBack: text('read_back', { mode: 'json' }).$type<ReadBack>(),
    lastOrderId: text('last_order_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [index('sessions_updated_idx').on(table.updatedAt)],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: text('response', { mode: 'json' }).notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (table) => [primaryKey({ columns: [table.scope, table.key] }), index('idempotency_created_idx').on(table.createdAt)],
);

/** One agent turn, for the owner's report: who answered, how the message came in, what it left in the cart. */
export const chatTurns = sqliteTable(
  'chat_turns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sessionId: text('session_id').notNull(),
    businessDay: text('business_day').notNull(),
    at: text('at').notNull(),
    /** openrouter, vllm or rules. */
    provider: text('provider').notNull(),
    /** text or voice. */
    input: text('input').notNull(),
    /** chat (our pages and API) or legacy (the original UIs). */
    source: text('source').notNull(),
    /** Complete lines in the cart after the turn. */
    cartLines: integer('cart_lines').notNull(),
    placedOrderId: text('placed_order_id'),
  },
  (table) => [index('chat_turns_day_idx').on(table.businessDay)],
);

/** Session ids chosen by an outside client (the legacy UI) → our session. Replaced on reset. */
export const sessionAliases = sqliteTable('session_aliases', {
  alias: text('alias').primaryKey(),
  sessionId: text('session_id').notNull(),
  updatedAt: text('updated_at').notNull(),
});
