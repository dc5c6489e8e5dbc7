import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultMenuDefinition, loadMenuFile } from '../../shared/menu/load-menu-file.ts';
import type { MenuDefinition } from '../../shared/menu/menu-types.ts';
import type { ScoredCase } from '../../shared/testing/case-judge.ts';
import { PUBLIC_CASE_TABLES, type CaseTable } from '../../shared/testing/case-tables.ts';
import { CasesSchema, parseCaseFile } from './case-file-schema.ts';
import * as v from 'valibot';

/** Conversations of one group, on the menu they are written for. */
export type EvalSuite = { group: string; menu: MenuDefinition; cases: ScoredCase[] };

/**
 * The suites to run: the public case tables when no file is named; otherwise each file, a
 * JSON conversation file or a TypeScript/JavaScript module in the case tables' shape (every
 * exported array is a group; an exported MENU_FILE names its menu).
 */
export async function loadSuites(files: readonly string[], limit?: number): Promise<EvalSuite[]> {
  const tables = files.length === 0 ? PUBLIC_CASE_TABLES : (await Promise.all(files.map(loadTables))).flat();
  return tables.map((table) => ({
    group: table.group,
    menu: table.menuFile ? loadMenuFile(table.menuFile) : defaultMenuDefinition(),
    cases: table.cases.slice(0, limit ?? table.cases.length),
  }));
}

async function loadTables(file: string): Promise<CaseTable[]> {
  const absolute = path.resolve(file);
  const base = path.basename(absolute).replace(/\.(json|[cm]?[jt]s)$/, '');
  if (absolute.endsWith('.json')) {
    const text = await readFile(absolute, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file}: not JSON (${(error as Error).message})`);
    }
    const parsed = parseCaseFile(json, file);
    return [
      {
        group: parsed.group ?? base,
        cases: parsed.cases,
        ...(parsed.menuFile ? { menuFile: path.resolve(path.dirname(absolute), parsed.menuFile) } : {}),
      },
    ];
  }
  const module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  const menuFile = typeof module.MENU_FILE === 'string' ? path.resolve(path.dirname(absolute), module.MENU_FILE) : undefined;
  const tables = Object.entries(module)
    .filter(([, value]) => Array.isArray(value))
    .map(([name, value]) => {
      const result = v.safeParse(CasesSchema, value);
      if (!result.success) throw new Error(`${file}: export ${name} is not a case table (${result.issues[0]?.message})`);
      return { group: `${base}.${name}`, cases: result.output as ScoredCase[], ...(menuFile ? { menuFile } : {}) };
    });
  if (tables.length === 0) throw new Error(`${file}: exports no case table`);
  return tables;
}
