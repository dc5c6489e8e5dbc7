import type { AvailabilityStore } from '../menu/availability-store.ts';
import { buildMenuResponse, type MenuResponse, type MenuItemView } from '../menu/menu-response.ts';
import type { ChangeFeed } from './change-feed.ts';

export type MenuAvailability = {
  menu(): MenuResponse;
  /** Marks an item sold out or available again; returns it as the menu now shows it. */
  setAvailability(itemId: string, available: boolean): MenuItemView;
};

/** The menu with today's availability, and the staff switch for it. */
export function createMenuAvailability(availabilityStore: AvailabilityStore, feed: ChangeFeed): MenuAvailability {
  const menu = () => buildMenuResponse(availabilityStore.availability);
  return {
    menu,
    setAvailability(itemId, available) {
      availabilityStore.setAvailable(itemId, available);
      feed.changed(false);
      return menu().items.find((item) => item.id === itemId)!;
    },
  };
}
