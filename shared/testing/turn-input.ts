import type { TurnInput } from '../agent/chain/agent-link.ts';
import { buildMenuResponse } from '../menu/menu-response.ts';
import { ALL_AVAILABLE } from '../menu/pricing.ts';

/** One chat turn for a link or the chain: "hi" in English, no history, the whole menu available. */
export const turnInput = (over: Partial<TurnInput> = {}): TurnInput => ({
  text: 'hi',
  lang: 'en',
  history: [],
  menu: buildMenuResponse(ALL_AVAILABLE),
  signal: new AbortController().signal,
  ...over,
});
