import { createLogger, type Logger } from '../../shared/http/logger.ts';

export type LogEvent = { msg: string; level: string } & Record<string, unknown>;

/** A logger that keeps its structured lines (info and up) for the report to count. */
export function captureLog(): { log: Logger; events: LogEvent[] } {
  const events: LogEvent[] = [];
  const log = createLogger({ level: 'info', write: (line) => events.push(JSON.parse(line) as LogEvent) });
  return { log, events };
}
