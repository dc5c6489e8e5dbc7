/** @jsxImportSource hono/jsx/dom */
import type { ChatResponse, MenuResponse, Order, OrderStatus } from './api.ts';
import { priceTag } from '../../../shared/money.ts';
import type { Lang } from './i18n.ts';
import { FIELD_NAMES, aheadText, t, type StringKey } from './customer-strings.ts';
import { lineOptions } from './line-text.ts';
import { groupByCategory, optionNotes, sizePrices } from './menu-view.ts';

export type Message = { id: number; role: 'user' | 'agent' | 'note'; text: string; offline?: boolean };
export type Track = { status: OrderStatus; position?: number; etaSeconds?: number };

export function MenuPanel({ menu, lang, disabled, onPick }: { menu: MenuResponse | undefined; lang: Lang; disabled: boolean; onPick(name: string): void }) {
  const groups = menu ? groupByCategory(menu, lang) : [];
  return (
    <section class="panel menu-panel" aria-labelledby="menu-title" data-version={menu?.version ?? ''}>
      <h2 id="menu-title">{t(lang, 'menu')}</h2>
      {groups.map((group) => (
        <section key={group.key} class="menu-group" data-category={group.name ?? ''}>
          {groups.length > 1 && <h3 class="menu-category">{group.name ?? t(lang, 'moreDrinks')}</h3>}
          <ul class="menu-grid">
            {group.items.map((item) => (
              <li key={item.id}>
                <MenuCard item={item} menu={menu!} lang={lang} disabled={disabled} onPick={onPick} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function MenuCard({
  item,
  menu,
  lang,
  disabled,
  onPick,
}: {
  item: MenuResponse['items'][number];
  menu: MenuResponse;
  lang: Lang;
  disabled: boolean;
  onPick(name: string): void;
}) {
  const sizes = sizePrices(item, menu, lang);
  const { coldOnly, notes } = optionNotes(item, menu, lang);
  const priceText = sizes.map((size) => `${size.name} ${priceTag(size.price)}`).join(' · ');
  return (
    <button
      type="button"
      class={`menu-item${item.available ? '' : ' sold-out'}`}
      data-item={item.id}
      disabled={disabled || !item.available}
      aria-label={`${item.name[lang]} ${priceText}${item.available ? '' : ` (${t(lang, 'soldOut')})`}`}
      onClick={() => onPick(item.name[lang])}
    >
      <span class="menu-name">{item.name[lang]}</span>
      <span class="menu-alt">{item.name[lang === 'zh' ? 'en' : 'zh']}</span>
      <span class="menu-prices">
        {sizes.map((size) => (
          <span key={size.id} class="menu-price" data-size={size.id}>
            {size.name} <strong>{priceTag(size.price)}</strong>
          </span>
        ))}
      </span>
      {notes.length > 0 && <span class="menu-notes">{notes.join(' · ')}</span>}
      <span class="menu-tags">
        {coldOnly && <span class="tag cold">{t(lang, 'coldOnly')}</span>}
        {!item.available && <span class="tag sold">{t(lang, 'soldOut')}</span>}
      </span>
    </button>
  );
}

/** The cart being built; once it is empty after checkout, the order just placed. */
export function CartPanel({
  chat,
  placed,
  menu,
  lang,
}: {
  chat: Pick<ChatResponse, 'cart' | 'draft'> | undefined;
  placed: Pick<Order, 'lines' | 'total'> | undefined;
  menu: MenuResponse | undefined;
  lang: Lang;
}) {
  const showPlaced = !!placed && (chat?.cart.lines.length ?? 0) === 0 && !chat?.draft;
  const lines = showPlaced ? placed.lines : (chat?.cart.lines ?? []);
  const total = showPlaced ? placed.total : (chat?.cart.total ?? 0);
  const draft = chat?.draft;
  const draftName = draft?.itemId ? menu?.items.find((item) => item.id === draft.itemId)?.name[lang] : undefined;
  return (
    <section class="panel cart-panel" aria-labelledby="cart-title">
      <h2 id="cart-title">{t(lang, showPlaced ? 'placed' : 'cart')}</h2>
      {lines.length === 0 && !draft && !showPlaced && <p class="muted">{t(lang, 'cartEmpty')}</p>}
      <ul class="cart-lines">
        {lines.map((line) => (
          <li key={line.lineId} class="cart-line">
            <span class="qty">{line.quantity}×</span>
            <span class="line-main">
              <span class="line-name">{line.name[lang]}</span>
              <span class="line-opts">{lineOptions(line, menu, lang)}</span>
            </span>
            <span class="line-price">{priceTag(line.lineTotal)}</span>
          </li>
        ))}
      </ul>
      {draft && draft.missing.length > 0 && (
        <p class="draft" id="draft-missing">
          <strong>{draftName ?? ''}</strong> {t(lang, 'stillNeeded')}:{' '}
          {draft.missing.map((field) => FIELD_NAMES[field]?.[lang] ?? field).join(lang === 'zh' ? '、' : ', ')}
        </p>
      )}
      <p class="cart-total">
        <span>{t(lang, 'total')}</span>
        <strong id="cart-total">{priceTag(total)}</strong>
      </p>
    </section>
  );
}

const STATUS_KEY: Record<Track['status'], StringKey> = {
  placed: 'statusPlaced',
  preparing: 'statusPreparing',
  ready: 'statusReady',
  completed: 'statusCompleted',
  cancelled: 'statusCancelled',
};

export function PickupBanner({ pickupCode, track, lang }: { pickupCode: string; track: Track | undefined; lang: Lang }) {
  const status = track?.status ?? 'placed';
  const detail = status === 'placed' && track?.position ? aheadText(lang, track.position - 1, track.etaSeconds ?? 0) : '';
  return (
    <section class={`panel pickup pickup-${status}`} aria-live="polite" aria-labelledby="pickup-title">
      <h2 id="pickup-title">{t(lang, 'pickup')}</h2>
      <p class="pickup-code" id="pickup-code">
        {pickupCode}
      </p>
      <p class="pickup-status" id="pickup-status" data-status={status}>
        {t(lang, STATUS_KEY[status])}
        {detail && <span class="pickup-detail"> · {detail}</span>}
      </p>
    </section>
  );
}

export function Messages({ messages, streaming, busy, lang }: { messages: Message[]; streaming: string; busy: boolean; lang: Lang }) {
  return (
    <ol class="messages" aria-live="polite" aria-label={t(lang, 'chat')}>
      {messages.map((message) => (
        <li key={message.id} class={`msg msg-${message.role}`}>
          {message.role !== 'note' && <span class="sr-only">{t(lang, message.role === 'user' ? 'you' : 'agent')}: </span>}
          {message.text}
          {message.offline && <span class="badge">{t(lang, 'offline')}</span>}
        </li>
      ))}
      {busy && (
        <li class="msg msg-agent streaming" id="streaming">
          {streaming || <span class="muted">{t(lang, 'thinking')}</span>}
        </li>
      )}
    </ol>
  );
}
