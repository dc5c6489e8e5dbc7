import type { Hono } from 'hono';
import type { Env } from '../config/env.ts';
import type { OrderClient } from '../order-client/order-client.ts';
import type { AppEnv } from './app-env.ts';
import type { Logger } from './logger.ts';

export type HealthStatus = 'ok' | 'degraded' | 'down';
export type HealthCheck = { status: HealthStatus } & Record<string, unknown>;

/** One running function: its Hono app, its own health check, and how to stop it. */
export type FunctionInstance = {
  name: string;
  app: Hono<AppEnv>;
  check(): Promise<HealthCheck>;
  close(): Promise<void>;
  /** The forced-exit path's last resort, synchronous (order: the final snapshot). */
  closeNow?(): void;
  /** Only `order` has one: the in-process client its siblings use on the local server. */
  orderClient?: OrderClient;
  /** Only `order` has one: queue change notifications for its siblings on the local server. */
  onQueueChange?: QueueEvents;
};

/** A sibling function's own fetch handler, called in process (`env` carries the caller's connection). */
export type SiblingFetch = (request: Request, env?: unknown) => Response | Promise<Response>;
/** Subscribes to queue changes; returns the unsubscribe function. */
export type QueueEvents = (listener: () => void) => () => void;

export type FunctionDeps = {
  env: Env;
  log: Logger;
  /** Given by the local server: the order service in-process instead of over HTTP. */
  orderClient?: OrderClient;
  /** Given by the local server to `health`: every mounted function's own check. */
  checks?: Record<string, () => Promise<HealthCheck>>;
  /** Given by the local server: every mounted function's handler by name, to call it in process instead of over HTTP. */
  siblings?: Partial<Record<string, SiblingFetch>>;
  /** Given by the local server: the order service's queue changes, in process. */
  queueEvents?: QueueEvents;
};

export type OpenFunction = (deps: FunctionDeps) => Promise<FunctionInstance>;
