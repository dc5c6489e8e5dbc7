import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/http/logger.ts';
import type { Assets } from './assets.ts';
import { createWebApp } from './app.ts';
import { readApiBases, readStreamingSocketOrigin } from './config.ts';

const log = createLogger({ level: 'error' });

function fakeAssets(): Assets {
  const assets: Assets = new Map();
  for (const name of ['customer.js', 'customer.css', 'staff.js', 'staff.css', 'display.js', 'display.css', 'owner.js', 'owner.css']) {
    const body = new TextEncoder().encode(`/* ${name} */`);
    assets.set(name, {
      body,
      gzip: new Uint8Array(gzipSync(body)),
      type: name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
      etag: `"etag-${name}"`,
    });
  }
  return assets;
}

describe('web app', () => {
  const local = createWebApp({ log, assets: fakeAssets(), apiBases: {} });

  it('sends a page typed with a trailing slash to its path, and leaves real 404s and POSTs alone', async () => {
    for (const [typed, page] of [
      ['/staff/', '/staff'],
      ['/docs/', '/docs'],
      ['/display/?lang=en', '/display?lang=en'],
    ]) {
      const response = await local.request(`http://shop.example${typed}`);
      expect([response.status, response.headers.get('location')], typed).toEqual([301, `http://shop.example${page}`]);
      expect((await local.request(response.headers.get('location')!)).status, page).toBe(200);
    }
    expect((await local.request('/nowhere/')).status).toBe(301);
    expect((await local.request('/nowhere')).status).toBe(404);
    expect((await local.request('/staff/', { method: 'POST' })).status).toBe(404);
  });

  it('serves the four pages as server-rendered shells with a strict CSP', async () => {
    for (const [path, page] of [
      ['/', 'customer'],
      ['/order-here', 'customer'],
      ['/staff', 'staff'],
      ['/display', 'display'],
      ['/owner', 'owner'],
    ] as const) {
      const response = await local.request(path, { headers: { 'Accept-Language': 'en-US,en;q=0.9' } });
      expect(response.status, path).toBe(200);
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      const html = await response.text();
      expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
      expect(html).toContain(`<script type="module" src="/assets/${page}.js?v=`);
      expect(html).toContain(`<link rel="stylesheet" href="/assets/${page}.css?v=`);
      expect(html).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*src=)[^>]*>/);
    }
    const html = await (await local.request('http://shop.test/order-here')).text();
    expect(html).toContain('data-config="{&quot;order&quot;:&quot;http://shop.test&quot;');
    expect(html).toContain('<link rel="preload" href="http://shop.test/menu" as="fetch" crossorigin="anonymous"/>');
    const zh = await (await local.request('/staff', { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9' } })).text();
    expect(zh).toContain('<html lang="zh-CN">');
  });

  it('GET /config.json: same origin locally, sibling URLs (and their sockets in connect-src) on Modal', async () => {
    expect(await (await local.request('http://shop.test/config.json')).json()).toEqual({
      order: 'http://shop.test',
      chat: 'http://shop.test',
      stt: 'http://shop.test',
      tts: 'http://shop.test',
    });
    const apiBases = readApiBases({
      ORDER_API_URL: 'https://me--order.modal.run/',
      CHAT_API_URL: 'https://me--chat.modal.run',
      STT_API_URL: 'https://me--stt.modal.run',
      TTS_API_URL: 'https://me--tts.modal.run',
    });
    const modal = createWebApp({ log, assets: fakeAssets(), apiBases });
    const response = await modal.request('https://me--web.modal.run/config.json');
    expect(await response.json()).toEqual({
      order: 'https://me--order.modal.run',
      chat: 'https://me--chat.modal.run',
      stt: 'https://me--stt.modal.run',
      tts: 'https://me--tts.modal.run',
    });
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("connect-src 'self' https://me--order.modal.run wss://me--order.modal.run https://me--chat.modal.run wss://me--chat.modal.run");
    // The customer page streams its microphone to AssemblyAI with a grant: that socket is allowed, nothing else of theirs.
    expect(csp).toMatch(/connect-src [^;]* wss:\/\/streaming\.assemblyai\.com(;|$)/);
    expect(readStreamingSocketOrigin({ ASSEMBLYAI_STREAMING_BASE_URL: 'http://127.0.0.1:4555' })).toBe('ws://127.0.0.1:4555');
    expect(readStreamingSocketOrigin({ ASSEMBLYAI_STREAMING_BASE_URL: 'https://streaming.eu.assemblyai.com' })).toBe('wss://streaming.eu.assemblyai.com');
  });

  it('serves assets gzipped when asked, with an ETag, 304 on a match, immutable when versioned', async () => {
    const plain = await local.request('/assets/customer.js');
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await plain.text()).toBe('/* customer.js */');
    const gz = await local.request('/assets/customer.js?v=1', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('cache-control')).toContain('immutable');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe('/* customer.js */');
    const again = await local.request('/assets/customer.js', { headers: { 'If-None-Match': plain.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const missing = await local.request('/assets/../../etc/passwd');
    expect(missing.status).toBe(404);
    const unknown = await local.request('/assets/nope.js');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
  });

  it('reports its own health at /healthz/web', async () => {
    const response = await local.request('/healthz/web');
    expect(response.status).toBe(200);
    const empty = createWebApp({ log, assets: new Map(), apiBases: {} });
    expect((await empty.request('/healthz/web')).status).toBe(503);
  });
});
