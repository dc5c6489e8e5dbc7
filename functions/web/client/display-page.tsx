/** @jsxImportSource hono/jsx/dom */
import { render, useEffect, useRef, useState } from 'hono/jsx/dom';
import { loadBases, type ApiBases, type PublicQueue } from './api.ts';
import { chime } from './chime.ts';
import { openLiveQueue, type LinkState } from './live-queue.ts';
import './base.css';
import './display.css';

const FLASH_MS = 10_000;

/** The TV facing customers: pickup numbers only, both languages at once, no names, no prices. */
function DisplayApp({ bases }: { bases: ApiBases }) {
  const [queue, setQueue] = useState<PublicQueue | undefined>(undefined);
  const [link, setLink] = useState<LinkState>('connecting');
  const [flash, setFlash] = useState<Set<string>>(new Set());
  const seenReady = useRef<Set<string> | undefined>(undefined);

  useEffect(
    () =>
      openLiveQueue({
        orderBase: bases.order,
        onState: setLink,
        onSnapshot: (snapshot) => {
          const ready = snapshot.active.filter((entry) => entry.status === 'ready').map((entry) => entry.pickupCode);
          const added = seenReady.current ? ready.filter((code) => !seenReady.current!.has(code)) : [];
          seenReady.current = new Set(ready);
          if (added.length > 0) {
            chime('ready');
            setFlash((previous) => new Set([...previous, ...added]));
            window.setTimeout(() => setFlash((previous) => new Set([...previous].filter((code) => !added.includes(code)))), FLASH_MS);
          }
          setQueue(snapshot);
        },
      }),
    [],
  );

  const making = (queue?.active ?? []).filter((entry) => entry.status === 'placed' || entry.status === 'preparing');
  const ready = (queue?.active ?? []).filter((entry) => entry.status === 'ready');
  return (
    <div class="display">
      <main class="boards">
        <section class="board board-making" aria-labelledby="making-title">
          <h1 id="making-title">
            制作中 <span>Preparing</span>
          </h1>
          <ul class="codes" id="making">
            {making.map((entry) => (
              <li key={entry.pickupCode} class={`code code-${entry.status}`} data-pickup={entry.pickupCode}>
                {entry.pickupCode}
              </li>
            ))}
          </ul>
        </section>
        <section class="board board-ready" aria-labelledby="ready-title">
          <h1 id="ready-title">
            请取餐 <span>Ready</span>
          </h1>
          {ready.length === 0 && <p class="idle">做好后您的取餐号会显示在这里 · Your number appears here when your drink is ready</p>}
          <ul class="codes" id="ready">
            {ready.map((entry) => (
              <li key={entry.pickupCode} class={`code${flash.has(entry.pickupCode) ? ' flash' : ''}`} data-pickup={entry.pickupCode}>
                {entry.pickupCode}
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer class="display-foot">
        <span class={`pill ${link}`} id="link-state" data-state={link}>
          {link === 'live' ? '实时 · Live' : '重新连接中 · Reconnecting'}
        </span>
      </footer>
    </div>
  );
}

async function main() {
  const root = document.getElementById('app')!;
  for (;;) {
    try {
      const bases = await loadBases();
      root.textContent = '';
      render(<DisplayApp bases={bases} />, root);
      return;
    } catch {
      // A TV is left alone: keep trying until the server is back.
      root.textContent = '正在连接… Connecting…';
      await new Promise((resolve) => window.setTimeout(resolve, 3000));
    }
  }
}

void main();
