import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readOrderConfig } from '../../functions/order/config.ts';
import { readChatConfig } from '../../functions/chat/config.ts';
import { readHttpConfig } from './http-config.ts';
import { ConfigError, intFromString, optionalUrl, parseEnv } from './env.ts';

describe('configuration', () => {
  it('fails with a message naming the bad variable', () => {
    expect(() => readHttpConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readHttpConfig({ PORT: 'eighty' })).toThrow(/PORT: must be an integer/);
    expect(() => readOrderConfig({ SHOP_TIMEZONE: 'Mars/Olympus' })).toThrow(/SHOP_TIMEZONE/);
    expect(() => readOrderConfig({ STAFF_TOKEN: 'short' })).toThrow(/STAFF_TOKEN: must be at least 16 characters/);
    expect(() => readChatConfig({ VLLM_BASE_URL: 'not a url' })).toThrow(/VLLM_BASE_URL/);
  });

  it('applies defaults and treats empty values as unset', () => {
    expect(readHttpConfig({})).toMatchObject({ port: 8000, host: '0.0.0.0', allowedOrigins: [], logLevel: 'info' });
    expect(readHttpConfig({ PORT: '0' }).port).toBe(0);
    expect(() => readHttpConfig({ PORT: '65536' })).toThrow(/PORT/);
    expect(readHttpConfig({ PORT: '', ALLOWED_ORIGINS: 'https://a.example, https://b.example' })).toMatchObject({
      port: 8000,
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
    expect(readHttpConfig({}).trustProxyHops).toBe(0);
    expect(readHttpConfig({ TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
    expect(() => readHttpConfig({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
    expect(readOrderConfig({}).queueWatchLimits).toMatchObject({
      maxPerClient: 100,
      maxTotal: 2000,
      maxBufferedBytes: 262_144,
      stuckMs: 30_000,
      minIntervalMs: 200,
    });
    expect(readOrderConfig({ QUEUE_WS_MAX_PER_CLIENT: '8' }).queueWatchLimits.maxPerClient).toBe(8);
    expect([readOrderConfig({}).fastPath, readOrderConfig({ ORDER_FAST_PATH: 'off' }).fastPath]).toEqual([true, false]);
    expect(() => readOrderConfig({ ORDER_FAST_PATH: 'fast' })).toThrow(/ORDER_FAST_PATH/);
    const schema = v.object({ URL: optionalUrl(), N: intFromString(5, 1, 10) });
    expect(parseEnv(schema, { URL: 'https://x.example/v1/', N: '' })).toEqual({ URL: 'https://x.example/v1', N: 5 });
  });
});
