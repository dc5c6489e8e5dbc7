import type { Env } from '../../shared/config/env.ts';
import { readSiblingUrls } from '../health/config.ts';

export type ApiName = 'order' | 'chat' | 'stt' | 'tts';
export const API_NAMES: ApiName[] = ['order', 'chat', 'stt', 'tts'];

/** Base URL per API the pages call; a missing one means "same origin as the page" (local server). */
export type ApiBases = Partial<Record<ApiName, string>>;

/** Same variables `health` reads (the Modal stub sets them from the sibling web URLs). */
export function readApiBases(env: Env): ApiBases {
  const urls = readSiblingUrls(env);
  return Object.fromEntries(API_NAMES.filter((name) => urls[name]).map((name) => [name, urls[name]!.replace(/\/+$/, '')]));
}
