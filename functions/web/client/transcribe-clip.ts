// The batch path: one recorded clip to POST /stt, its transcript back.
import * as v from 'valibot';
import { request } from './api.ts';
import type { Lang } from './i18n.ts';
import { TranscriptSchema } from './response-schemas.ts';

export const STT_TIMEOUT_MS = 30_000;

export async function transcribeClip(sttBase: string, lang: Lang, clip: Blob): Promise<string> {
  const response = await request(new URL(`/stt?lang=${lang}`, sttBase).href, {
    method: 'POST',
    headers: { 'Content-Type': clip.type || 'audio/webm' },
    body: clip,
    timeoutMs: STT_TIMEOUT_MS,
  });
  const { text } = v.parse(TranscriptSchema, await response.json());
  return text.trim();
}
