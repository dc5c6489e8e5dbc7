/** @jsxImportSource hono/jsx/dom */
import { render, useEffect, useRef, useState } from 'hono/jsx/dom';
import { ApiError, loadBases, type ApiBases, type MenuResponse, type OrderStatus } from './api.ts';
import { chime } from './chime.ts';
import { initialLang, saveLang, type Lang } from './i18n.ts';
import { openLiveQueue, type LinkState } from './live-queue.ts';
import { BOARD_STATUSES, coalesce, createStaffApi, type StaffApi, type StaffOrder } from './staff-api.ts';
import { st } from './staff-strings.ts';
import { SoldOutPanel, Ticket } from './staff-views.tsx';
import { TokenGate } from './token-gate.tsx';
import './base.css';
import './staff.css';

const TOKEN_KEY = 'tea.staffToken';
const POLL_MS = 3000;
const NEW_HIGHLIGHT_MS = 15_000;

function Board({ bases, token, lang, setLang, onSignOut }: { bases: ApiBases; token: string; lang: Lang; setLang(lang: Lang): void; onSignOut(): void }) {
  const api = useRef<StaffApi>(createStaffApi(bases.order, token)).current!;
  const [orders, setOrders] = useState<StaffOrder[]>([]);
  const [link, setLink] = useState<LinkState>('connecting');
  const [notice, setNotice] = useState('');
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [tab, setTab] = useState<'board' | 'menu'>('board');
  const [menu, setMenu] = useState<MenuResponse | undefined>(undefined);
  const [now, setNow] = useState(Date.now());
  const known = useRef<Set<string> | undefined>(undefined);

  const refresh = useRef(
    coalesce(async () => {
      try {
        const list = await api.listActive();
        const ids = new Set(list.map((order) => order.id));
        if (known.current) {
          const added = list.filter((order) => order.status === 'placed' && !known.current!.has(order.id)).map((order) => order.id);
          if (added.length > 0) {
            chime('new');
            setFresh((previous) => new Set([...previous, ...added]));
            window.setTimeout(() => setFresh((previous) => new Set([...previous].filter((id) => !added.includes(id)))), NEW_HIGHLIGHT_MS);
          }
        }
        known.current = ids;
        setOrders(list.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)));
      } catch (err) {
        if (err instanceof ApiError && (err.status === 401 || err.status === 403)) onSignOut();
        throw err;
      }
    }),
  ).current!;

  useEffect(() => {
    refresh();
    api.menu().then(setMenu, () => {});
    // The queue socket is only the "something changed" signal; tickets come from GET /orders.
    const close = openLiveQueue({ orderBase: bases.order, onSnapshot: refresh, onState: setLink });
    const clock = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => {
      close();
      window.clearInterval(clock);
    };
  }, []);

  useEffect(() => {
    if (link === 'live') return;
    const timer = window.setInterval(refresh, POLL_MS);
    return () => window.clearInterval(timer);
  }, [link]);

  useEffect(() => {
    if (tab === 'menu') api.menu().then(setMenu, () => setNotice(st(lang, 'unreachable')));
  }, [tab]);

  const move = async (order: StaffOrder, status: OrderStatus) => {
    setNotice('');
    try {
      await api.move(order.id, status);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409)
        setNotice(lang === 'zh' ? `${order.pickupCode} ${st(lang, 'conflict')}` : `#${order.pickupCode} ${st(lang, 'conflict')}`);
      else setNotice(`${st(lang, 'failed')}${err instanceof Error ? err.message : String(err)}`);
    }
    refresh();
  };

  const toggle = async (itemId: string, available: boolean) => {
    try {
      await api.setAvailable(itemId, available);
      setMenu(await api.menu());
    } catch (err) {
      setNotice(`${st(lang, 'failed')}${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <div class="staff">
      <header class="topbar">
        <h1 class="brand">{st(lang, 'title')}</h1>
        <nav class="tabs" aria-label={st(lang, 'title')}>
          <button type="button" class="btn ghost" aria-pressed={tab === 'board' ? 'true' : 'false'} onClick={() => setTab('board')}>
            {st(lang, 'board')}
          </button>
          <button type="button" class="btn ghost" id="tab-menu" aria-pressed={tab === 'menu' ? 'true' : 'false'} onClick={() => setTab('menu')}>
            {st(lang, 'soldOut')}
          </button>
        </nav>
        <div class="topbar-actions">
          <span class={`pill ${link}`} id="link-state" data-state={link} role="status">
            {st(lang, link)}
          </span>
          <button type="button" class="btn ghost" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {st(lang, 'switchLang')}
          </button>
          <button type="button" class="btn ghost" onClick={onSignOut}>
            {st(lang, 'signOut')}
          </button>
        </div>
      </header>
      {notice && (
        <p class="notice" role="alert" id="notice">
          {notice}
        </p>
      )}
      {tab === 'board' ? (
        <main class="columns">
          {BOARD_STATUSES.map((status) => {
            const list = orders.filter((order) => order.status === status);
            return (
              <section class={`column column-${status}`} aria-labelledby={`col-${status}`} data-column={status}>
                <h2 id={`col-${status}`}>
                  {st(lang, status)} <span class="count">{list.length}</span>
                </h2>
                {list.length === 0 && <p class="muted empty">{st(lang, 'empty')}</p>}
                <ol class="tickets">
                  {list.map((order) => (
                    <Ticket
                      key={order.id}
                      order={order}
                      lang={lang}
                      now={now}
                      menu={menu}
                      fresh={fresh.has(order.id)}
                      onMove={(next) => void move(order, next)}
                    />
                  ))}
                </ol>
              </section>
            );
          })}
        </main>
      ) : (
        <SoldOutPanel menu={menu} lang={lang} onToggle={(id, available) => void toggle(id, available)} />
      )}
    </div>
  );
}

function StaffApp({ bases }: { bases: ApiBases }) {
  const [lang, setLang] = useState<Lang>(initialLang());
  const [token, setToken] = useState(sessionStorage.getItem(TOKEN_KEY) ?? '');
  useEffect(() => saveLang(lang), [lang]);
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken('');
  };
  return token ? (
    <Board bases={bases} token={token} lang={lang} setLang={setLang} onSignOut={signOut} />
  ) : (
    <TokenGate
      texts={{
        title: st(lang, 'title'),
        tokenLabel: st(lang, 'tokenLabel'),
        tokenHelp: st(lang, 'tokenHelp'),
        signIn: st(lang, 'signIn'),
        wrongToken: st(lang, 'wrongToken'),
        disabled: st(lang, 'staffDisabled'),
        unreachable: st(lang, 'unreachable'),
      }}
      storageKey={TOKEN_KEY}
      verify={(candidate) => createStaffApi(bases.order, candidate).verify()}
      onToken={setToken}
    />
  );
}

async function main() {
  const root = document.getElementById('app')!;
  try {
    const bases = await loadBases();
    root.textContent = '';
    render(<StaffApp bases={bases} />, root);
  } catch {
    root.textContent = 'Cannot reach the shop server. 无法连接服务器。';
  }
}

void main();
