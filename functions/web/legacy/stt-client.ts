import * as v from 'valibot';
import { errorFrom, type CallContext, type ServiceCall } from './service-caller.ts';
import { fieldOf } from '../../../shared/field-of.ts';
import type { Lang } from '../../../shared/lang.ts';
import { TranscriptShape } from '../../../shared/openapi/response-shapes.ts';

export type Transcript = v.InferOutput<typeof TranscriptShape>;
export type SttClient = {
  transcribe(audio: Uint8Array<ArrayBuffer>, lang: Lang, context?: CallContext): Promise<Transcript>;
  /** False when the stt function says it has no provider; true when it has one or cannot be asked (the call will tell). */
  available(context?: CallContext): Promise<boolean>;
  /** A streaming grant from POST /stt/token (its connectUrl carries a temporary token); null when refused. */
  grant?(lang: Lang, context?: CallContext): Promise<{ connectUrl: string } | null>;
};

/** The stt function's POST /stt with a raw audio body. */
export function createSttClient(call: ServiceCall): SttClient {
  return {
    async transcribe(audio, lang, context) {
      const response = await call(`/stt?lang=${lang}`, { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: audio }, context);
      if (!response.ok) throw await errorFrom('stt', response);
      return v.parse(TranscriptShape, await response.json());
    },
    async grant(lang, context) {
      try {
        const response = await call(`/stt/token?lang=${lang}`, { method: 'POST' }, context);
        if (!response.ok) return null;
        const connectUrl = fieldOf(await response.json(), 'connectUrl');
        return typeof connectUrl === 'string' ? { connectUrl } : null;
      } catch {
        return null;
      }
    },
    async available(context) {
      try {
        const response = await call('/healthz/stt', { method: 'GET' }, context);
        return fieldOf(await response.json().catch(() => ({})), 'status') === 'ok';
      } catch {
        return true;
      }
    },
  };
}
