import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, type LogLevel } from './logger.ts';

// The JSON lines an operator reads in `modal app logs`.
function capture(level?: LogLevel) {
  const lines: string[] = [];
  const log = createLogger({ ...(level ? { level } : {}), write: (line) => lines.push(line) });
  return { log, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createLogger', () => {
  it('writes one JSON line per entry to stdout by default', () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    createLogger().info('hello', { n: 1 });
    expect(write).toHaveBeenCalledTimes(1);
    const line = String(write.mock.calls[0]![0]);
    expect(line.endsWith('}\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ level: 'info', msg: 'hello', n: 1 });
  });

  it('drops entries below its level (info by default) and names each level', () => {
    const byDefault = capture();
    byDefault.log.debug('hidden');
    byDefault.log.info('i');
    byDefault.log.warn('w');
    byDefault.log.error('e');
    expect(byDefault.entries().map((entry) => [entry.level, entry.msg])).toEqual([
      ['info', 'i'],
      ['warn', 'w'],
      ['error', 'e'],
    ]);
    const debug = capture('debug');
    debug.log.debug('d');
    expect(debug.entries()).toMatchObject([{ level: 'debug', msg: 'd' }]);
    const silent = capture('silent');
    silent.log.error('e');
    expect(silent.entries()).toEqual([]);
  });

  it('stamps each entry and lets a child add fields that stay on every line', () => {
    const { log, entries } = capture();
    const child = log.child({ fn: 'order' }).child({ requestId: 'r1' });
    child.warn('slow', { ms: 5 });
    const [entry] = entries();
    expect(entry).toMatchObject({ level: 'warn', msg: 'slow', fn: 'order', requestId: 'r1', ms: 5 });
    expect(new Date(String(entry!.ts)).toISOString()).toBe(entry!.ts);
  });

  it('logs an error as name, message, code, status and its cause chain', () => {
    const { log, entries } = capture();
    const cause = Object.assign(new Error('ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const upstream = Object.assign(new Error('upstream refused', { cause }), { status: 502 });
    log.error('call failed', { err: upstream });
    log.error('plain', { err: new TypeError('bad') });
    expect(entries().map((entry) => entry.err)).toEqual([
      { name: 'Error', message: 'upstream refused', status: 502, cause: { name: 'Error', message: 'ECONNREFUSED 127.0.0.1:1', code: 'ECONNREFUSED' } },
      { name: 'TypeError', message: 'bad' },
    ]);
  });
});
