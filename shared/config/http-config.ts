import * as v from 'valibot';
import { LOG_LEVELS } from '../http/logger.ts';
import { InternalTokenSchema } from './internal-token.ts';
import { intFromString, listFromString, parseEnv, type Env } from './env.ts';

const HttpConfigSchema = v.object({
  PORT: intFromString(8000, 0, 65535), // 0: the OS picks a free port, logged as it starts (tests)
  HOST: v.optional(v.string(), '0.0.0.0'),
  ALLOWED_ORIGINS: listFromString(),
  // Proxies in front whose X-Forwarded-For hop is trusted for client identity (client-key.ts).
  TRUST_PROXY_HOPS: intFromString(0, 0, 10),
  // The service token siblings share.
  INTERNAL_API_TOKEN: InternalTokenSchema,
  LOG_LEVEL: v.optional(v.picklist(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`), 'info'),
});

export type HttpConfig = {
  port: number;
  host: string;
  allowedOrigins: string[];
  trustProxyHops: number;
  internalToken?: string;
  logLevel: (typeof LOG_LEVELS)[number];
};

export function readHttpConfig(env: Env): HttpConfig {
  const raw = parseEnv(HttpConfigSchema, env);
  return {
    port: raw.PORT,
    host: raw.HOST,
    allowedOrigins: raw.ALLOWED_ORIGINS,
    trustProxyHops: raw.TRUST_PROXY_HOPS,
    ...(raw.INTERNAL_API_TOKEN ? { internalToken: raw.INTERNAL_API_TOKEN } : {}),
    logLevel: raw.LOG_LEVEL,
  };
}
