import { parseArgs, type ParseArgsConfig } from 'node:util';

export const USAGE = `npm run eval:agent -- [flags]

Runs conversation files through the real chat turn (POST /chat, the provider chain, the tool
runner, a fresh order service per conversation) against one OpenAI-compatible model.

  --base-url <url>         the model's OpenAI-compatible API, e.g. http://gpu-box:8000/v1
  --model <name>           the model name the API serves
  --api-key-env <NAME>     the environment variable holding its API key (none: a placeholder)
  --link openrouter|vllm   which link of the chain the model stands in for (default openrouter;
                           vllm replays one tool call per message and waits for /health first)
  --rules-only             no model: the offline agent alone (the baseline)
  --cases <file>           a conversation file (.json, or a .ts/.js case table); repeatable;
                           default: the public case tables
  --limit <n>              at most the first n conversations of each group
  --concurrency <n>        conversations run at once (default 4)
  --first-token-ms <ms>    the chain's first-token deadline (default 4000, as in production)
  --turn-timeout-ms <ms>   the chain's bound on a model turn (default 12000, as in production)
  --json <file>            also write the whole report (every turn) as JSON
  -h, --help`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type EvalFlags = {
  model: { link: 'openrouter' | 'vllm'; baseUrl: string; model: string; apiKey?: string } | null;
  cases: string[];
  limit?: number;
  concurrency: number;
  firstTokenMs: number;
  turnTimeoutMs: number;
  json?: string;
  help: boolean;
};

function positiveInt(name: string, text: string | undefined, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, not "${text}"`);
  return value;
}

const OPTIONS = {
  'base-url': { type: 'string' },
  model: { type: 'string' },
  'api-key-env': { type: 'string' },
  link: { type: 'string', default: 'openrouter' },
  'rules-only': { type: 'boolean', default: false },
  cases: { type: 'string', multiple: true, default: [] as string[] },
  limit: { type: 'string' },
  concurrency: { type: 'string' },
  'first-token-ms': { type: 'string' },
  'turn-timeout-ms': { type: 'string' },
  json: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies ParseArgsConfig['options'];

function readArgs(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: OPTIONS }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Reads the flags; a mistake is a UsageError saying which flag and why. */
export function parseEvalFlags(argv: readonly string[], env: Record<string, string | undefined>): EvalFlags {
  const values = readArgs(argv);
  const common = {
    cases: values.cases,
    concurrency: positiveInt('concurrency', values.concurrency, 4)!,
    firstTokenMs: positiveInt('first-token-ms', values['first-token-ms'], 4000)!,
    turnTimeoutMs: positiveInt('turn-timeout-ms', values['turn-timeout-ms'], 12_000)!,
    help: values.help,
    ...(values.limit !== undefined ? { limit: positiveInt('limit', values.limit)! } : {}),
    ...(values.json !== undefined ? { json: values.json } : {}),
  };
  if (values.help) return { ...common, model: null };
  if (values['rules-only']) {
    if (values['base-url'] || values.model) throw new UsageError('--rules-only runs no model: leave out --base-url and --model');
    return { ...common, model: null };
  }
  const baseUrl = values['base-url'];
  const model = values.model;
  if (!baseUrl || !model) throw new UsageError('name the model with --base-url and --model (or run the baseline with --rules-only)');
  if (!URL.canParse(baseUrl)) throw new UsageError(`--base-url is not a URL: "${baseUrl}"`);
  if (values.link !== 'openrouter' && values.link !== 'vllm') throw new UsageError(`--link is openrouter or vllm, not "${values.link}"`);
  const keyEnv = values['api-key-env'];
  const apiKey = keyEnv === undefined ? undefined : env[keyEnv];
  if (keyEnv !== undefined && !apiKey) throw new UsageError(`--api-key-env ${keyEnv}: that environment variable is not set`);
  return { ...common, model: { link: values.link, baseUrl, model, ...(apiKey ? { apiKey } : {}) } };
}
