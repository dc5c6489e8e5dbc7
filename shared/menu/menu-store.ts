import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open-db.ts';
import { menuAvailability, menuVersions } from '../db/schema.ts';
import type { AppError } from '../errors.ts';
import { ORDER_ERRORS } from '../orders/order-errors.ts';
import { createCatalog, type Availability, type Catalog } from './catalog.ts';
import { describeMenuChange } from './describe-menu-change.ts';
import { parseMenuDefinition, type MenuIssue } from './menu-file-schema.ts';
import { buildMenuResponse, type MenuResponse } from './menu-response.ts';
import type { ItemId, MenuDefinition } from './menu-types.ts';

export type MenuAuthor = 'seed' | 'owner';
export type MenuVersionInfo = { version: number; author: string; summary: string; createdAt: string };

/** A refused menu: 422 with every problem at its path (nothing is changed). */
function invalidMenu(issues: MenuIssue[]): AppError {
  const shown = issues.slice(0, 50);
  return ORDER_ERRORS.raise('invalid_menu', `the menu has ${issues.length} problem(s): ${shown.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, {
    issues: shown,
  });
}

/**
 * The menu as the shop's data: versions in the database (the highest is live) and today's
 * sold-out switches beside them. The first start seeds version 1 from MENU_FILE or the
 * embedded default; later starts serve what the owner saved. Reads come from memory.
 */
export function createMenuStore(db: Db, { seed, now }: { seed: MenuDefinition; now: () => Date }) {
  const soldOut = new Set(
    db
      .select({ itemId: menuAvailability.itemId })
      .from(menuAvailability)
      .where(eq(menuAvailability.available, false))
      .all()
      .map((row) => row.itemId),
  );
  const availability: Availability = { isSoldOut: (itemId) => soldOut.has(itemId) };

  const latest = () => db.select().from(menuVersions).orderBy(desc(menuVersions.version)).limit(1).get();
  let row = latest();
  const seeded = !row;
  if (!row) {
    const version = Math.max(1, seed.version);
    db.insert(menuVersions)
      .values({ version, menu: { ...seed, version }, author: 'seed', summary: 'first menu', createdAt: now().toISOString() })
      .run();
    row = latest()!;
  }
  let catalog = createCatalog(row.menu, availability);
  let response: MenuResponse | undefined;
  const changed = (next: Catalog) => {
    catalog = next;
    response = undefined;
  };

  function checkVersion(expected: number | undefined) {
    if (expected !== undefined && expected !== catalog.version) {
      throw ORDER_ERRORS.raise(
        'version_conflict',
        `the menu changed since version ${expected} (now ${catalog.version}); reload it and apply your change again`,
        {
          current: catalog.version,
        },
      );
    }
  }

  /** Saves `next` as the new live version, in one transaction with the version check. */
  function save(next: MenuDefinition, author: MenuAuthor, expected: number | undefined, summary?: string): MenuVersionInfo {
    return db.transaction((tx) => {
      const stored = tx.select({ version: menuVersions.version }).from(menuVersions).orderBy(desc(menuVersions.version)).limit(1).get();
      if (stored && stored.version !== catalog.version) changed(createCatalog(latest()!.menu, availability));
      checkVersion(expected);
      const version = catalog.version + 1;
      const info = { version, author, summary: summary ?? describeMenuChange(catalog.definition, next), createdAt: now().toISOString() };
      tx.insert(menuVersions)
        .values({ ...info, menu: { ...next, version } })
        .run();
      changed(createCatalog({ ...next, version }, availability));
      return info;
    });
  }

  return {
    /** True when this start wrote the first version (a new database). */
    seeded,
    catalog: () => catalog,
    /** GET /menu, built once per change. */
    menu: (): MenuResponse => {
      response ??= buildMenuResponse(catalog);
      return response;
    },
    definition: (): MenuDefinition => catalog.definition,

    /** PUT /menu: a whole menu, checked like MENU_FILE; its `version` must be the live one. */
    replace(input: unknown, author: MenuAuthor): MenuVersionInfo {
      const parsed = parseMenuDefinition(input);
      if (!parsed.ok) throw invalidMenu(parsed.issues);
      return save(parsed.menu, author, parsed.menu.version);
    },

    /** A new version from a change to the definition (PATCH of one drink); refused with its issues. */
    update(change: (definition: MenuDefinition) => MenuDefinition, author: MenuAuthor, expected?: number): MenuVersionInfo {
      checkVersion(expected);
      const parsed = parseMenuDefinition(change(structuredClone(catalog.definition)));
      if (!parsed.ok) throw invalidMenu(parsed.issues);
      return save(parsed.menu, author, expected);
    },

    setAvailable(itemId: ItemId, available: boolean): void {
      if (!catalog.item(itemId)) throw ORDER_ERRORS.raise('item_not_found', `no menu item "${itemId}"`);
      const updatedAt = now().toISOString();
      db.insert(menuAvailability)
        .values({ itemId, available, updatedAt })
        .onConflictDoUpdate({ target: menuAvailability.itemId, set: { available, updatedAt } })
        .run();
      if (available) soldOut.delete(itemId);
      else soldOut.add(itemId);
      response = undefined;
    },

    versions(limit = 100): MenuVersionInfo[] {
      return db
        .select({ version: menuVersions.version, author: menuVersions.author, summary: menuVersions.summary, createdAt: menuVersions.createdAt })
        .from(menuVersions)
        .orderBy(desc(menuVersions.version))
        .limit(limit)
        .all();
    },
  };
}

export type MenuStore = ReturnType<typeof createMenuStore>;
