import { eq } from 'drizzle-orm';
import type { Db } from '../db/open-db.ts';
import { menuAvailability } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findMenuItem } from './menu.ts';
import type { Availability } from './pricing.ts';

/** Sold-out flags, kept in memory and written through to the database. */
export function createAvailabilityStore(db: Db) {
  const soldOut = new Set(
    db
      .select()
      .from(menuAvailability)
      .where(eq(menuAvailability.available, false))
      .all()
      .map((row) => row.itemId),
  );
  const availability: Availability = { isSoldOut: (itemId) => soldOut.has(itemId) };

  return {
    availability,
    setAvailable(itemId: string, available: boolean): void {
      if (!findMenuItem(itemId)) throw new AppError(404, 'item_not_found', `no menu item "${itemId}"`);
      const updatedAt = new Date().toISOString();
      db.insert(menuAvailability)
        .values({ itemId, available, updatedAt })
        .onConflictDoUpdate({ target: menuAvailability.itemId, set: { available, updatedAt } })
        .run();
      if (available) soldOut.delete(itemId);
      else soldOut.add(itemId);
    },
  };
}

export type AvailabilityStore = ReturnType<typeof createAvailabilityStore>;
