import * as v from 'valibot';
import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { HealthCheck, HealthStatus, OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createHealthApp } from './app.ts';
import { readSiblingUrls } from './config.ts';

export const openFunction: OpenFunction = async ({ env, log, checks }) => {
  const { allowedOrigins, trustProxyHops } = readHttpConfig(env);
  const urls = readSiblingUrls(env);
  const app = createHealthApp({ log, allowedOrigins, trustProxyHops, urls, checks: checks ?? remoteChecks(urls) });
  return { name: 'health', app, check: async () => ({ status: 'ok' }), close: async () => {} };
};

const STATUSES: HealthStatus[] = ['ok', 'degraded', 'down'];
/** A sibling's /healthz answer: its status (when it gives one) and whatever else it found. */
const SiblingCheckSchema = v.looseObject({ status: v.optional(v.picklist(STATUSES)) });

/** On Modal each sibling is its own web endpoint: ask its /healthz/<name>. */
function remoteChecks(urls: Partial<Record<string, string>>): Record<string, () => Promise<HealthCheck>> {
  return Object.fromEntries(
    Object.entries(urls)
      .filter(([name]) => name !== 'health')
      .map(([name, url]) => [
        name,
        async (): Promise<HealthCheck> => {
          const response = await fetch(`${url}/healthz/${name}`, { signal: AbortSignal.timeout(3000) });
          const parsed = v.safeParse(SiblingCheckSchema, await response.json().catch(() => ({})));
          const body = parsed.success ? parsed.output : {};
          return { ...body, status: body.status ?? (response.ok ? 'ok' : 'down') };
        },
      ]),
  );
}

if (isEntryPoint(import.meta.url)) void runStandalone('health', openFunction, process.env);
