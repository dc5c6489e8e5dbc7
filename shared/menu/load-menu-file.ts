import { readFileSync } from 'node:fs';
import defaultMenu from '../menus/default.json' with { type: 'json' };
import { describeMenuIssues, parseMenuDefinition } from './menu-file-schema.ts';
import type { MenuDefinition } from './menu-types.ts';
import { messageOf } from '../errors.ts';

/** The embedded default menu (shared/menus/default.json), parsed like any shop's file. */
export function defaultMenuDefinition(): MenuDefinition {
  const parsed = parseMenuDefinition(structuredClone(defaultMenu));
  if (!parsed.ok) throw new Error(`the embedded default menu is invalid:\n${describeMenuIssues(parsed.issues)}`);
  return parsed.menu;
}

/** MENU_FILE: read and checked at start; a bad file stops the start with every problem named. */
export function loadMenuFile(path: string): MenuDefinition {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`MENU_FILE ${path}: cannot be read (${messageOf(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`MENU_FILE ${path}: not valid JSON (${messageOf(error)})`);
  }
  const parsed = parseMenuDefinition(json);
  if (!parsed.ok) throw new Error(`MENU_FILE ${path}: ${parsed.issues.length} problem(s):\n${describeMenuIssues(parsed.issues)}`);
  return parsed.menu;
}
