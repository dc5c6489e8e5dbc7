import { CHAT_DOC } from '../../chat/routes.ts';
import { HEALTH_DOC } from '../../health/routes.ts';
import { ORDER_DOC } from '../../order/routes.ts';
import { STT_DOC } from '../../stt/routes.ts';
import { TTS_DOC } from '../../tts/routes.ts';
import { WEB_DOC } from '../routes.ts';
import type { DocsRouteDeps } from './docs-routes.ts';

export type DocsDeps = {
  /** Scalar's standalone bundle on disk (see locateScalarBundle); missing → /docs/scalar.js is 503. */
  scalarBundlePath?: string;
};

/** /docs: an interactive reference of every function, entirely served by this function (works offline). */
export function docsRouteDeps({ scalarBundlePath }: DocsDeps): DocsRouteDeps {
  return {
    ...(scalarBundlePath ? { scalarBundlePath } : {}),
    documents: { order: ORDER_DOC, chat: CHAT_DOC, stt: STT_DOC, tts: TTS_DOC, health: HEALTH_DOC, web: WEB_DOC },
  };
}
