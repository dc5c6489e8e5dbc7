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

export const DEFAULT_STREAMING_STT_URL = 'https://streaming.assemblyai.com';

/** The WebSocket origin of AssemblyAI's streaming API (the stt function's ASSEMBLYAI_STREAMING_BASE_URL), for connect-src. */
export function readStreamingSocketOrigin(env: Env): string {
  const url = new URL(env.ASSEMBLYAI_STREAMING_BASE_URL?.trim() || DEFAULT_STREAMING_STT_URL);
  return `${url.protocol === 'http:' ? 'ws:' : 'wss:'}//${url.host}`;
}
