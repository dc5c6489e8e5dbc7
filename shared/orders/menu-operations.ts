import { applyItemPatch, changesDefinition, type MenuItemPatch } from '../menu/item-patch.ts';
import type { MenuItemView, MenuResponse } from '../menu/menu-response.ts';
import type { MenuAuthor, MenuStore, MenuVersionInfo } from '../menu/menu-store.ts';
import type { MenuDefinition } from '../menu/menu-types.ts';
import type { ChangeFeed } from './change-feed.ts';
import { ORDER_ERRORS } from './order-errors.ts';

/** The live menu, the staff's sold-out switch and the owner's changes, each a committed write. */
export function createMenuOperations(menuStore: MenuStore, feed: ChangeFeed) {
  const itemView = (itemId: string): MenuItemView => menuStore.menu().items.find((item) => item.id === itemId)!;
  return {
    menu: (): MenuResponse => menuStore.menu(),
    catalog: () => menuStore.catalog(),
    menuVersions: (limit?: number): MenuVersionInfo[] => menuStore.versions(limit),
    /** The live version in the menu file's shape (what PUT /menu takes back). */
    exportMenu: (): MenuDefinition => menuStore.definition(),

    /** Marks an item sold out or available again; returns it as the menu now shows it. */
    setAvailability(itemId: string, available: boolean): MenuItemView {
      menuStore.setAvailable(itemId, available);
      feed.changed(false);
      return itemView(itemId);
    },

    replaceMenu(input: unknown, author: MenuAuthor): { change: MenuVersionInfo; menu: MenuResponse } {
      const change = menuStore.replace(input, author);
      feed.changed(false);
      return { change, menu: menuStore.menu() };
    },

    /** One drink's prices, names, rules (a new version) and/or availability. */
    patchMenuItem(itemId: string, patch: MenuItemPatch, author: MenuAuthor): { change: MenuVersionInfo | null; version: number; item: MenuItemView } {
      if (!menuStore.catalog().item(itemId)) throw ORDER_ERRORS.raise('item_not_found', `no menu item "${itemId}"`);
      const change = changesDefinition(patch) ? menuStore.update((menu) => applyItemPatch(menu, itemId, patch), author, patch.version) : null;
      if (patch.available !== undefined) menuStore.setAvailable(itemId, patch.available);
      feed.changed(false);
      return { change, version: menuStore.catalog().version, item: itemView(itemId) };
    },
  };
}

export type MenuOperations = ReturnType<typeof createMenuOperations>;
