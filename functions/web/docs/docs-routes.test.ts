import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/http/logger.ts';
import { createWebApp } from '../app.ts';
import { locateScalarBundle } from './scalar-bundle.ts';

describe('/docs', () => {
  const bundle = join(mkdtempSync(join(tmpdir(), 'docs-')), 'scalar.js');
  writeFileSync(bundle, 'window.Scalar = {};'.repeat(100));
  // Served as the web function serves it: under /docs, with the app's one error shape.
  const web = createWebApp({ log: silentLogger, assets: new Map(), apiBases: {}, docs: { scalarBundlePath: bundle } });
  const app = { request: (path: string, init?: RequestInit) => web.request(path === '/' ? '/docs' : `/docs${path}`, init) };

  it('serves the page under a CSP that allows scripts only from us, and the page has no inline script', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp.split(';').find((part) => part.trim().startsWith('script-src'))).not.toMatch(/unsafe|https?:/);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes]) => /src="\/docs\/[\w.]+\.js"/.test(attributes!))).toEqual([true, true]);
    expect(scripts.every(([, , body]) => body!.trim() === '')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves Scalar’s bundle itself, gzipped when the client accepts it', async () => {
    const plain = await app.request('/scalar.js');
    expect(plain.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await plain.text()).toBe('window.Scalar = {};'.repeat(100));
    const zipped = await app.request('/scalar.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe('window.Scalar = {};'.repeat(100));
    const withoutBundle = createWebApp({ log: silentLogger, assets: new Map(), apiBases: {} });
    const missing = await withoutBundle.request('/docs/scalar.js');
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('docs_bundle_missing');
  });

  it('the script reads /config.json for each function’s base URL and falls back to the page origin', async () => {
    const script = await (await app.request('/docs.js')).text();
    expect(script).toContain("fetch('/config.json'");
    expect(script).toContain('location.origin');
    for (const name of ['order', 'chat', 'stt', 'tts', 'health', 'web']) expect(script).toContain(`'${name}'`);
  });

  it('finds the real bundle from source (node_modules) and serves every function’s document', async () => {
    const found = locateScalarBundle(new URL('../main.ts', import.meta.url).href);
    expect(found).toMatch(/standalone\.js$/);
    for (const name of ['order', 'chat', 'stt', 'tts', 'health', 'web']) {
      const document = (await (await app.request(`/openapi/${name}`)).json()) as { openapi: string; info: { title: string } };
      expect(document.openapi).toBe('3.1.0');
      expect(document.info.title).toContain(name);
    }
  });
});
