// The whole shop on one port: every bundled function in dist/ is imported and mounted on one
// Hono app by the paths its own routes declare. Bundled by esbuild to dist/local.mjs, next to
// the functions, so they all share one copy of each module.
import { Hono } from 'hono';
import { mount } from 'hono/mount';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readHttpConfig } from '../shared/config/http-config.ts';
import { readServerConfig } from '../shared/config/server-config.ts';
import type { Env } from '../shared/config/env.ts';
import type { FunctionInstance, OpenFunction, SiblingFetch } from '../shared/http/function-module.ts';
import { createLogger } from '../shared/http/logger.ts';
import { isEntryPoint, listen, stopOnSignals } from '../shared/http/serve.ts';

const START_ORDER = ['order', 'chat', 'stt', 'tts'];

export async function startLocalServer(processEnv: Env, distDir = dirname(fileURLToPath(import.meta.url))) {
  const generatedToken = processEnv.STAFF_TOKEN ? undefined : `dev-${randomBytes(12).toString('hex')}`;
  const generatedOwnerToken = processEnv.OWNER_TOKEN ? undefined : `owner-${randomBytes(12).toString('hex')}`;
  const env: Env = {
    ...processEnv,
    HOST: processEnv.HOST ?? '127.0.0.1',
    DB_PATH: processEnv.DB_PATH ?? './data/tea_orders.db',
    ...(generatedToken ? { STAFF_TOKEN: generatedToken } : {}),
    ...(generatedOwnerToken ? { OWNER_TOKEN: generatedOwnerToken } : {}),
  };
  const http = readHttpConfig(env);
  const serverConfig = readServerConfig(env);
  const log = createLogger({ level: http.logLevel });

  const names = readdirSync(distDir)
    .filter((file) => file.endsWith('.mjs') && file !== 'local.mjs')
    .map((file) => file.slice(0, -'.mjs'.length))
    .sort((a, b) => rank(a) - rank(b));

  const instances: FunctionInstance[] = [];
  // Filled as functions open; they call each other only at request time, when all are mounted.
  const siblings: Record<string, SiblingFetch> = {};
  for (const name of names) {
    const module = (await import(pathToFileURL(join(distDir, `${name}.mjs`)).href)) as { openFunction?: OpenFunction };
    if (!module.openFunction) continue;
    const orderClient = instances.find((instance) => instance.orderClient)?.orderClient;
    const checks = name === 'health' ? Object.fromEntries(instances.map((instance) => [instance.name, instance.check])) : undefined;
    const queueEvents = instances.find((instance) => instance.onQueueChange)?.onQueueChange;
    const instance = await module.openFunction({
      env,
      log,
      siblings,
      ...(orderClient ? { orderClient } : {}),
      ...(queueEvents ? { queueEvents } : {}),
      ...(checks ? { checks } : {}),
    });
    siblings[instance.name] = (request, connEnv) => instance.app.fetch(request, connEnv);
    instances.push(instance);
  }

  const shop = composeFunctions(instances);
  const server = await listen(shop.app.fetch, http.port, http.host, serverConfig);
  const url = `http://${http.host === '0.0.0.0' ? '127.0.0.1' : http.host}:${server.port}`;
  const stop = async () => {
    await server.stop();
    for (const instance of [...instances].reverse()) await instance.close();
  };
  const closeNow = () => {
    for (const instance of instances) instance.closeNow?.();
  };
  return {
    url,
    port: server.port,
    instances,
    owners: shop.owners,
    staffToken: env.STAFF_TOKEN,
    ownerToken: env.OWNER_TOKEN,
    generatedToken,
    generatedOwnerToken,
    log,
    stop,
    closeNow,
    forceAfterMs: serverConfig.shutdownGraceMs + 5_000,
  };
}

function rank(name: string): number {
  const index = START_ORDER.indexOf(name);
  return index === -1 ? (name === 'health' ? 100 : 50) : index;
}

/** Every function's paths as its Hono app routes them; global middleware (`*`) is nobody's path. */
export function routedPaths(instance: FunctionInstance): string[] {
  return [...new Set(instance.app.routes.map((route) => route.path))].filter((path) => path !== '*' && path !== '/*');
}

/**
 * One Hono app routing each path to the function whose routes declare it. Paths every function
 * has (`/openapi.json`) and `/` are health's, the shop's home; two other functions claiming one
 * path is a startup error. Anything unknown goes to health, whose 404 has the error shape.
 */
export function composeFunctions(instances: FunctionInstance[]): { app: Hono; owners: Map<string, string> } {
  const fallback = instances.find((instance) => instance.name === 'health') ?? instances[0]!;
  const shop = new Hono();
  const owners = new Map<string, string>();
  for (const instance of [fallback, ...instances.filter((instance) => instance !== fallback)]) {
    // The request goes on unchanged (full path, the connection's env for WebSocket upgrades).
    const forward = mount(instance.app.fetch, { replaceRequest: false });
    for (const path of routedPaths(instance)) {
      const owner = owners.get(path);
      if (owner === fallback.name) continue;
      if (owner) throw new Error(`both ${owner} and ${instance.name} route ${path}`);
      owners.set(path, instance.name);
      shop.all(path, forward);
    }
  }
  shop.notFound((c) => fallback.app.fetch(c.req.raw, c.env));
  return { app: shop, owners };
}

/** The first path segments each function answers on the shared port, for the start-up banner. */
export function routeList(url: string, instances: FunctionInstance[], owners: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const { name } of instances) {
    const tops = new Set([...owners].filter(([, owner]) => owner === name).map(([path]) => (path === '/' ? '/' : `/${path.split('/')[1]}`)));
    for (const top of tops) if (top !== '/healthz' && top !== '/openapi.json') lines.push(`  ${url}${top}  (${name})`);
  }
  return lines;
}

/** The shop's pages (the web function), first thing a newcomer opens. */
export function pageLines(url: string, instances: FunctionInstance[]): string[] {
  if (!instances.some((instance) => instance.name === 'web')) return [];
  return [
    'pages:',
    `  customer ordering page  ${url}/order-here`,
    `  staff board             ${url}/staff`,
    `  pickup screen           ${url}/display`,
    `  owner's menu and day    ${url}/owner`,
    'API routes:',
  ];
}

export async function runLocalServer(processEnv: Env): Promise<void> {
  let started: Awaited<ReturnType<typeof startLocalServer>>;
  try {
    started = await startLocalServer(processEnv);
  } catch (error) {
    // A configuration mistake is the usual cause: say it in one line, not a stack trace.
    process.stderr.write(`tea-order-agent could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const lines = [
    '',
    `tea-order-agent is running at ${started.url}`,
    `functions: ${started.instances.map((instance) => instance.name).join(', ')}`,
    ...pageLines(started.url, started.instances),
    ...routeList(started.url, started.instances, started.owners),
    started.generatedToken ? `staff token (generated for this run; set STAFF_TOKEN to choose one): ${started.generatedToken}` : 'staff token: from STAFF_TOKEN',
    started.generatedOwnerToken
      ? `owner token (menu and prices; generated for this run; set OWNER_TOKEN to choose one): ${started.generatedOwnerToken}`
      : 'owner token: from OWNER_TOKEN',
    'Ctrl+C to stop.',
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  stopOnSignals({ stop: started.stop, forceNow: started.closeNow, log: started.log, forceAfterMs: started.forceAfterMs });
}

if (isEntryPoint(import.meta.url)) void runLocalServer(process.env);
