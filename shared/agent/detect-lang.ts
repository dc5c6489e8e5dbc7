import type { Lang } from '../lang.ts';
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN = /[a-z]/i;

/**
 * The reply language: an explicit `lang` wins; otherwise Chinese characters mean zh and
 * Latin letters mean en; a message with neither ("2", "?") keeps the session's language.
 */
export function detectLang(text: string, explicit: Lang | undefined, previous: Lang): Lang {
  if (explicit) return explicit;
  if (CJK.test(text)) return 'zh';
  if (LATIN.test(text)) return 'en';
  return previous;
}
