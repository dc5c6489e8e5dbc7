import { createCatalog, type Catalog } from '../menu/catalog.ts';
import { defaultMenuDefinition } from '../menu/load-menu-file.ts';

/** The embedded default menu as a catalog, with these drinks sold out. */
export function defaultCatalog(soldOut: readonly string[] = []): Catalog {
  return createCatalog(defaultMenuDefinition(), { isSoldOut: (id) => soldOut.includes(id) });
}
