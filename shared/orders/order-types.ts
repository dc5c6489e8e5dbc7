import type { PricedLine } from '../menu/pricing.ts';

export const ORDER_STATUSES = ['placed', 'preparing', 'ready', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** How an order came in (the owner's report): typed or spoken to the agent, the counter's POST /orders, the original UIs. */
export const ORDER_CHANNELS = ['chat_text', 'chat_voice', 'counter', 'legacy'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

/** An order as the public API shows it (DESIGN.md §3). */
export type Order = {
  id: string;
  pickupCode: string;
  status: OrderStatus;
  lines: PricedLine[];
  total: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
  customerName?: string;
};

/** What anyone may read about an order (GET /orders/:id): no customer name. */
export type PublicOrder = Omit<Order, 'customerName'> & { position?: number; etaSeconds?: number };

/** A queue entry as strangers see it (GET /queue, /queue/ws): no order id, no name. */
export type QueueEntry = {
  pickupCode: string;
  status: OrderStatus;
  position: number;
  etaSeconds: number;
  lines: PricedLine[];
};

export type CompletedEntry = { pickupCode: string; status: OrderStatus; lines: PricedLine[]; updatedAt: string };

/** Staff (bearer token) see which order each entry is and who it is for. */
export type StaffQueueEntry = QueueEntry & { id: string; customerName?: string };
export type StaffCompletedEntry = CompletedEntry & { id: string; customerName?: string };

export type QueueSnapshot = { generatedAt: string; active: QueueEntry[]; recentlyCompleted: CompletedEntry[] };
export type StaffQueueSnapshot = { generatedAt: string; active: StaffQueueEntry[]; recentlyCompleted: StaffCompletedEntry[] };

/**
 * What the agent may tell a customer about an order: never lines, names or totals of others.
 * `orderId` only when the caller already gave it (or for staff): a pickup number never
 * turns into an order id.
 */
export type OrderLookup = {
  orderId?: string;
  found: boolean;
  pickupCode?: string;
  status?: OrderStatus;
  position?: number;
  etaSeconds?: number;
};
