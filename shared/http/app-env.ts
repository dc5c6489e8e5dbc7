import type { Logger } from './logger.ts';

/** Context variables every function's app has. */
export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    trustProxyHops: number;
    /** The end client a sibling function vouched for (X-Tea-Client with the internal token); see client-key.ts. */
    vouchedClient?: string;
  };
};
