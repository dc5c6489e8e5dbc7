import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Where Debian, Ubuntu and Chrome put the browser; `configured` (the caller's CHROMIUM_PATH) wins. Never downloads one. */
export function findChromium(configured: string | undefined): string | undefined {
  const candidates = [configured, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export const NO_CHROMIUM_REASON = 'no Chromium found: set CHROMIUM_PATH, or install it (Debian/Ubuntu: apt-get install chromium)';

const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--autoplay-policy=no-user-gesture-required',
];

/** Chromium with a fake microphone playing `fakeAudioWav` (a 16-bit PCM WAV) when given. */
export async function launchChromium(executablePath: string, fakeAudioWav?: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const media = fakeAudioWav
    ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${fakeAudioWav}`]
    : [];
  return chromium.launch({ executablePath, args: [...BASE_ARGS, ...media], timeout: 60_000 });
}
