import type { Env } from '../../../shared/config/env.ts';
import type { FunctionDeps, FunctionInstance, SiblingFetch } from '../../../shared/http/function-module.ts';
import { silentLogger } from '../../../shared/http/logger.ts';
import { listen, type RunningServer } from '../../../shared/http/serve.ts';
import { startMockAssemblyAI } from '../../../shared/testing/mock-assemblyai.ts';
import { startMockOpenAIAudio, type Voiceprints } from '../../../shared/testing/mock-openai-audio.ts';
import { TEST_STAFF_TOKEN } from '../../../shared/testing/order-fixture.ts';
import { composeFunctions } from '../../../scripts/local-server.ts';
import { openFunction as openChat } from '../../chat/main.ts';
import { openFunction as openOrder } from '../../order/main.ts';
import { openFunction as openStt } from '../../stt/main.ts';
import { openFunction as openTts } from '../../tts/main.ts';
import { openFunction as openWeb } from '../main.ts';
import { buildWebAssetsForTest } from '../../../shared/testing/build-bundles.ts';

export type LegacyShopOptions = {
  /** 'in-process' as `npm start`; 'http' as on Modal: web reaches the others by URL. */
  mode?: 'in-process' | 'http';
  /** Leave speech recognition unconfigured. */
  noStt?: boolean;
  env?: Env;
  /** Only for the web function (e.g. TRUST_PROXY_HOPS behind a proxy the others don't have). */
  webEnv?: Env;
};

/**
 * The whole shop on loopback for the legacy tests: the real functions (offline agent, speech
 * through the AssemblyAI and OpenAI-compatible mocks, a fresh in-memory database), with the
 * web function serving /legacy either in process or over HTTP.
 */
export async function startLegacyShop({ mode = 'in-process', noStt = false, env: extra = {}, webEnv = {} }: LegacyShopOptions = {}) {
  const voiceprints: Voiceprints = new Map();
  const aai = await startMockAssemblyAI({ voiceprints });
  const openai = await startMockOpenAIAudio({ voiceprints });
  const internalToken = 'legacy-internal-token-0123456789';
  const env: Env = {
    DB_PATH: ':memory:',
    STAFF_TOKEN: TEST_STAFF_TOKEN,
    ...(noStt
      ? {}
      : { ASSEMBLYAI_API_KEY: aai.apiKey, ASSEMBLYAI_BASE_URL: aai.baseUrl, ASSEMBLYAI_STREAMING_BASE_URL: aai.baseUrl, ASSEMBLYAI_POLL_INTERVAL_MS: '20' }), // no streaming there: the batch path, never the real host
    TTS_BASE_URL: openai.baseUrl,
    TTS_OFFLINE: 'off',
    CHAT_RATE_LIMIT_PER_MINUTE: '1000',
    TTS_RATE_LIMIT_PER_MINUTE: '1000',
    STT_RATE_LIMIT_PER_MINUTE: '1000',
    ...(mode === 'http' ? { INTERNAL_API_TOKEN: internalToken } : {}),
    WEB_ASSETS_DIR: await buildWebAssetsForTest(),
    ...extra,
  };
  const log = silentLogger;
  const order = await openOrder({ env, log });
  const backends: FunctionInstance[] = [order];
  for (const open of [openChat, openStt, openTts]) {
    // The backends share the order service in process either way; only web's path to them differs.
    backends.push(await open({ env, log, orderClient: order.orderClient! }));
  }
  const servers: RunningServer[] = [];
  let web: FunctionInstance;
  if (mode === 'in-process') {
    const siblings: Record<string, SiblingFetch> = Object.fromEntries(
      backends.map((instance) => [instance.name, (request: Request, connEnv?: unknown) => instance.app.fetch(request, connEnv)]),
    );
    const deps: FunctionDeps = { env: { ...env, ...webEnv }, log, siblings, orderClient: order.orderClient!, queueEvents: order.onQueueChange! };
    web = await openWeb(deps);
  } else {
    const backend = await listen(composeFunctions(backends).app.fetch, 0, '127.0.0.1');
    servers.push(backend);
    const url = `http://127.0.0.1:${backend.port}`;
    web = await openWeb({ env: { ...env, ORDER_API_URL: url, CHAT_API_URL: url, STT_API_URL: url, TTS_API_URL: url, ...webEnv }, log });
  }
  const all = [...backends, web];
  const server = await listen(composeFunctions(all).app.fetch, 0, '127.0.0.1');
  servers.push(server);
  const base = `http://127.0.0.1:${server.port}`;

  return {
    base,
    legacy: `${base}/legacy`,
    ws: `ws://127.0.0.1:${server.port}/legacy`,
    aai,
    openai,
    voiceprints,
    orderClient: order.orderClient!,
    /** A staff status change, through the order function's own route. */
    setStatus: async (orderId: string, status: string) =>
      fetch(`${base}/orders/${orderId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_STAFF_TOKEN}` },
        body: JSON.stringify({ status }),
      }),
    close: async () => {
      for (const running of servers.reverse()) await running.stop();
      for (const instance of all.reverse()) await instance.close();
      await aai.close();
      await openai.close();
    },
  };
}

export type LegacyShop = Awaited<ReturnType<typeof startLegacyShop>>;
