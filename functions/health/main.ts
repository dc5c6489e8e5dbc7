import { readHttpConfig } from '../../shared/config/http-config.ts';
import type { HealthCheck, OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createHealthApp } from './app.ts';
import { readSiblingUrls } from './config.ts';

export const openFunction: OpenFunction = async ({ env, log, checks }) => {
  const { allowedOrigins, trustProxyHops } = readHttpConfig(env);
  const urls = readSiblingUrls(env);
  const app = createHealthApp({ log, allowedOrigins, trustProxyHops, urls, checks: checks ?? remoteChecks(urls) });
  return { name: 'health', app, check: async () => ({ status: 'ok' }), close: async () => {} };
};

/** On Modal each sibling is its own web endpoint: ask its /healthz/<name>. */
function remoteChecks(urls: Partial<Record<string, string>>): Record<string, () => Promise<HealthCheck>> {
  return Object.fromEntries(
    Object.entries(urls)
      .filter(([name]) => name !== 'health')
      .map(([name, url]) => [
        name,
        async (): Promise<HealthCheck> => {
          const response = await fetch(`${url}/healthz/${name}`, { signal: AbortSignal.timeout(3000) });
          const body = (await response.json().catch(() => ({}))) as Partial<HealthCheck>;
          return { ...body, status: body.status ?? (response.ok ? 'ok' : 'down') };
        },
      ]),
  );
}

if (isEntryPoint(import.meta.url)) void runStandalone('health', openFunction, process.env);
