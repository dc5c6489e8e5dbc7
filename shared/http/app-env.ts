import type { Logger } from './logger.ts';

/** Context variables every function's app has. */
export type AppEnv = { Variables: { requestId: string; log: Logger; trustProxyHops: number } };
