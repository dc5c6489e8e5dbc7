/** @jsxImportSource hono/jsx/dom */
import { t } from './customer-strings.ts';
import type { Lang } from './i18n.ts';

const HANDS_FREE_KEY = 'tea.handsFree';

/** Remembered per device; off unless this device was switched on (a kiosk starts push-to-talk). */
export function savedHandsFree(): boolean {
  return localStorage.getItem(HANDS_FREE_KEY) === '1';
}

export function HandsFreeToggle({ lang, on, onChange }: { lang: Lang; on: boolean; onChange(on: boolean): void }) {
  return (
    <button
      type="button"
      class="btn ghost"
      id="hands-free"
      aria-pressed={on ? 'true' : 'false'}
      aria-label={t(lang, 'handsFreeLabel')}
      title={t(lang, 'handsFreeLabel')}
      onClick={() => {
        localStorage.setItem(HANDS_FREE_KEY, on ? '0' : '1');
        onChange(!on);
      }}
    >
      {t(lang, on ? 'handsFreeOn' : 'handsFreeOff')}
    </button>
  );
}
