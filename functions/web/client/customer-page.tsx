/** @jsxImportSource hono/jsx/dom */
import { render, useEffect, useRef, useState } from 'hono/jsx/dom';
import * as v from 'valibot';
import { ApiError, loadBases, requestJson, type ApiBases, type ChatResponse, type MenuResponse, type Order, type PublicQueue } from './api.ts';
import { createChatLink } from './chat-link.ts';
import { inputValue } from './input-event.ts';
import { PricedLineSchema } from './response-schemas.ts';
import { chime } from './chime.ts';
import { CartPanel, MenuPanel, Messages, PickupBanner, type Message, type Track } from './customer-views.tsx';
import { orderSentence, t } from './customer-strings.ts';
import { initialLang, saveLang, type Lang } from './i18n.ts';
import { exampleOrder, menuSignature } from './menu-view.ts';
import { openLiveQueue } from './live-queue.ts';
import { VoiceButton, detectMicMode, type MicMode } from './voice-button.tsx';
import { LiveVoiceButton } from './live-voice-button.tsx';
import type { LiveVoice } from './live-voice.ts';
import { HandsFreeToggle, savedHandsFree } from './hands-free-toggle.tsx';
import { createSpeaker, type Speaker } from './speaker.ts';
import { createBargeIn } from './barge-in.ts';
import { menuKeyterms } from '../../../shared/speech/menu-keyterms.ts';
import './base.css';
import './customer.css';

const SESSION_KEY = 'tea.session';
const ORDER_KEY = 'tea.order';
const MUTED_KEY = 'tea.muted';
// A change the owner saves shows within 5 s (one poll plus the answer).
const MENU_REFRESH_MS = 4000;

/** The order this tab placed, kept in sessionStorage (so read back through its schema). */
const PlacedRefSchema = v.object({
  id: v.optional(v.string()),
  pickupCode: v.string(),
  lines: v.optional(v.array(PricedLineSchema)),
  total: v.optional(v.number()),
});
type PlacedRef = v.InferOutput<typeof PlacedRefSchema>;
type ChatView = Pick<ChatResponse, 'cart' | 'draft' | 'state'>;

function CustomerApp({ bases }: { bases: ApiBases }) {
  const [lang, setLang] = useState<Lang>(initialLang());
  const [muted, setMuted] = useState(localStorage.getItem(MUTED_KEY) === '1');
  const [menu, setMenu] = useState<MenuResponse | undefined>(undefined);
  const [messages, setMessages] = useState<Message[]>([]);
  const [streaming, setStreaming] = useState('');
  const [busy, setBusy] = useState(false);
  const [chat, setChat] = useState<ChatView | undefined>(undefined);
  const [placed, setPlaced] = useState<PlacedRef | undefined>(readPlaced());
  const [track, setTrack] = useState<Track | undefined>(undefined);
  const [error, setError] = useState('');
  const [micMode, setMicMode] = useState<MicMode>({ kind: 'checking' });
  const [text, setText] = useState('');
  const [handsFree, setHandsFree] = useState(savedHandsFree());

  const sessionRef = useRef<string | undefined>(sessionStorage.getItem(SESSION_KEY) ?? undefined);
  const linkRef = useRef(createChatLink(bases.chat));
  const audioRef = useRef<HTMLAudioElement>(null);
  const speakerRef = useRef<Speaker | undefined>(undefined);
  const mutedRef = useRef(muted);
  const nextId = useRef(1);
  const langRef = useRef(lang);
  langRef.current = lang;
  mutedRef.current = muted;
  const menuRef = useRef<MenuResponse | undefined>(undefined);
  const busyRef = useRef(false);
  busyRef.current = busy;
  /** A transcript that arrived while the previous turn was still running: sent when it ends. */
  const pendingVoice = useRef<string | undefined>(undefined);
  const bargeIn = useRef(createBargeIn());
  const liveVoice = useRef<LiveVoice | undefined>(undefined);

  const menuSeen = useRef('');
  const showMenu = (next: MenuResponse) => {
    // Polled every few seconds: redraw only when the version or a sold-out switch changed.
    const signature = menuSignature(next);
    if (signature === menuSeen.current) return;
    menuSeen.current = signature;
    menuRef.current = next;
    setMenu(next);
    // The page is usable once the menu is on screen (bench:web reads this mark).
    if (performance.getEntriesByName('tea-interactive').length === 0) requestAnimationFrame(() => performance.mark('tea-interactive'));
  };

  const note = (text: string, role: Message['role'] = 'note') => setMessages((list) => [...list, { id: nextId.current++, role, text }]);

  useEffect(() => {
    saveLang(lang);
  }, [lang]);

  useEffect(() => {
    bargeIn.current.attach(audioRef.current!);
    speakerRef.current = createSpeaker({
      ttsBase: bases.tts,
      audio: audioRef.current!,
      muted: () => mutedRef.current,
      onError: () => setError(t(langRef.current, 'ttsFailed')),
    });
    void detectMicMode(bases.stt).then(setMicMode);
    linkRef.current.warm();
    void restoreSession();
    const refreshMenu = () => {
      if (document.visibilityState === 'visible') requestJson<MenuResponse>(new URL('/menu', bases.order).href, { timeoutMs: 8000 }).then(showMenu, () => {});
    };
    refreshMenu();
    const timer = window.setInterval(refreshMenu, MENU_REFRESH_MS);
    document.addEventListener('visibilitychange', refreshMenu);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refreshMenu);
    };
  }, []);

  // Live status of the placed order, matched by pickup code in the public queue.
  useEffect(() => {
    if (!placed) return;
    let lastStatus: Track['status'] | undefined;
    const apply = (next: Track) => {
      if (next.status === 'ready' && lastStatus !== 'ready') chime('ready');
      lastStatus = next.status;
      setTrack(next);
    };
    return openLiveQueue({
      orderBase: bases.order,
      onSnapshot: (queue: PublicQueue) => {
        const entry = queue.active.find((item) => item.pickupCode === placed.pickupCode);
        if (entry) return apply({ status: entry.status, position: entry.position, etaSeconds: entry.etaSeconds });
        if (queue.recentlyCompleted.some((item) => item.pickupCode === placed.pickupCode)) return apply({ status: 'completed' });
        if (placed.id && lastStatus) {
          requestJson<Order>(new URL(`/orders/${encodeURIComponent(placed.id)}`, bases.order).href).then(
            (order) => apply({ status: order.status }),
            () => {},
          );
        }
      },
    });
  }, [placed?.pickupCode]);

  async function restoreSession() {
    const id = sessionRef.current;
    if (!id) return note(t(langRef.current, 'greeting'), 'agent');
    try {
      const saved = await requestJson<ChatView & { history: Array<{ role: string; content: string }> }>(
        new URL(`/chat/${encodeURIComponent(id)}`, bases.chat).href,
      );
      setChat(saved);
      setMessages(saved.history.map((m) => ({ id: nextId.current++, role: m.role === 'user' ? 'user' : 'agent', text: m.content })));
    } catch {
      sessionRef.current = undefined;
      sessionStorage.removeItem(SESSION_KEY);
      note(t(langRef.current, 'greeting'), 'agent');
    }
  }

  async function send(message: string, input: 'text' | 'voice' = 'text') {
    const trimmed = message.trim().slice(0, 500);
    if (!trimmed || busyRef.current) return;
    busyRef.current = true;
    const speaker = speakerRef.current!;
    speaker.stop();
    const turn = bargeIn.current.beginTurn();
    performance.mark('tea-send');
    setError('');
    setText('');
    note(trimmed, 'user');
    setBusy(true);
    setStreaming('');
    let streamed = '';
    try {
      const body = await linkRef.current.send(
        trimmed,
        sessionRef.current,
        {
          onDelta: (delta) => {
            streamed += delta;
            setStreaming(streamed);
            if (!turn.interrupted()) speaker.push(delta);
          },
          onReset: () => {
            streamed = '';
            setStreaming('');
            speaker.stop();
          },
        },
        input,
      );
      if (!turn.interrupted()) {
        speaker.push(body.reply.startsWith(streamed) ? body.reply.slice(streamed.length) : '');
        speaker.end();
      }
      applyBody(body);
    } catch (err) {
      speaker.stop();
      setError(`${t(langRef.current, 'errorPrefix')}${err instanceof ApiError ? err.message : String(err)}`);
    } finally {
      busyRef.current = false;
      setBusy(false);
      setStreaming('');
      const next = pendingVoice.current;
      pendingVoice.current = undefined;
      if (next) void send(next, 'voice');
    }
  }

  /** A final transcript: sent now, or after the turn still running. */
  function sendVoice(heard: string, lastVoiceAt: number) {
    // bench:voice measures from the customer's last word to the reply's first audio.
    performance.mark('tea-voice-end', { startTime: lastVoiceAt });
    if (busyRef.current) {
      pendingVoice.current = heard;
      setText(heard);
    } else void send(heard, 'voice');
  }

  const keyterms = () => (menuRef.current ? menuKeyterms(menuRef.current, langRef.current) : []);

  function applyBody(body: ChatResponse) {
    sessionRef.current = body.sessionId;
    sessionStorage.setItem(SESSION_KEY, body.sessionId);
    note(body.reply, 'agent');
    setChat({ cart: body.cart, draft: body.draft, state: body.state });
    if (body.order) {
      const ref = { id: body.order.id, pickupCode: body.order.pickupCode, lines: body.order.lines, total: body.order.total };
      sessionStorage.setItem(ORDER_KEY, JSON.stringify(ref));
      setTrack({ status: body.order.status });
      setPlaced(ref);
      requestAnimationFrame(() => document.querySelector('.pickup')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
    }
  }

  function startOver() {
    speakerRef.current?.stop();
    sessionRef.current = undefined;
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.removeItem(ORDER_KEY);
    setPlaced(undefined);
    setTrack(undefined);
    setChat(undefined);
    setError('');
    setMessages([{ id: nextId.current++, role: 'agent', text: t(lang, 'greeting') }]);
  }

  function toggleMute() {
    const next = !muted;
    if (next) speakerRef.current?.stop();
    localStorage.setItem(MUTED_KEY, next ? '1' : '0');
    setMuted(next);
  }

  useEffect(() => {
    // Scroll the conversation itself, never the page (the pickup number may be in view).
    const list = document.querySelector('.messages');
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length, streaming]);

  return (
    <div class="customer">
      <header class="topbar">
        <h1 class="brand">{menu?.shop ? `${menu.shop.name[lang]} · ${t(lang, 'order')}` : t(lang, 'brand')}</h1>
        <div class="topbar-actions">
          <button type="button" class="btn ghost" id="mute" aria-pressed={muted ? 'false' : 'true'} aria-label={t(lang, 'muteLabel')} onClick={toggleMute}>
            {muted ? t(lang, 'voiceOff') : t(lang, 'voiceOn')}
          </button>
          {micMode.kind === 'live' && <HandsFreeToggle lang={lang} on={handsFree} onChange={setHandsFree} />}
          <button type="button" class="btn ghost" id="lang" aria-label={t(lang, 'switchLangLabel')} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t(lang, 'switchLang')}
          </button>
          <button type="button" class="btn" id="new-order" onClick={startOver}>
            {t(lang, 'newOrder')}
          </button>
        </div>
      </header>
      <main class={`customer-grid${placed ? ' has-order' : ''}`}>
        <section class="panel chat-panel" aria-labelledby="chat-title">
          <h2 id="chat-title" class="sr-only">
            {t(lang, 'chat')}
          </h2>
          <Messages messages={messages} streaming={streaming} busy={busy} lang={lang} />
          {error && (
            <p class="error" role="alert" id="chat-error">
              {error}
            </p>
          )}
          <form
            class="composer"
            onSubmit={(event: Event) => {
              event.preventDefault();
              // The input shows a live utterance's partial words: Send ends it, and its final transcript is sent (once).
              if (liveVoice.current?.busy()) return liveVoice.current.release();
              void send(text);
            }}
          >
            {micMode.kind === 'live' ? (
              <LiveVoiceButton
                lang={lang}
                sttBase={bases.stt}
                keyterms={keyterms}
                handsFree={handsFree}
                onStart={() => speakerRef.current?.stop()}
                onPartial={setText}
                onText={sendVoice}
                onSpeechStart={(at) => bargeIn.current.speechStarted(at, speakerRef.current!)}
                onSpeechEnd={() => bargeIn.current.speechEnded()}
                control={liveVoice}
              />
            ) : (
              <VoiceButton
                mode={micMode}
                lang={lang}
                sttBase={bases.stt}
                disabled={busy}
                onStart={() => speakerRef.current?.stop()}
                onText={(heard) => void send(heard, 'voice')}
                onModeChange={setMicMode}
              />
            )}
            <label for="message" class="sr-only">
              {t(lang, 'messageLabel')}
            </label>
            <input
              id="message"
              name="message"
              autocomplete="off"
              maxlength={500}
              placeholder={exampleOrder(menu, lang)}
              value={text}
              onInput={(event: Event) => {
                setText(inputValue(event));
                speakerRef.current?.stop();
              }}
            />
            <button type="submit" class="btn primary" id="send" disabled={busy || !text.trim()}>
              {t(lang, 'send')}
            </button>
          </form>
        </section>
        <div class="side">
          {placed && <PickupBanner pickupCode={placed.pickupCode} track={track} lang={lang} />}
          <CartPanel chat={chat} placed={placed?.lines ? { lines: placed.lines, total: placed.total ?? 0 } : undefined} menu={menu} lang={lang} />
        </div>
        <MenuPanel menu={menu} lang={lang} disabled={busy} onPick={(drink) => void send(orderSentence(lang, drink))} />
      </main>
      <footer class="customer-foot">
        <a href="/docs">{t(lang, 'apiDocs')}</a>
      </footer>
      {/* biome-ignore lint/a11y/useMediaCaption: the spoken reply is the chat text shown above */}
      <audio
        id="reply-audio"
        ref={audioRef}
        preload="auto"
        onPlaying={(event: Event) => {
          if (event.target instanceof HTMLAudioElement) bumpPlayed(event.target);
          bargeIn.current.replyPlaying(speakerRef.current!);
        }}
      />
    </div>
  );
}

/** A counter the page exposes on the element (tests and the bench read it). */
function bumpPlayed(audio: HTMLAudioElement) {
  performance.mark('tea-playing');
  audio.dataset.played = String(Number(audio.dataset.played ?? '0') + 1);
}

function readPlaced(): PlacedRef | undefined {
  try {
    const raw = sessionStorage.getItem(ORDER_KEY);
    const parsed = raw ? v.safeParse(PlacedRefSchema, JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  const root = document.getElementById('app')!;
  try {
    const bases = await loadBases();
    root.textContent = '';
    render(<CustomerApp bases={bases} />, root);
  } catch {
    root.textContent = 'Cannot reach the shop server. 无法连接服务器。';
  }
}

void main();
