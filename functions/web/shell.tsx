/** @jsxImportSource hono/jsx */
import type { Assets } from './assets.ts';
import type { Lang } from '../../shared/lang.ts';

export type PageKind = 'customer' | 'staff' | 'display' | 'owner';

const TITLES: Record<PageKind, Record<Lang, string>> = {
  customer: { zh: '点单 · 茶饮', en: 'Order · Tea shop' },
  staff: { zh: '出杯看板', en: 'Staff board' },
  display: { zh: '取餐屏', en: 'Pickup screen' },
  owner: { zh: '店主后台 · 菜单', en: 'Owner · Menu' },
};

/** The server-rendered page: metadata, the stylesheet and the module script; the bundle draws the rest. */
export function PageShell({ page, lang, assets, config }: { page: PageKind; lang: Lang; assets: Assets; config: Record<string, string> }) {
  const href = (name: string) => `/assets/${name}?v=${encodeURIComponent(assets.get(name)?.etag.slice(1, 9) ?? '0')}`;
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <link rel="icon" href="data:," />
        <title>{TITLES[page][lang]}</title>
        <link rel="stylesheet" href={href(`${page}.css`)} />
        <script type="module" src={href(`${page}.js`)}></script>
        {page === 'customer' && <link rel="preload" href={`${config.order}/menu`} as="fetch" crossorigin="anonymous" />}
      </head>
      <body class={`page-${page}`}>
        {/* The API bases ride along in an attribute (no inline script under the CSP), saving a round trip. */}
        <div id="app" data-page={page} data-config={JSON.stringify(config)}>
          <p class="boot">{lang === 'zh' ? '加载中…' : 'Loading…'}</p>
        </div>
        <noscript>{lang === 'zh' ? '此页面需要启用 JavaScript。' : 'This page needs JavaScript.'}</noscript>
      </body>
    </html>
  );
}

/** zh unless the browser prefers English first. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
