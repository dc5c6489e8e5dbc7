import type { Catalog } from '../../../shared/menu/catalog.ts';
import { catalogFromMenu } from '../../../shared/menu/menu-response.ts';
import type { OrderClient } from '../../../shared/order-client/order-client.ts';

// The original UIs show drinks and options by name; the names come from the live menu, read
// through the order client and kept a moment (a busy board asks for the queue often).

const MENU_CACHE_MS = 2000;
const caches = new WeakMap<OrderClient, { at: number; catalog: Promise<Catalog> }>();

/** The live menu as a catalog, at most MENU_CACHE_MS old. */
export function liveCatalog(orders: OrderClient, signal?: AbortSignal): Promise<Catalog> {
  const cached = caches.get(orders);
  if (cached && Date.now() - cached.at < MENU_CACHE_MS) return cached.catalog;
  const catalog = orders.getMenu(signal ? { signal } : {}).then(catalogFromMenu);
  caches.set(orders, { at: Date.now(), catalog });
  catalog.catch(() => caches.delete(orders));
  return catalog;
}
