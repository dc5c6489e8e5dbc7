// npx tsx scripts/count-casts.ts [--list] — counts `as` casts (not `as const`) and `<T>x`
// assertions in product code: every .ts/.tsx under functions/ and shared/ except tests
// and test helpers (shared/testing/, anything importing vitest). With --list, prints each cast with its line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const list = process.argv.includes('--list');

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'testing') yield* files(path);
    } else if (/\.tsx?$/.test(entry.name) && !/\.(test|e2e\.test)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

let total = 0;
const perFile: Array<[string, number]> = [];
for (const dir of ['functions', 'shared']) {
  for (const path of files(join(root, dir))) {
    const text = readFileSync(path, 'utf8');
    if (/from 'vitest'/.test(text)) continue; // a test helper (e.g. functions/web/legacy/legacy-shapes.ts)
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    let count = 0;
    const visit = (node: ts.Node) => {
      const isCast =
        (ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(source) === 'const')) ||
        ts.isTypeAssertionExpression(node);
      if (isCast) {
        count += 1;
        if (list)
          console.log(`${relative(root, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}  ${node.getText(source).slice(0, 110)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (count) perFile.push([relative(root, path), count]);
    total += count;
  }
}
if (!list) for (const [path, count] of perFile.sort((a, b) => b[1] - a[1])) console.log(`${String(count).padStart(3)}  ${path}`);
console.log(`${total} casts in product code`);
