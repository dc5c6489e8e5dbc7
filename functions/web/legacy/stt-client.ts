import { errorFrom, type CallContext, type ServiceCall } from './service-caller.ts';
import type { Lang } from '../../../shared/lang.ts';

export type Transcript = { text: string; lang: Lang; confidence: number | null; durationMs: number | null; provider: string };
export type SttClient = {
  transcribe(audio: Uint8Array, lang: Lang, context?: CallContext): Promise<Transcript>;
  /** False when the stt function says it has no provider; true when it has one or cannot be asked (the call will tell). */
  available(context?: CallContext): Promise<boolean>;
  /** A streaming grant from POST /stt/token (its connectUrl carries a temporary token); null when refused. */
  grant?(lang: Lang, context?: CallContext): Promise<{ connectUrl: string } | null>;
};

/** The stt function's POST /stt with a raw audio body. */
export function createSttClient(call: ServiceCall): SttClient {
  return {
    async transcribe(audio, lang, context) {
      const response = await call(
        `/stt?lang=${lang}`,
        { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: audio as Uint8Array<ArrayBuffer> },
        context,
      );
      if (!response.ok) throw await errorFrom('stt', response);
      return (await response.json()) as Transcript;
    },
    async grant(lang, context) {
      try {
        const response = await call(`/stt/token?lang=${lang}`, { method: 'POST' }, context);
        if (!response.ok) return null;
        const body = (await response.json()) as { connectUrl?: unknown };
        return typeof body.connectUrl === 'string' ? { connectUrl: body.connectUrl } : null;
      } catch {
        return null;
      }
    },
    async available(context) {
      try {
        const response = await call('/healthz/stt', { method: 'GET' }, context);
        const body = (await response.json().catch(() => ({}))) as { status?: string };
        return body.status === 'ok';
      } catch {
        return true;
      }
    },
  };
}
