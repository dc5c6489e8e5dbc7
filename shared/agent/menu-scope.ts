import { AsyncLocalStorage } from 'node:async_hooks';
import type { Catalog } from '../menu/catalog.ts';

// The live menu of the turn being answered. The rule engine's many small functions (parsing,
// replies) read the menu through this scope instead of each taking it as an argument; the
// scope follows the turn across its awaits, so turns on different menu versions never mix.

const scope = new AsyncLocalStorage<Catalog>();

/** Runs `run` (and everything it awaits) with `catalog` as the turn's menu. */
export function withMenu<T>(catalog: Catalog, run: () => T): T {
  return scope.run(catalog, run);
}

/** The turn's menu; a call outside withMenu is a bug. */
export function menuInScope(): Catalog {
  const catalog = scope.getStore();
  if (!catalog) throw new Error('no menu in scope: call inside withMenu(catalog, …)');
  return catalog;
}
