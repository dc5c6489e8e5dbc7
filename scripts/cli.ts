// Shared by the command-line scripts: errors as one JSON line on stderr, and strict flags.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

export function fail(code: string, message: string, exitCode: number): never {
  process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
  process.exit(exitCode);
}

export const HELP_FLAG = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** Parses flags strictly; a bad flag prints the usage and exits 2, --help prints it and exits 0. */
export function parseFlags<const O extends FlagOptions>(options: O, usage: string) {
  let parsed: ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>;
  try {
    parsed = parseArgs({ options, strict: true, allowPositionals: false });
  } catch (err) {
    fail('usage', `${(err as Error).message}\n${usage}`, 2);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return parsed.values;
}
