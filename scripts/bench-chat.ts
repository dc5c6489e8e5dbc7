// npm run bench:chat — the cost of a chat turn without a model, and of falling through a
// provider whose circuit breaker is open.
//  1. POST /chat with the rules provider on the built local server, 50 connections, ~10 s.
//  2. In process: turns with the chain [rules] vs [openrouter (breaker open) → rules], same
//     order service, same utterances: the difference is what an open breaker adds.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readChatConfig } from '../functions/chat/config.ts';
import { buildAgentChain } from '../functions/chat/providers.ts';
import { createChatTurnRunner } from '../shared/agent/run-chat-turn.ts';
import { silentLogger } from '../shared/http/logger.ts';
import { createInProcessOrderClient } from '../shared/order-client/in-process-order-client.ts';
import { buildBundlesForTest } from '../shared/testing/build-bundles.ts';
import { startMockOpenAI } from '../shared/testing/mock-openai-chat.ts';
import { openTestOrderService } from '../shared/testing/order-fixture.ts';
import { freePort } from '../shared/testing/spawn-bundle.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function httpRun() {
  const dist = await buildBundlesForTest('bench-chat');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tea-bench-chat-'));
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', `import(${JSON.stringify(join(dist, 'local.mjs'))}).then((m) => m.runLocalServer(process.env))`],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        DB_PATH: join(dir, 'orders.db'),
        LOG_LEVEL: 'warn',
        CHAT_RATE_LIMIT_PER_MINUTE: '100000',
        TTS_OFFLINE_WARMUP: 'off',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()).includes('running at') && resolve());
    child.once('exit', (code) => reject(new Error(`local server exited with ${code}: ${output}`)));
  });
  const url = `http://127.0.0.1:${port}/chat`;
  const body = JSON.stringify({ message: '我要两杯大杯珍珠奶茶，半糖少冰' });
  const run = () => autocannon({ url, method: 'POST', connections: 50, duration: seconds, headers: { 'content-type': 'application/json' }, body });
  await autocannon({ url, method: 'POST', connections: 50, duration: 2, headers: { 'content-type': 'application/json' }, body });
  const result = await run();
  child.kill('SIGTERM');
  return result;
}

async function inProcessRun(withDeadProvider: boolean, mockBaseUrl: string, turns: number, mockRequests: () => number) {
  const { service, opened } = openTestOrderService();
  const env = withDeadProvider
    ? { OPENROUTER_API_KEY: 'bench', OPENROUTER_BASE_URL: mockBaseUrl, CHAT_BREAKER_FAILURES: '1', CHAT_BREAKER_COOLDOWN_MS: '3600000' }
    : {};
  const chain = buildAgentChain(readChatConfig(env), silentLogger);
  const runTurn = createChatTurnRunner({ orders: createInProcessOrderClient(service), chain, log: silentLogger });
  const signal = new AbortController().signal;
  if (withDeadProvider) await runTurn({ message: 'hello' }, { signal }); // the one failure that opens the breaker
  const callsBefore = mockRequests();
  const timings: number[] = [];
  const providers = new Set<string>();
  for (let i = 0; i < turns; i += 1) {
    const started = performance.now();
    const response = await runTurn({ message: i % 2 ? 'a large oolong milk tea, half sugar, no ice' : '来一杯中杯茉莉绿茶，无糖，热的' }, { signal });
    timings.push(performance.now() - started);
    providers.add(response.provider);
  }
  opened.close();
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 50), p99: percentile(timings, 99), providers: [...providers], providerCalls: mockRequests() - callsBefore };
}

const http = await httpRun();
console.log(`\nPOST /chat (rules provider, local server), 50 connections, ${seconds} s`);
console.log(
  `  ${http.requests.average.toFixed(0)} turns/s   p50 ${http.latency.p50} ms   p99 ${http.latency.p99} ms   errors ${http.errors + http.non2xx}   (target p99 <= 20 ms)`,
);

const mock = await startMockOpenAI(); // answers every request with a loud 500: a provider that fails fast
const turns = 2000;
const rulesOnly = await inProcessRun(false, mock.baseUrl, turns, () => mock.requests.length);
const openBreaker = await inProcessRun(true, mock.baseUrl, turns, () => mock.requests.length);
await mock.close();
console.log(`\nIn-process turns (${turns} each):`);
console.log(
  `  rules only:                       p50 ${rulesOnly.p50.toFixed(2)} ms   p99 ${rulesOnly.p99.toFixed(2)} ms   answered by ${rulesOnly.providers.join(',')}`,
);
console.log(
  `  openrouter (breaker open) → rules: p50 ${openBreaker.p50.toFixed(2)} ms   p99 ${openBreaker.p99.toFixed(2)} ms   answered by ${openBreaker.providers.join(',')}`,
);
console.log(
  `  added by the open breaker: p50 ${(openBreaker.p50 - rulesOnly.p50).toFixed(2)} ms, p99 ${(openBreaker.p99 - rulesOnly.p99).toFixed(2)} ms (target <= 5 ms)`,
);
console.log(`  calls to the dead provider while its breaker was open: ${openBreaker.providerCalls}`);
