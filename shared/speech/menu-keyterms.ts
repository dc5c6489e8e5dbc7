import type { MenuDefinition } from '../menu/menu-types.ts';
import type { SpeechLang } from './speech-lang.ts';

/**
 * The menu's drink, topping, size, sugar and ice names (and their aliases) in one language: key
 * terms for AssemblyAI (at most 6 words a phrase) and a vocabulary prompt for Whisper. GET /menu's
 * answer has the same fields, so the customer page derives its streaming key terms here too.
 */
/** AssemblyAI's streaming API takes at most 100 key terms, each at most 50 characters. */
export const MAX_STREAMING_KEYTERMS = 100;
export const MAX_KEYTERM_CHARS = 50;

export function menuKeyterms(menu: Pick<MenuDefinition, 'items' | 'toppings' | 'sizes' | 'sugar' | 'ice'>, lang: SpeechLang): string[] {
  const latin = /\p{Script=Latin}/u;
  const entries = [...menu.items, ...menu.toppings, ...menu.sizes, ...menu.sugar, ...menu.ice];
  // Every name before any alias: a vendor's cap on key terms (AssemblyAI streaming: 100) drops aliases first.
  const names = entries.map((entry) => entry.name[lang]);
  const aliases = entries.flatMap((entry) => entry.aliases.filter((alias) => (lang === 'en' ? latin.test(alias) : !latin.test(alias))));
  const seen = new Set<string>();
  return [...names, ...aliases]
    .map((term) => term.trim())
    .filter((term) => {
      const key = term.toLowerCase();
      if (!term || term.split(/\s+/).length > 6 || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
