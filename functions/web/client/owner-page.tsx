/** @jsxImportSource hono/jsx/dom */
import { render, useEffect, useRef, useState } from 'hono/jsx/dom';
import * as v from 'valibot';
import { fieldOf } from '../../../shared/field-of.ts';
import { parseMenuDefinition } from '../../../shared/menu/menu-file-schema.ts';
import type { MenuDefinition } from '../../../shared/menu/menu-types.ts';
import { ApiError, loadBases, type ApiBases, type MenuResponse } from './api.ts';
import { initialLang, saveLang, type Lang } from './i18n.ts';
import { issueText } from './issue-text.ts';
import { addItem, addTopping, getAt, isEditable, removeTopping, setAt, type Draft, type Issue } from './menu-draft.ts';
import { mergeMenus, sameJson } from './menu-merge.ts';
import { createOwnerApi, type MenuVersionInfo, type OwnerApi } from './owner-api.ts';
import { ot } from './owner-strings.ts';
import { ItemCard, ToppingRow, type Marks } from './owner-views.tsx';
import { TokenGate } from './token-gate.tsx';
import { TodayTab } from './today-tab.tsx';
import { tt } from './today-strings.ts';
import './base.css';
import './owner.css';
import { priceTag } from '../../../shared/money.ts';
import { inputOf } from './input-event.ts';

const TOKEN_KEY = 'tea.ownerToken';
/** The `details.issues` of an invalid_menu answer. */
const IssuesSchema = v.array(v.object({ path: v.string(), message: v.string() }));

type Notice = { kind: 'ok' | 'warn' | 'error'; text: string; list?: string[] };

/** "items[3].prices.L" → "珍珠奶茶 · prices.L": the drink or topping by its name. */
function describePath(draft: Draft, path: string, lang: Lang): string {
  const match = /^(items|toppings)\[(\d+)\]\.?(.*)$/.exec(path);
  if (!match) return path;
  const entry = getAt(draft, `${match[1]}[${match[2]}]`);
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const name = text(fieldOf(fieldOf(entry, 'name'), lang)) || text(fieldOf(entry, 'id')) || path;
  return match[3] ? `${name} · ${match[3]}` : name;
}

function MenuTab({ api, lang, onSignOut }: { api: OwnerApi; lang: Lang; onSignOut(): void }) {
  const [base, setBase] = useState<MenuDefinition | undefined>(undefined);
  const [draft, setDraft] = useState<Draft | undefined>(undefined);
  const [live, setLive] = useState<MenuResponse | undefined>(undefined);
  const [checked, setChecked] = useState(false);
  const [serverIssues, setServerIssues] = useState<{ draft: Draft; issues: Issue[] } | undefined>(undefined);
  const [conflicts, setConflicts] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [versions, setVersions] = useState<MenuVersionInfo[]>([]);
  const [discarding, setDiscarding] = useState(false);
  const dirtyRef = useRef(false);

  const fail = (err: unknown) => {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return onSignOut();
    setNotice({ kind: 'error', text: `${ot(lang, 'failed')}${err instanceof Error ? err.message : String(err)}` });
  };

  /** The live menu from the server: the new base, and (unless given) a fresh draft. */
  const load = async (nextDraft?: (fresh: MenuDefinition) => Draft) => {
    const [fresh, menu, history] = await Promise.all([api.exportMenu(), api.menu(), api.versions(5)]);
    setBase(fresh);
    setDraft(nextDraft ? nextDraft(fresh) : fresh);
    setLive(menu);
    setVersions(history.versions);
    return fresh;
  };

  useEffect(() => {
    load().catch(fail);
    const warn = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  useEffect(() => {
    if (notice) document.getElementById('notice')?.scrollIntoView({ block: 'nearest' });
  }, [notice]);

  if (!base || !draft) return <p class="muted boot">{ot(lang, 'loading')}</p>;

  const dirty = !sameJson(draft, base);
  dirtyRef.current = dirty;
  const localIssues = checked ? localCheck(draft) : [];
  const fromServer = serverIssues && sameJson(serverIssues.draft, draft) ? serverIssues.issues : [];
  const issues = dedupe([...localIssues, ...fromServer]);
  const marks: Marks = { issues, conflicts };
  const unplaced = issues.filter(
    (issue) => !/^(items|toppings)\[\d+\]/.test(issue.path) || !getAt(draft, issue.path.replace(/^((?:items|toppings)\[\d+\]).*$/, '$1')),
  );
  const availability = new Map(live?.items.map((item) => [item.id, item.available]) ?? []);
  const savedIds = new Set(base.items.map((item) => item.id));
  const savedToppings = new Set(base.toppings.map((topping) => topping.id));

  const edit = (path: string, value: unknown) => {
    // Every field edits a value inside the lists, so the result is still editable; the guard says so to the types.
    const next = setAt(draft, path, value);
    if (isEditable(next)) setDraft(next);
  };

  const save = async () => {
    setChecked(true);
    const problems = localCheck(draft);
    if (problems.length > 0) return setNotice({ kind: 'error', text: `${problems.length} ${ot(lang, 'problems')}` });
    setBusy(true);
    setNotice(undefined);
    try {
      const saved = await api.save({ ...draft, version: base.version });
      await load();
      setConflicts([]);
      setChecked(false);
      setServerIssues(undefined);
      setNotice({ kind: 'ok', text: `${ot(lang, 'savedAs')} ${saved.version}` });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_menu') {
        const issues = v.safeParse(IssuesSchema, err.details?.issues);
        const found = issues.success ? issues.output : [];
        setServerIssues({ draft, issues: found });
        setNotice({ kind: 'error', text: `${found.length} ${ot(lang, 'problems')}` });
      } else if (err instanceof ApiError && err.code === 'version_conflict') {
        await rebase();
      } else fail(err);
    } finally {
      setBusy(false);
    }
  };

  /** Someone else saved first: load theirs and put this owner's changes on top, naming what both changed. */
  const rebase = async () => {
    const mine = draft;
    let merged: Draft = mine;
    let both: string[] = [];
    let theirsMenu: MenuDefinition = base;
    const fresh = await load((theirs) => {
      const result = mergeMenus(base, mine, theirs);
      theirsMenu = theirs;
      merged = { ...(isEditable(result.merged) ? result.merged : mine), version: theirs.version };
      both = result.conflicts;
      return merged;
    });
    setConflicts(both);
    setNotice({
      kind: 'warn',
      text: ot(lang, 'conflict', { v: fresh.version }) + (both.length ? ` ${ot(lang, 'bothChanged')}` : ''),
      list: both.map((path) => `${describePath(merged, path, lang)} (${ot(lang, 'theirValue')} ${showValue(path, getAt(theirsMenu, path))})`),
    });
  };

  const toggle = async (itemId: string, available: boolean) => {
    try {
      await api.setAvailable(itemId, available);
      setLive(await api.menu());
    } catch (err) {
      fail(err);
    }
  };

  const exportJson = async () => {
    try {
      const menu = await api.exportMenu();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([`${JSON.stringify(menu, null, 2)}\n`], { type: 'application/json' }));
      link.download = `menu-v${menu.version}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (err) {
      fail(err);
    }
  };

  const importJson = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (err) {
      return setNotice({ kind: 'error', text: `${ot(lang, 'notJson')} ${err instanceof Error ? err.message : String(err)}` });
    }
    if (!isEditable(parsed)) {
      const problems = parseMenuDefinition(parsed);
      return setNotice({
        kind: 'error',
        text: ot(lang, 'notMenu'),
        list: problems.ok ? [] : problems.issues.map((issue) => `${issue.path}: ${issueText(issue.message, lang)}`),
      });
    }
    const next: Draft = { ...parsed, toppings: parsed.toppings ?? [], version: base.version };
    setDraft(next);
    setChecked(true);
    setConflicts([]);
    const problems = localCheck(next);
    setNotice(
      problems.length
        ? { kind: 'error', text: `${ot(lang, 'imported')} ${file.name}. ${problems.length} ${ot(lang, 'problems')}` }
        : { kind: 'ok', text: `${ot(lang, 'imported')} ${file.name}` },
    );
  };

  return (
    <main class="owner-menu">
      <div class="toolbar" role="toolbar">
        <span class="pill" id="menu-version" data-version={base.version}>
          {ot(lang, 'version')} {base.version}
        </span>
        <span class={`pill ${dirty ? 'dirty' : 'clean'}`} id="dirty-state" data-dirty={dirty ? 'true' : 'false'}>
          {ot(lang, dirty ? 'unsaved' : 'saved')}
        </span>
        <span class="toolbar-gap" />
        <button type="button" class="btn ghost" id="export" onClick={() => void exportJson()}>
          {ot(lang, 'exportJson')}
        </button>
        <label class="btn ghost file-button">
          {ot(lang, 'importJson')}
          <input
            type="file"
            id="import-file"
            class="sr-only"
            accept=".json,application/json"
            onChange={(e: Event) => {
              const input = inputOf(e);
              if (input) void importJson(input);
            }}
          />
        </label>
        {dirty && (
          <button
            type="button"
            class="btn ghost"
            id="discard"
            onClick={() => {
              if (!discarding) return setDiscarding(true);
              setDiscarding(false);
              setDraft(base);
              setChecked(false);
              setConflicts([]);
              setNotice(undefined);
            }}
            onBlur={() => setDiscarding(false)}
          >
            {ot(lang, discarding ? 'confirmDiscard' : 'discard')}
          </button>
        )}
        <button type="button" class="btn primary" id="save" disabled={busy || !dirty} onClick={() => void save()}>
          {ot(lang, busy ? 'saving' : 'save')}
        </button>
      </div>
      {notice && (
        <div class={`notice ${notice.kind}`} role={notice.kind === 'ok' ? 'status' : 'alert'} id="notice" data-kind={notice.kind}>
          <p>{notice.text}</p>
          {notice.list && notice.list.length > 0 && (
            <ul>
              {notice.list.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {unplaced.length > 0 && (
        <div class="notice error" id="other-issues">
          <p>{ot(lang, 'otherProblems')}</p>
          <ul>
            {unplaced.map((issue) => (
              <li key={issue.path + issue.message} data-issue={issue.path}>
                {issue.path}: {issueText(issue.message, lang)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <section aria-labelledby="drinks-title">
        <h2 id="drinks-title">
          {ot(lang, 'drinks')} <span class="count">{draft.items.length}</span>
        </h2>
        <p class="muted small">
          {ot(lang, 'availabilityHelp')} {ot(lang, 'otherOptions')}
        </p>
        <ul class="item-cards">
          {draft.items.map((item, index) => (
            <ItemCard
              key={index}
              item={item}
              index={index}
              draft={draft}
              isNew={!savedIds.has(item.id)}
              available={savedIds.has(item.id) ? availability.get(item.id) : undefined}
              marks={marks}
              lang={lang}
              onEdit={edit}
              onRemove={() => setDraft({ ...draft, items: draft.items.filter((_, i) => i !== index) })}
              onToggle={(next) => void toggle(item.id, next)}
            />
          ))}
        </ul>
        <button type="button" class="btn" id="add-drink" onClick={() => setDraft(addItem(draft))}>
          {ot(lang, 'addDrink')}
        </button>
      </section>
      <section aria-labelledby="toppings-title">
        <h2 id="toppings-title">
          {ot(lang, 'toppings')} <span class="count">{draft.toppings.length}</span>
        </h2>
        <ul class="topping-rows">
          {draft.toppings.map((topping, index) => (
            <ToppingRow
              key={index}
              topping={topping}
              index={index}
              isNew={!savedToppings.has(topping.id)}
              marks={marks}
              lang={lang}
              onEdit={edit}
              onRemove={() => setDraft(removeTopping(draft, index))}
            />
          ))}
        </ul>
        <button type="button" class="btn" id="add-topping" onClick={() => setDraft(addTopping(draft))}>
          {ot(lang, 'addTopping')}
        </button>
      </section>
      {versions.length > 0 && (
        <section aria-labelledby="versions-title" class="versions">
          <h2 id="versions-title">{ot(lang, 'recent')}</h2>
          <ol>
            {versions.map((entry) => (
              <li key={entry.version}>
                <strong>v{entry.version}</strong> · {entry.author} · {new Date(entry.createdAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')} ·{' '}
                {entry.summary}
              </li>
            ))}
          </ol>
        </section>
      )}
    </main>
  );
}

/** A value as the owner reads it: prices in yuan, names as text. */
function showValue(path: string, value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'number' && /(^|\.)prices?\b/.test(path)) return priceTag(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The same check as the server's (shared/menu/menu-file-schema.ts), so problems show before a round trip. */
function localCheck(draft: Draft): Issue[] {
  const result = parseMenuDefinition(draft);
  return result.ok ? [] : result.issues;
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function OwnerApp({ bases }: { bases: ApiBases }) {
  const [lang, setLang] = useState<Lang>(initialLang());
  const [token, setToken] = useState(sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [tab, setTab] = useState<'menu' | 'today'>(location.hash === '#today' ? 'today' : 'menu');
  const show = (next: 'menu' | 'today') => {
    setTab(next);
    history.replaceState(null, '', next === 'today' ? '#today' : location.pathname);
  };
  useEffect(() => saveLang(lang), [lang]);
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken('');
  };
  if (!token) {
    const gate = (key: Parameters<typeof ot>[1]) => ot(lang, key);
    return (
      <TokenGate
        texts={{
          title: gate('title'),
          tokenLabel: gate('tokenLabel'),
          tokenHelp: gate('tokenHelp'),
          signIn: gate('signIn'),
          wrongToken: gate('wrongToken'),
          disabled: gate('ownerDisabled'),
          unreachable: gate('unreachable'),
        }}
        storageKey={TOKEN_KEY}
        verify={(candidate) => createOwnerApi(bases.order, candidate).verify()}
        onToken={setToken}
      >
        <button type="button" class="btn ghost" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {ot(lang, 'switchLang')}
        </button>
      </TokenGate>
    );
  }
  return (
    <div class="owner">
      <header class="topbar">
        <h1 class="brand">{ot(lang, 'title')}</h1>
        <nav class="tabs" aria-label={ot(lang, 'title')}>
          <button type="button" class="btn ghost" id="tab-menu" aria-pressed={tab === 'menu' ? 'true' : 'false'} onClick={() => show('menu')}>
            {ot(lang, 'tabMenu')}
          </button>
          <button type="button" class="btn ghost" id="tab-today" aria-pressed={tab === 'today' ? 'true' : 'false'} onClick={() => show('today')}>
            {tt(lang, 'tabToday')}
          </button>
        </nav>
        <div class="topbar-actions">
          <button type="button" class="btn ghost" id="lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {ot(lang, 'switchLang')}
          </button>
          <button type="button" class="btn ghost" id="sign-out" onClick={signOut}>
            {ot(lang, 'signOut')}
          </button>
        </div>
      </header>
      {tab === 'menu' ? (
        <MenuTab api={createOwnerApi(bases.order, token)} lang={lang} onSignOut={signOut} />
      ) : (
        <TodayTab api={createOwnerApi(bases.order, token)} lang={lang} onSignOut={signOut} />
      )}
    </div>
  );
}

async function main() {
  const root = document.getElementById('app')!;
  try {
    const bases = await loadBases();
    root.textContent = '';
    render(<OwnerApp bases={bases} />, root);
  } catch {
    root.textContent = 'Cannot reach the shop server. 无法连接服务器。';
  }
}

void main();
