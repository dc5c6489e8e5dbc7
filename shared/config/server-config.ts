import * as v from 'valibot';
import { intFromString, parseEnv, type Env } from './env.ts';

// How long the HTTP server waits on a client, and how it shuts down (README "Timeouts and shutdown").
const ServerConfigSchema = v.object({
  HTTP_HEADERS_TIMEOUT_MS: intFromString(10_000, 100, 600_000),
  HTTP_REQUEST_TIMEOUT_MS: intFromString(30_000, 100, 3_600_000),
  HTTP_UPLOAD_TIMEOUT_MS: intFromString(120_000, 100, 3_600_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: intFromString(5_000, 100, 600_000),
  SHUTDOWN_GRACE_MS: intFromString(3_000, 0, 60_000),
});

export type ServerConfig = {
  /** A client must finish sending its request line and headers within this. */
  headersTimeoutMs: number;
  /** ...and the whole request, body included, within this. */
  requestTimeoutMs: number;
  /** The same for audio uploads (paths under `uploadPrefixes`). */
  uploadTimeoutMs: number;
  uploadPrefixes: string[];
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** On SIGTERM, in-flight requests get this long before their connections are cut. */
  shutdownGraceMs: number;
};

export function readServerConfig(env: Env): ServerConfig {
  const raw = parseEnv(ServerConfigSchema, env);
  return {
    headersTimeoutMs: raw.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: raw.HTTP_REQUEST_TIMEOUT_MS,
    uploadTimeoutMs: raw.HTTP_UPLOAD_TIMEOUT_MS,
    uploadPrefixes: ['/stt'],
    keepAliveTimeoutMs: raw.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
  };
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = readServerConfig({});
