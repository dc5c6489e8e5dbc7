// `npm run openapi`: writes every function's OpenAPI 3.1 document to docs/openapi/<name>.json,
// for reading offline. The same documents each function serves at GET /openapi.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHAT_DOC } from '../functions/chat/routes.ts';
import { HEALTH_DOC } from '../functions/health/routes.ts';
import { ORDER_DOC } from '../functions/order/routes.ts';
import { STT_DOC } from '../functions/stt/routes.ts';
import { TTS_DOC } from '../functions/tts/routes.ts';
import { WEB_DOC } from '../functions/web/routes.ts';
import { buildDocument } from '../shared/openapi/build-document.ts';

export const FUNCTION_DOCS = [ORDER_DOC, CHAT_DOC, STT_DOC, TTS_DOC, HEALTH_DOC, WEB_DOC];

export function writeOpenApi(outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return FUNCTION_DOCS.map((fn) => {
    const file = join(outDir, `${fn.name}.json`);
    writeFileSync(file, `${JSON.stringify(buildDocument(fn), null, 2)}\n`);
    return file;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const files = writeOpenApi(join(root, 'docs', 'openapi'));
  console.log(`wrote ${files.map((file) => file.slice(root.length)).join(', ')}`);
}
