/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import type { Lang } from './i18n.ts';
import { issueText } from './issue-text.ts';
import { issuesAt, parseAliases, parseYuan, priceFieldText, type Draft, type DraftItem, type DraftTopping, type Issue } from './menu-draft.ts';
import { ot, type OwnerKey } from './owner-strings.ts';
import { inputValue } from './input-event.ts';

export type Edit = (path: string, value: unknown) => void;
/** What the fields show: problems to fix, and fields someone else changed too. */
export type Marks = { issues: Issue[]; conflicts: string[] };

function FieldIssues({ issues, lang }: { issues: Issue[]; lang: Lang }) {
  if (issues.length === 0) return null;
  return (
    <ul class="field-issues" role="alert">
      {issues.map((issue) => (
        <li key={issue.path + issue.message} data-issue={issue.path}>
          {issueText(issue.message, lang)}
        </li>
      ))}
    </ul>
  );
}

function Field({
  label,
  path,
  value,
  marks,
  lang,
  onText,
  readOnly = false,
  kind = 'text',
  labelText,
}: {
  label: OwnerKey;
  /** Shown instead of the label's text (a size's own name). */
  labelText?: string;
  path: string;
  value: string;
  marks: Marks;
  lang: Lang;
  onText(text: string): void;
  readOnly?: boolean;
  kind?: 'text' | 'price';
}) {
  const issues = issuesAt(marks.issues, path);
  const conflict = marks.conflicts.some((at) => at === path || at.startsWith(`${path}.`) || at.startsWith(`${path}[`));
  return (
    <label class={`field${issues.length ? ' invalid' : ''}${conflict ? ' conflict' : ''}`}>
      <span class="field-label">{labelText ?? ot(lang, label)}</span>
      <input
        data-path={path}
        value={value}
        readOnly={readOnly}
        inputMode={kind === 'price' ? 'decimal' : undefined}
        placeholder={kind === 'price' ? '—' : undefined}
        aria-invalid={issues.length ? 'true' : 'false'}
        onInput={(event: Event) => onText(inputValue(event))}
      />
      <FieldIssues issues={issues} lang={lang} />
    </label>
  );
}

/**
 * A field whose text is parsed into the draft (aliases, prices): the owner's text stays as typed
 * ("a, " mid-typing) until the draft's value changes from elsewhere.
 */
function ParsedField<T>({
  value,
  parse,
  format,
  ...props
}: { value: T; parse(text: string): T; format(value: T): string } & Omit<Parameters<typeof Field>[0], 'value' | 'onText'> & { onValue(value: T): void }) {
  const [text, setText] = useState(format(value));
  useEffect(() => {
    if (JSON.stringify(parse(text)) !== JSON.stringify(value)) setText(format(value));
  }, [JSON.stringify(value)]);
  const { onValue, ...rest } = props;
  return (
    <Field
      {...rest}
      value={text}
      onText={(next) => {
        setText(next);
        onValue(parse(next));
      }}
    />
  );
}

const aliasText = (aliases: string[] | undefined) => (aliases ?? []).join(', ');

export function ItemCard({
  item,
  index,
  draft,
  isNew,
  available,
  marks,
  lang,
  onEdit,
  onRemove,
  onToggle,
}: {
  item: DraftItem;
  index: number;
  draft: Draft;
  isNew: boolean;
  available: boolean | undefined;
  marks: Marks;
  lang: Lang;
  onEdit: Edit;
  onRemove(): void;
  onToggle(available: boolean): void;
}) {
  const at = `items[${index}]`;
  const prices = item.prices ?? {};
  const sizeIds = [...draft.sizes.map((size) => size.id), ...Object.keys(prices).filter((id) => !draft.sizes.some((size) => size.id === id))];
  const sizeName = (id: string) => draft.sizes.find((size) => size.id === id)?.name?.[lang] || id;
  const editCategory = (field: Lang, text: string) => {
    const next = { zh: item.category?.zh ?? '', en: item.category?.en ?? '', [field]: text };
    onEdit(`${at}.category`, next.zh || next.en ? next : undefined);
  };
  const fieldPaths = ['id', 'name.zh', 'name.en', 'aliases', 'category.zh', 'category.en', 'prices'].map((field) => `${at}.${field}`);
  const cardIssues = issuesAt(marks.issues, at).filter((issue) => !fieldPaths.some((path) => issuesAt([issue], path).length > 0));
  const priceIssues = marks.issues.filter((issue) => issue.path === `${at}.prices`);
  return (
    <li class={`item-card${available === false ? ' is-sold-out' : ''}`} data-item={item.id} data-index={index}>
      <div class="card-head">
        <strong class="card-title">{item.name?.[lang] || item.name?.[lang === 'zh' ? 'en' : 'zh'] || item.id}</strong>
        {available === undefined ? (
          <span class="muted small">{ot(lang, 'saveFirst')}</span>
        ) : (
          <button
            type="button"
            class={`btn toggle ${available ? 'on' : 'off'}`}
            data-action="availability"
            aria-pressed={available ? 'false' : 'true'}
            onClick={() => onToggle(!available)}
          >
            {ot(lang, available ? 'available' : 'soldOut')}
          </button>
        )}
        <button type="button" class="btn ghost danger" data-action="remove" onClick={onRemove}>
          {ot(lang, 'remove')}
        </button>
      </div>
      <div class="field-row">
        <Field label="nameZh" path={`${at}.name.zh`} value={item.name?.zh ?? ''} marks={marks} lang={lang} onText={(text) => onEdit(`${at}.name.zh`, text)} />
        <Field label="nameEn" path={`${at}.name.en`} value={item.name?.en ?? ''} marks={marks} lang={lang} onText={(text) => onEdit(`${at}.name.en`, text)} />
      </div>
      <fieldset class={`prices${priceIssues.length ? ' invalid' : ''}`}>
        <legend>{ot(lang, 'prices')}</legend>
        <div class="price-row">
          {sizeIds.map((id) => (
            <ParsedField
              key={id}
              label="price"
              path={`${at}.prices.${id}`}
              value={prices[id]}
              parse={parseYuan}
              format={priceFieldText}
              marks={marks}
              lang={lang}
              kind="price"
              onValue={(value) => onEdit(`${at}.prices.${id}`, value)}
              labelText={sizeName(id)}
            />
          ))}
        </div>
        <FieldIssues issues={priceIssues} lang={lang} />
      </fieldset>
      <ParsedField
        label="aliases"
        path={`${at}.aliases`}
        value={item.aliases ?? []}
        parse={parseAliases}
        format={aliasText}
        marks={marks}
        lang={lang}
        onValue={(value) => onEdit(`${at}.aliases`, value)}
      />
      <div class="field-row">
        <Field
          label="categoryZh"
          path={`${at}.category.zh`}
          value={item.category?.zh ?? ''}
          marks={marks}
          lang={lang}
          onText={(text) => editCategory('zh', text)}
        />
        <Field
          label="categoryEn"
          path={`${at}.category.en`}
          value={item.category?.en ?? ''}
          marks={marks}
          lang={lang}
          onText={(text) => editCategory('en', text)}
        />
      </div>
      <Field
        label="id"
        path={`${at}.id`}
        value={String(item.id ?? '')}
        marks={marks}
        lang={lang}
        readOnly={!isNew}
        onText={(text) => onEdit(`${at}.id`, text)}
      />
      <FieldIssues issues={cardIssues} lang={lang} />
    </li>
  );
}

export function ToppingRow({
  topping,
  index,
  isNew,
  marks,
  lang,
  onEdit,
  onRemove,
}: {
  topping: DraftTopping;
  index: number;
  isNew: boolean;
  marks: Marks;
  lang: Lang;
  onEdit: Edit;
  onRemove(): void;
}) {
  const at = `toppings[${index}]`;
  const fieldPaths = ['id', 'name.zh', 'name.en', 'aliases', 'price'].map((field) => `${at}.${field}`);
  const rowIssues = issuesAt(marks.issues, at).filter((issue) => !fieldPaths.some((path) => issuesAt([issue], path).length > 0));
  return (
    <li class="topping-row" data-topping={topping.id} data-index={index}>
      <Field label="nameZh" path={`${at}.name.zh`} value={topping.name?.zh ?? ''} marks={marks} lang={lang} onText={(text) => onEdit(`${at}.name.zh`, text)} />
      <Field label="nameEn" path={`${at}.name.en`} value={topping.name?.en ?? ''} marks={marks} lang={lang} onText={(text) => onEdit(`${at}.name.en`, text)} />
      <ParsedField
        label="price"
        path={`${at}.price`}
        value={topping.price}
        parse={parseYuan}
        format={priceFieldText}
        marks={marks}
        lang={lang}
        kind="price"
        onValue={(value) => onEdit(`${at}.price`, value)}
      />
      <ParsedField
        label="aliases"
        path={`${at}.aliases`}
        value={topping.aliases ?? []}
        parse={parseAliases}
        format={aliasText}
        marks={marks}
        lang={lang}
        onValue={(value) => onEdit(`${at}.aliases`, value)}
      />
      <Field
        label="id"
        path={`${at}.id`}
        value={String(topping.id ?? '')}
        marks={marks}
        lang={lang}
        readOnly={!isNew}
        onText={(text) => onEdit(`${at}.id`, text)}
      />
      <button type="button" class="btn ghost danger" data-action="remove" onClick={onRemove}>
        {ot(lang, 'remove')}
      </button>
      <FieldIssues issues={rowIssues} lang={lang} />
    </li>
  );
}
