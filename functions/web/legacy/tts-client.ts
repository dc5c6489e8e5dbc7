import { errorFrom, type CallContext, type ServiceCall } from './service-caller.ts';
import type { Lang } from '../../../shared/lang.ts';

export type TtsRequest = { text: string; lang?: Lang; voice?: string; format?: 'mp3' | 'wav' };
export type SpokenAudio = { audio: Uint8Array; format: 'mp3' | 'wav'; provider: string };
export type TtsClient = { synthesize(request: TtsRequest, context?: CallContext): Promise<SpokenAudio> };

/** The tts function's POST /tts: audio bytes, with the format actually produced in X-Tts-Format. */
export function createTtsClient(call: ServiceCall): TtsClient {
  return {
    async synthesize(request, context) {
      const response = await call('/tts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }, context);
      if (!response.ok) throw await errorFrom('tts', response);
      const format = response.headers.get('x-tts-format') === 'wav' ? 'wav' : 'mp3';
      return { audio: new Uint8Array(await response.arrayBuffer()), format, provider: response.headers.get('x-tts-provider') ?? 'unknown' };
    },
  };
}
