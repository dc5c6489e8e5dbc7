import { MENU_ITEMS, TOPPINGS } from '../menu/menu.ts';
import type { SpeechLang } from './speech-lang.ts';

/**
 * The menu's drink and topping names (and their aliases) in one language: key terms for
 * AssemblyAI (at most 6 words a phrase) and a vocabulary prompt for Whisper.
 */
export function menuKeyterms(lang: SpeechLang): string[] {
  const latin = /\p{Script=Latin}/u;
  const names = [...MENU_ITEMS, ...TOPPINGS].flatMap((entry) => [
    entry.name[lang],
    ...entry.aliases.filter((alias) => (lang === 'en' ? latin.test(alias) : !latin.test(alias))),
  ]);
  const unique = [...new Set(names.map((name) => name.trim()).filter((name) => name && name.split(/\s+/).length <= 6))];
  return unique;
}
