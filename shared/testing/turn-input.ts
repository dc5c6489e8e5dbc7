import type { TurnInput } from '../agent/chain/agent-link.ts';
import { createCatalog } from '../menu/catalog.ts';
import { defaultMenuDefinition } from '../menu/load-menu-file.ts';
import { buildMenuResponse } from '../menu/menu-response.ts';

/** One chat turn for a link or the chain: "hi" in English, no history, the whole default menu available. */
export const turnInput = (over: Partial<TurnInput> = {}): TurnInput => ({
  text: 'hi',
  lang: 'en',
  history: [],
  menu: buildMenuResponse(createCatalog(defaultMenuDefinition())),
  signal: new AbortController().signal,
  ...over,
});
