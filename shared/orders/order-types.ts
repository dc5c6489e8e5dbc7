import type { PricedLine } from '../menu/pricing.ts';

export const ORDER_STATUSES = ['placed', 'preparing', 'ready', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** An order as the public API shows it (DESIGN.md §3). */
export type Order = {
  id: string;
  pickupCode: string;
  status: OrderStatus;
  lines: PricedLine[];
  total: number;
  currency: 'CNY';
  createdAt: string;
  updatedAt: string;
  customerName?: string;
};

export type QueueEntry = {
  id: string;
  pickupCode: string;
  status: OrderStatus;
  position: number;
  etaSeconds: number;
  lines: PricedLine[];
};

export type QueueSnapshot = {
  generatedAt: string;
  active: QueueEntry[];
  recentlyCompleted: { id: string; pickupCode: string; status: OrderStatus; lines: PricedLine[]; updatedAt: string }[];
};

/** What the agent may tell a customer about an order: never lines, names or totals of others. */
export type OrderLookup = {
  orderId: string;
  found: boolean;
  pickupCode?: string;
  status?: OrderStatus;
  position?: number;
  etaSeconds?: number;
};
