import type { Lang } from '../lang.ts';
/** The languages speech is asked for: the shop's (shared/lang.ts). */
export type SpeechLang = Lang;

const HAN = /\p{Script=Han}/u;

/** Any Chinese character makes it Chinese: the English-only voices cannot read it. */
export function hasChinese(text: string): boolean {
  return HAN.test(text);
}

export function guessSpeechLang(text: string): SpeechLang {
  return hasChinese(text) ? 'zh' : 'en';
}
