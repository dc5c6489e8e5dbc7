import type { Logger } from '../../shared/http/logger.ts';
import type { MenuDefinition } from '../../shared/menu/menu-types.ts';
import { menuKeyterms } from '../../shared/speech/menu-keyterms.ts';
import type { SpeechLang } from '../../shared/speech/speech-lang.ts';

type MenuNames = Pick<MenuDefinition, 'items' | 'toppings' | 'sizes' | 'sugar' | 'ice'>;
export type KeytermSource = (lang: SpeechLang) => string[];

/** How old the key terms may get before the live menu is read again (in the background). */
export const KEYTERMS_MAX_AGE_MS = 30_000;

/**
 * The batch providers' key terms from the live menu (GET /menu through the order service), so a
 * drink or alias the owner adds is recognised without a restart. A transcription never waits for
 * the menu: it gets the terms at hand and a stale set is refreshed behind it. Until the first read
 * answers, or when the order service cannot be reached, the start menu's (MENU_FILE) are used.
 */
export function createLiveKeyterms({
  startMenu,
  fetchMenu,
  log,
  maxAgeMs = KEYTERMS_MAX_AGE_MS,
}: {
  startMenu: MenuNames;
  fetchMenu?: () => Promise<MenuNames>;
  log: Logger;
  maxAgeMs?: number;
}): KeytermSource {
  const termsOf = (menu: MenuNames) => ({ zh: menuKeyterms(menu, 'zh'), en: menuKeyterms(menu, 'en') });
  let current = termsOf(startMenu);
  let readAt = Number.NEGATIVE_INFINITY;
  let reading = false;

  const refresh = () => {
    if (!fetchMenu || reading || Date.now() - readAt < maxAgeMs) return;
    reading = true;
    fetchMenu().then(
      (menu) => {
        current = termsOf(menu);
        readAt = Date.now();
        reading = false;
      },
      (error: unknown) => {
        log.warn('live menu unavailable for key terms; keeping the last ones', { fn: 'stt', err: error });
        readAt = Date.now();
        reading = false;
      },
    );
  };
  refresh();
  return (lang) => {
    refresh();
    return current[lang];
  };
}
