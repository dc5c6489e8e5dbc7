import type { FunctionDeps } from '../../../shared/http/function-module.ts';
import { createHttpOrderClient } from '../../../shared/order-client/http-order-client.ts';
import { createChatClient } from './chat-client.ts';
import type { LegacyDeps } from './legacy-app.ts';
import { readLegacyConfig } from './legacy-config.ts';
import { createQueueFeed, type QueueWatch } from './queue-feed.ts';
import type { PublicQueue } from './queue-view.ts';
import { createRemoteQueueWatch } from './queue-watch-ws.ts';
import { createServiceCaller } from './service-caller.ts';
import { createSttClient } from './stt-client.ts';
import { createTtsClient } from './tts-client.ts';

/**
 * The legacy layer's clients from the function's environment: in process on the local server
 * (siblings, orderClient, queueEvents given), over HTTP on Modal (CHAT_API_URL, STT_API_URL,
 * TTS_API_URL, ORDER_API_URL).
 */
export function buildLegacyDeps({ env, log, orderClient, siblings = {}, queueEvents }: FunctionDeps): LegacyDeps {
  const config = readLegacyConfig(env, { order: orderClient !== undefined, chat: !!siblings.chat, stt: !!siblings.stt, tts: !!siblings.tts });
  const orders =
    orderClient ?? createHttpOrderClient({ baseUrl: config.ORDER_API_URL!, ...(config.INTERNAL_API_TOKEN ? { token: config.INTERNAL_API_TOKEN } : {}) });
  const caller = (name: 'chat' | 'stt' | 'tts', baseUrl: string | undefined, timeoutMs: number) =>
    createServiceCaller({
      name,
      timeoutMs,
      ...(config.INTERNAL_API_TOKEN ? { token: config.INTERNAL_API_TOKEN } : {}),
      ...(siblings[name] ? { sibling: siblings[name] } : baseUrl ? { baseUrl } : {}),
    });

  const load = (signal?: AbortSignal): Promise<PublicQueue> => orders.getQueue(signal ? { signal } : {});
  const watch: QueueWatch =
    queueEvents && orderClient ? (changed) => queueEvents(() => changed()) : createRemoteQueueWatch({ orderUrl: config.ORDER_API_URL!, log });

  return {
    log,
    orders,
    // A turn may fall through the whole provider chain; transcription may poll for a while.
    chat: createChatClient(caller('chat', config.CHAT_API_URL, 45_000)),
    stt: createSttClient(caller('stt', config.STT_API_URL, 60_000)),
    tts: createTtsClient(caller('tts', config.TTS_API_URL, 30_000)),
    queue: createQueueFeed({ load, watch, onError: (err) => log.warn('legacy queue load failed', { fn: 'web', err }) }),
    limits: { chat: config.CHAT_RATE_LIMIT_PER_MINUTE, stt: config.STT_RATE_LIMIT_PER_MINUTE, tts: config.TTS_RATE_LIMIT_PER_MINUTE },
  };
}
