// Streaming grants from POST /stt/token (a temporary AssemblyAI token and the URL to use it on).
// One is fetched ahead while the customer is not speaking, so a turn starts with a socket open,
// not a token round trip; a token is good for one session, so each is handed out once.
import { ApiError, requestJson } from './api.ts';
import type { Lang } from './i18n.ts';

export type Grant = { connectUrl: string; expiresAt: string; settings: { lang: Lang; sampleRate: number } };

/** A grant this close to expiry is not used: the socket must open before it lapses. */
const EXPIRY_MARGIN_MS = 10_000;

export function createGrantSource(sttBase: string, timeoutMs: number) {
  let spare: { lang: Lang; grant: Promise<Grant> } | undefined;

  const fetchGrant = (lang: Lang) =>
    requestJson<Grant>(new URL(`/stt/token?lang=${lang}`, sttBase).href, { method: 'POST', timeoutMs }).then((grant) => {
      if (typeof grant.connectUrl !== 'string') throw new ApiError(502, 'bad_grant', 'the token answer has no URL');
      return grant;
    });

  const fresh = (grant: Grant) => Date.parse(grant.expiresAt) - Date.now() > EXPIRY_MARGIN_MS;

  return {
    /** A grant for one session: the spare when it is still good, else a new one. */
    async take(lang: Lang): Promise<Grant> {
      const ahead = spare?.lang === lang ? spare.grant : undefined;
      spare = undefined;
      const grant = ahead ? await ahead.catch(() => undefined) : undefined;
      return grant && fresh(grant) ? grant : fetchGrant(lang);
    },
    /** Fetch the next grant now (hands-free, between turns). */
    prepare(lang: Lang) {
      if (spare?.lang === lang) return;
      const grant = fetchGrant(lang);
      grant.catch(() => {});
      spare = { lang, grant };
    },
    forget() {
      spare = undefined;
    },
  };
}

/** 503 streaming_unavailable: the stt function has no AssemblyAI key; asking again will not help. */
export function streamingNotConfigured(error: unknown): boolean {
  return error instanceof ApiError && error.status === 503 && error.code === 'streaming_unavailable';
}
