import type Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from '../shared/http/app-env.ts';
import { silentLogger } from '../shared/http/logger.ts';
import { defaultMenuDefinition } from '../shared/menu/load-menu-file.ts';
import { encodeWav } from '../shared/speech/wav.ts';
import { createTestChatApp } from '../shared/testing/chat-fixture.ts';
import { startMockAssemblyAI } from '../shared/testing/mock-assemblyai.ts';
import { startMockOpenAIAudio } from '../shared/testing/mock-openai-audio.ts';
import { createTestOrderApp, ownerHeaders, sampleLine, staffHeaders } from '../shared/testing/order-fixture.ts';

const { items: MENU_ITEMS, toppings: TOPPINGS } = defaultMenuDefinition();
import { openFunction as openHealth } from './health/main.ts';
import { openFunction as openStt } from './stt/main.ts';
import { openFunction as openTts } from './tts/main.ts';

// Property-based fuzzing of every route's body and query (issue 11): for thousands of generated
// requests per route, near-valid and garbage alike, the answer is never a 5xx, every error has
// the error shape, and a rejected request writes nothing (the database's fingerprint is unmoved).
// FUZZ_RUNS=20000 npx vitest run functions/routes.fuzz.test.ts digs deeper.
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

type App = Hono<AppEnv>;

/**
 * What a write would move: row counts, session versions, last update times. (Not SQLite's
 * total_changes(): the write batcher's rolled-back attempts count there too.)
 */
function fingerprintOf(sqlite: Database.Database): () => string {
  const query = sqlite
    .prepare(`SELECT
    (SELECT count(*) || ':' || coalesce(max(updated_at), '') FROM orders) || '|' ||
    (SELECT count(*) FROM order_lines) || '|' || (SELECT count(*) FROM order_status_events) || '|' ||
    (SELECT count(*) FROM idempotency_keys) || '|' ||
    (SELECT count(*) || ':' || total(version) || ':' || coalesce(max(updated_at), '') FROM sessions) || '|' ||
    (SELECT count(*) || ':' || coalesce(max(updated_at), '') FROM menu_availability) || '|' ||
    (SELECT count(*) FROM menu_versions)`)
    .pluck();
  return () => query.get() as string;
}
type Sent = { method: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> };

const ERROR_CODE = /^[a-z][a-z0-9_]*$/;

async function exchange(app: App, sent: Sent, changes: () => unknown): Promise<void> {
  const before = changes();
  const response = await app.request(sent.path, {
    method: sent.method,
    ...(sent.headers ? { headers: sent.headers } : {}),
    ...(sent.body !== undefined ? { body: sent.body } : {}),
  });
  const text = await response.text();
  const context = `${sent.method} ${sent.path} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);
  if (response.status < 400 || sent.method === 'HEAD') return;
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  expect(Object.keys(body), context).toEqual(['error']);
  expect(body.error?.code, context).toMatch(ERROR_CODE);
  expect(typeof body.error?.message, context).toBe('string');
  if (body.error?.details !== undefined) expect(typeof body.error.details, context).toBe('object');
  expect(changes(), `${context}: a rejected request wrote to the database`).toBe(before);
}

function fuzz(app: () => App, changes: () => unknown, arbitrary: fc.Arbitrary<Sent>, runs = RUNS) {
  return fc.assert(
    fc.asyncProperty(arbitrary, (sent) => exchange(app(), sent, changes)),
    { numRuns: runs },
  );
}

// Building blocks: garbage, near-valid values, and ways to send them.
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('', ' ', '\u202E', '\u0000', '%', '%E0%A4%A', '../', '😀'));
const printable = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const maybe = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });
const orJunk = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: junk });
const pathSegment = fc.oneof(
  anyText.map(encodeURIComponent),
  fc.stringMatching(/^[%0-9A-Za-z._~-]{1,16}$/),
  fc.constantFrom('ord_missing', '..', '%2e%2e', '%ff', '%'),
);
const queryOf = (keys: fc.Arbitrary<string>, values: fc.Arbitrary<string>) =>
  fc.oneof(
    fc.dictionary(fc.oneof(keys, anyText), fc.oneof(values, anyText), { maxKeys: 4 }).map((query) => new URLSearchParams(query).toString()),
    fc.stringMatching(/^[\x21-\x22\x24-\x7e]{0,30}$/), // raw, '#' left out (it ends the path)
  );
const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path);

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'application/vnd.api+json',
      'multipart/form-data; boundary=x',
    ),
  },
);
const jsonText = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: anyText },
    { weight: 1, arbitrary: fc.constantFrom('{', '[]', '{"a":1}{', 'nul', `{"lines":[${'['.repeat(3000)}`) },
  );
const jsonRequest = (
  method: string,
  path: fc.Arbitrary<string>,
  body: fc.Arbitrary<unknown>,
  headers: fc.Arbitrary<Record<string, string>> = fc.constant({}),
): fc.Arbitrary<Sent> =>
  fc
    .record({ path, body: jsonText(body), type: contentType, extra: headers })
    .map(({ path, body, type, extra }) => ({ method, path, body, headers: { 'content-type': type, ...extra } }));

const line = fc.record(
  {
    itemId: orJunk(fc.constantFrom(...MENU_ITEMS.map((item) => item.id), 'latte')),
    size: orJunk(fc.constantFrom('M', 'L', 'XL')),
    sugar: orJunk(fc.constantFrom(0, 30, 50, 70, 100, 40)),
    ice: orJunk(fc.constantFrom('regular', 'light', 'none', 'room', 'hot')),
    toppings: orJunk(fc.array(fc.oneof(fc.constantFrom(...TOPPINGS.map((topping) => topping.id)), anyText), { maxLength: 5 })),
    quantity: orJunk(fc.integer({ min: -1, max: 22 })),
    unitPrice: fc.integer(),
  },
  { requiredKeys: ['itemId', 'size', 'sugar', 'ice'] },
);
const lines = orJunk(fc.array(line, { maxLength: 22 }));
const customerName = orJunk(anyText);
const idempotency = fc.oneof(
  fc.constant({}),
  printable.map((key) => ({ 'idempotency-key': key })),
);
const staffOrNot: fc.Arbitrary<Record<string, string>> = fc.constantFrom<Record<string, string>>(
  {},
  { authorization: staffHeaders.authorization },
  { authorization: 'Bearer nope' },
);

describe('fuzzing every route: never a 5xx, always the error shape, nothing written when rejected', { timeout: 60_000 }, () => {
  describe('order', () => {
    const { app, opened, service } = createTestOrderApp({ orderRatePerMinute: 1_000_000_000 });
    const changes = fingerprintOf(opened.sqlite);
    const ids: string[] = [];
    const sessionIds: string[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 3; i += 1) ids.push((await service.createOrder({ lines: [sampleLine], customerName: `Guest ${i}` })).order.id);
      for (let i = 0; i < 3; i += 1) sessionIds.push((await service.createSession()).id);
    });
    const orderId = fc.oneof(
      fc.constantFrom(...['0', '1', '2'].map((i) => i)).map((i) => ids[Number(i)] ?? 'ord_missing'),
      pathSegment,
    );
    const sessionId = fc.oneof(
      fc.constantFrom(0, 1, 2).map((i) => sessionIds[i] ?? 'missing'),
      pathSegment,
    );
    const run = (arbitrary: fc.Arbitrary<Sent>) => fuzz(() => app, changes, arbitrary);

    it('POST /orders', () =>
      run(
        jsonRequest(
          'POST',
          fc.constant('/orders'),
          fc.record({ lines, customerName, sessionId: orJunk(fc.string({ maxLength: 70 })) }, { requiredKeys: ['lines'] }),
          idempotency,
        ),
      ));

    it('GET /orders/lookup', () =>
      run(
        queryOf(fc.constantFrom('orderId', 'pickupCode'), fc.oneof(fc.nat(2000).map(String), fc.constantFrom(...(ids.length ? ids : ['x'])))).map((query) => ({
          method: 'GET',
          path: withQuery('/orders/lookup', query),
        })),
      ));

    it('GET /orders (staff) and GET /orders/:id, /orders/:id/events', () =>
      run(
        fc.oneof(
          fc
            .record({
              query: queryOf(
                fc.constantFrom('status', 'limit'),
                fc.oneof(fc.constantFrom('placed', 'ready', 'eaten'), fc.integer({ min: -5, max: 300 }).map(String)),
              ),
              auth: staffOrNot,
            })
            .map(({ query, auth }) => ({ method: 'GET', path: withQuery('/orders', query), headers: auth })),
          fc
            .record({ id: orderId, events: fc.boolean(), auth: staffOrNot, query: queryOf(fc.constant('x'), printable) })
            .map(({ id, events, auth, query }) => ({ method: 'GET', path: withQuery(`/orders/${id}${events ? '/events' : ''}`, query), headers: auth })),
        ),
      ));

    it('PATCH /orders/:id (staff)', () =>
      run(
        fc
          .tuple(orderId, staffOrNot)
          .chain(([id, auth]) =>
            jsonRequest(
              'PATCH',
              fc.constant(`/orders/${id}`),
              fc.record({ status: orJunk(fc.constantFrom('placed', 'preparing', 'ready', 'completed', 'cancelled', 'eaten')) }, { requiredKeys: [] }),
              fc.constant(auth),
            ),
          ),
      ));

    it('PUT /menu/items/:id/availability (staff)', () =>
      run(
        fc
          .tuple(fc.oneof(fc.constantFrom(...MENU_ITEMS.map((item) => item.id)), pathSegment), staffOrNot)
          .chain(([id, auth]) =>
            jsonRequest(
              'PUT',
              fc.constant(`/menu/items/${id}/availability`),
              fc.record({ available: orJunk(fc.boolean()) }, { requiredKeys: [] }),
              fc.constant(auth),
            ),
          ),
      ));

    const ownerOrNot = fc.constantFrom<Record<string, string>>(
      {},
      { authorization: ownerHeaders.authorization },
      { authorization: staffHeaders.authorization },
    );
    const menuFile = defaultMenuDefinition();
    // Near-valid menus: the exported one with one field replaced by junk (a valid one may be saved, 200).
    const nearMenu = fc
      .record({ field: fc.constantFrom('items', 'sizes', 'sugar', 'ice', 'toppings', 'limits', 'version', 'currency'), value: junk })
      .map(({ field, value }) => ({ ...menuFile, [field]: value }));
    it('PUT /menu and PATCH /menu/items/:id (owner)', () =>
      run(
        fc.oneof(
          ownerOrNot.chain((auth) => jsonRequest('PUT', fc.constant('/menu'), fc.oneof(nearMenu, junk), fc.constant(auth))),
          fc.tuple(fc.oneof(fc.constantFrom(...MENU_ITEMS.map((item) => item.id)), pathSegment), ownerOrNot).chain(([id, auth]) =>
            jsonRequest(
              'PATCH',
              fc.constant(`/menu/items/${id}`),
              fc.record(
                {
                  prices: orJunk(fc.dictionary(fc.constantFrom('M', 'L', 'XL', ''), fc.oneof(fc.integer({ min: -10, max: 5000 }), fc.constant(null)))),
                  name: junk,
                  sugar: junk,
                  available: junk,
                  version: junk,
                },
                { requiredKeys: [] },
              ),
              fc.constant(auth),
            ),
          ),
        ),
      ));

    it('GET /menu and GET /queue', () =>
      run(
        fc
          .record({ path: fc.constantFrom('/menu', '/queue', '/queue/ws'), query: queryOf(fc.constant('lang'), printable), auth: staffOrNot })
          .map(({ path, query, auth }) => ({ method: 'GET', path: withQuery(path, query), headers: auth })),
      ));

    it('POST /sessions and GET /sessions/:id', () =>
      run(
        fc.oneof(
          jsonRequest('POST', fc.constant('/sessions'), fc.record({ lang: orJunk(fc.constantFrom('zh', 'en', 'fr')) }, { requiredKeys: [] })),
          sessionId.map((id) => ({ method: 'GET', path: `/sessions/${id}` })),
        ),
      ));

    const commit = fc.record(
      {
        expectedVersion: orJunk(fc.integer({ min: -1, max: 4 })),
        state: orJunk(fc.constantFrom('empty', 'collecting', 'confirming', 'placed', 'dancing')),
        cart: orJunk(
          fc.array(
            fc.tuple(line, fc.oneof(fc.constantFrom('a', 'b'), anyText)).map(([l, lineId]) => ({ ...l, lineId })),
            { maxLength: 4 },
          ),
        ),
        draft: orJunk(
          fc.option(
            fc.record({ itemId: fc.constantFrom('pearl-milk-tea', 'x'), size: fc.constantFrom('M', 'S'), missing: fc.constant([]) }, { requiredKeys: [] }),
            { nil: null },
          ),
        ),
        append: orJunk(
          fc.array(fc.record({ role: orJunk(fc.constantFrom('user', 'assistant', 'tool')), content: orJunk(fc.string({ maxLength: 50 })) }), { maxLength: 3 }),
        ),
        pending: fc.oneof(fc.jsonValue({ maxDepth: 10 }), fc.constant(null)),
        lang: orJunk(fc.constantFrom('zh', 'en')),
        placeOrder: orJunk(fc.boolean()),
        customerName,
      },
      { requiredKeys: [] },
    );
    it('POST /sessions/:id/commit', () => run(sessionId.chain((id) => jsonRequest('POST', fc.constant(`/sessions/${id}/commit`), commit, idempotency))));

    it('POST /sessions/:id/checkout', () =>
      run(
        sessionId.chain((id) =>
          jsonRequest(
            'POST',
            fc.constant(`/sessions/${id}/checkout`),
            fc.record({ expectedVersion: orJunk(fc.integer({ min: -1, max: 4 })) }, { requiredKeys: [] }),
            idempotency,
          ),
        ),
      ));
  });

  describe('chat', () => {
    const { app, opened } = createTestChatApp({ CHAT_RATE_LIMIT_PER_MINUTE: '100000' });
    const changes = fingerprintOf(opened.sqlite);
    const message = orJunk(
      fc.oneof(
        fc.constantFrom('我要一杯大杯珍珠奶茶', 'one large taro milk tea, half sugar, light ice', '好的', '9号订单好了吗'),
        fc.string({ maxLength: 520 }),
      ),
    );
    it('POST /chat', () =>
      fuzz(
        () => app as unknown as App,
        changes,
        jsonRequest(
          'POST',
          fc.constant('/chat'),
          fc.record(
            { message, sessionId: orJunk(fc.oneof(fc.uuid(), fc.string({ maxLength: 70 }))), lang: orJunk(fc.constantFrom('zh', 'en', 'jp')) },
            { requiredKeys: [] },
          ),
        ),
      ));
    it('GET /chat/:sessionId and /chat/ws without an upgrade', () =>
      fuzz(
        () => app as unknown as App,
        changes,
        fc
          .record({ id: fc.oneof(pathSegment, fc.uuid(), fc.constant('ws')), query: queryOf(fc.constant('lang'), printable) })
          .map(({ id, query }) => ({ method: 'GET', path: withQuery(`/chat/${id}`, query) })),
      ));
  });

  describe('stt, tts, health', () => {
    let aai: Awaited<ReturnType<typeof startMockAssemblyAI>>;
    let audio: Awaited<ReturnType<typeof startMockOpenAIAudio>>;
    let stt: App;
    let tts: App;
    let health: App;
    const noDatabase = () => 0;
    beforeAll(async () => {
      aai = await startMockAssemblyAI();
      audio = await startMockOpenAIAudio({ apiKey: 'fuzz-key' });
      stt = (
        await openStt({
          env: {
            WHISPER_BASE_URL: audio.baseUrl,
            WHISPER_API_KEY: 'fuzz-key',
            ASSEMBLYAI_API_KEY: aai.apiKey,
            ASSEMBLYAI_BASE_URL: 'http://127.0.0.1:9',
            ASSEMBLYAI_STREAMING_BASE_URL: aai.baseUrl,
            STT_PROVIDER_TIMEOUT_MS: '2000',
            STT_RATE_LIMIT_PER_MINUTE: '100000',
            STT_TOKEN_RATE_LIMIT_PER_MINUTE: '100000',
          },
          log: silentLogger,
        })
      ).app;
      tts = (
        await openTts({
          env: { TTS_BASE_URL: audio.baseUrl, TTS_API_KEY: 'fuzz-key', TTS_OFFLINE: 'off', TTS_OFFLINE_WARMUP: 'off', TTS_RATE_LIMIT_PER_MINUTE: '100000' },
          log: silentLogger,
        })
      ).app;
      const ok = async () => ({ status: 'ok' as const });
      health = (await openHealth({ env: {}, log: silentLogger, checks: { order: ok, chat: ok, stt: ok, tts: ok } })).app;
    });
    afterAll(async () => {
      await aai.close();
      await audio.close();
    });

    const wav = encodeWav(
      new Int16Array(1600).map((_, i) => Math.round(3000 * Math.sin(i / 3))),
      16_000,
    );
    const audioBody = fc.oneof(
      { weight: 3, arbitrary: fc.uint8Array({ maxLength: 600 }).map((bytes) => new Uint8Array(bytes)) },
      { weight: 1, arbitrary: fc.nat(wav.length).map((cut) => wav.slice(0, cut)) },
      { weight: 1, arbitrary: fc.constant(wav) },
      {
        weight: 1,
        arbitrary: anyText.map((text) =>
          new TextEncoder().encode(`--x\r\nContent-Disposition: form-data; name="audio"; filename="a.wav"\r\n\r\n${text}\r\n--x--\r\n`),
        ),
      },
    );
    const audioType = fc.oneof(
      fc.constantFrom(
        'audio/wav',
        'audio/webm',
        'audio/ogg',
        'application/octet-stream',
        'multipart/form-data; boundary=x',
        'multipart/form-data',
        'text/plain',
        'application/json',
      ),
      printable,
    );
    it('POST /stt and POST /stt/token', () =>
      fuzz(
        () => stt,
        noDatabase,
        fc.oneof(
          fc
            .record({ query: queryOf(fc.constant('lang'), fc.constantFrom('zh', 'en', 'fr')), body: audioBody, type: maybe(audioType) })
            .map(({ query, body, type }) => ({ method: 'POST', path: withQuery('/stt', query), body, ...(type ? { headers: { 'content-type': type } } : {}) })),
          queryOf(fc.constant('lang'), fc.constantFrom('zh', 'en', 'de')).map((query) => ({ method: 'POST', path: withQuery('/stt/token', query) })),
        ),
      ));

    it('POST /tts', () =>
      fuzz(
        () => tts,
        noDatabase,
        jsonRequest(
          'POST',
          queryOf(fc.constant('format'), printable).map((query) => withQuery('/tts', query)),
          fc.record(
            {
              text: orJunk(fc.oneof(fc.constantFrom('您的订单好了', 'Order 12 is ready'), fc.string({ maxLength: 80 }))),
              lang: orJunk(fc.constantFrom('zh', 'en', 'ko')),
              voice: orJunk(fc.oneof(fc.constantFrom('alloy', 'nova'), anyText)),
              format: orJunk(fc.constantFrom('mp3', 'wav', 'ogg')),
              strictFormat: orJunk(fc.boolean()),
            },
            { requiredKeys: [] },
          ),
        ),
      ));

    it('GET /, /health, /healthz/health and unknown paths', () =>
      fuzz(
        () => health,
        noDatabase,
        fc
          .record({
            path: fc.oneof(
              fc.constantFrom('/', '/health', '/healthz/health'),
              pathSegment.map((segment) => `/${segment}`),
            ),
            query: queryOf(fc.constantFrom('verbose', 'lang'), printable),
            method: fc.constantFrom('GET', 'GET', 'HEAD', 'POST', 'DELETE'),
          })
          .map(({ path, query, method }) => ({ method, path: withQuery(path, query) })),
      ));
  });
});
