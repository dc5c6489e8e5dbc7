// Llama hosts sometimes return a tool call as JSON text in `content` instead of `tool_calls`:
//   {"name": "add_item", "parameters": {...}}     (Llama 3.1 JSON tool format)
//   <|python_tag|>{"name": ..., "arguments": ...}
//   [{"name": ...}, {"name": ...}]                 (several calls)
// Such text is parsed as calls and never spoken to the customer.

import { fieldOf } from '../../field-of.ts';

export type ParsedCall = { name: string; arguments: unknown };

const PYTHON_TAG = /^<\|python_tag\|>/;
const FENCE = /^```(?:json)?\s*([\s\S]*?)\s*```$/;

/** The calls in `content`, or null when it is ordinary text. */
export function parseToolCallsFromText(content: string, knownTools: ReadonlySet<string>): ParsedCall[] | null {
  let text = content.trim().replace(PYTHON_TAG, '').trim();
  const fenced = FENCE.exec(text);
  if (fenced) text = fenced[1]!.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Several objects separated by ';' or newlines.
    const parts = text.split(/\s*[;\n]\s*(?=\{)/);
    if (parts.length < 2) return null;
    try {
      parsed = parts.map((part) => JSON.parse(part));
    } catch {
      return null;
    }
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const calls: ParsedCall[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') return null;
    const wrapped = fieldOf(item, 'function');
    const fn = wrapped && typeof wrapped === 'object' ? wrapped : item;
    const name = fieldOf(fn, 'name');
    if (typeof name !== 'string' || !knownTools.has(name)) return null;
    const args = fieldOf(fn, 'parameters') ?? fieldOf(fn, 'arguments') ?? {};
    calls.push({ name, arguments: typeof args === 'string' ? safeParse(args) : args });
  }
  return calls.length ? calls : null;
}

/** Could this partial streamed content still turn out to be a JSON tool call? Then hold it back. */
export function mightBeToolCallText(prefix: string): boolean {
  const text = prefix.trimStart();
  return text === '' || text.startsWith('{') || text.startsWith('[') || text.startsWith('<|') || text.startsWith('```');
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
