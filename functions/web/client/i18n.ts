export type Lang = 'zh' | 'en';
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

/** `¥18` or `¥18.50`: two decimals only when there are cents. */
export function yuan(fen: number): string {
  return `¥${fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2)}`;
}

export function name(localized: { zh: string; en: string }, lang: Lang): string {
  return localized[lang];
}
