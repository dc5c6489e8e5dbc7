import type { Lang } from '../../../shared/lang.ts';
export type { Lang };
const KEY = 'tea.lang';

/** The saved choice, else the browser's language (zh unless it prefers English). */
export function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return (navigator.languages?.[0] ?? navigator.language ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function saveLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function name(localized: { zh: string; en: string }, lang: Lang): string {
  return localized[lang];
}
