import { ACTIVE_STATUSES } from '../../../shared/orders/status-machine.ts';
import { jsonInit, request, requestJson, type MenuResponse, type Order, type OrderStatus } from './api.ts';

/** The staff view: orders with ids and customer names, behind the bearer token. */
export type StaffOrder = Order & { customerName?: string | null };
/** The board shows the queue: the order service's active statuses. */
export const BOARD_STATUSES = ACTIVE_STATUSES;

export function createStaffApi(orderBase: string, token: string) {
  const auth = { Authorization: `Bearer ${token}` };
  const url = (path: string) => new URL(path, orderBase).href;
  return {
    async listActive(): Promise<StaffOrder[]> {
      const lists = await Promise.all(
        BOARD_STATUSES.map((status) => requestJson<{ orders: StaffOrder[] }>(url(`/orders?status=${status}&limit=200`), { headers: auth, timeoutMs: 8000 })),
      );
      return lists.flatMap((list) => list.orders);
    },
    /** Checks the token (401/403 for a wrong one, 503 when the server has none). */
    verify: () => request(url('/orders?limit=1'), { headers: auth, timeoutMs: 8000 }),
    move: (id: string, status: OrderStatus) =>
      requestJson<StaffOrder>(url(`/orders/${encodeURIComponent(id)}`), { ...jsonInit('PATCH', { status }, auth), timeoutMs: 8000 }),
    menu: () => requestJson<MenuResponse>(url('/menu'), { timeoutMs: 8000 }),
    setAvailable: (itemId: string, available: boolean) =>
      requestJson(url(`/menu/items/${encodeURIComponent(itemId)}/availability`), { ...jsonInit('PUT', { available }, auth), timeoutMs: 8000 }),
  };
}

export type StaffApi = ReturnType<typeof createStaffApi>;

/** Coalesces refreshes: one in flight at a time, and one more after it if anything asked meanwhile. */
export function coalesce(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const go = async () => {
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        await run().catch(() => {});
      } while (again);
    } finally {
      running = false;
    }
  };
  return () => void go();
}
