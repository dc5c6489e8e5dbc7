// npm run eval:agent — measures an OpenAI-compatible model on our conversations, through the
// real chat turn, before the shop switches to it. Flags: scripts/eval-agent/flags.ts (--help).
// Prints a table per group (pass rate, orders placed without a clear yes, wrong totals heard,
// turns the model did not answer, latency) and the tokens the provider reported; --json keeps it all.
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { isEntryPoint } from '../shared/http/serve.ts';
import { captureLog } from './eval-agent/capture-log.ts';
import { loadSuites } from './eval-agent/case-files.ts';
import { buildEvalChain, warmUp } from './eval-agent/eval-chain.ts';
import { parseEvalFlags, USAGE, UsageError } from './eval-agent/flags.ts';
import { formatReport } from './eval-agent/format-report.ts';
import { buildReport, scoreConversation, type EvalReport } from './eval-agent/report.ts';
import { runConversation } from './eval-agent/run-conversation.ts';
import { runPool } from './eval-agent/run-pool.ts';

export type EvalIo = { env: Record<string, string | undefined>; write: (text: string) => void };

/** The command: flags in, the report out (also printed; written as JSON with --json). */
export async function main(argv: readonly string[], io: EvalIo): Promise<EvalReport | null> {
  const flags = parseEvalFlags(argv, io.env);
  if (flags.help) {
    io.write(`${USAGE}\n`);
    return null;
  }
  const suites = await loadSuites(flags.cases, flags.limit);
  const { log: chainLog, events: chainEvents } = captureLog();
  const chain = buildEvalChain(flags, chainLog);
  try {
    await warmUp(chain, flags);
    const jobs = suites.flatMap((suite) => suite.cases.map((c) => ({ suite, c })));
    const started = performance.now();
    const results = await runPool(jobs, flags.concurrency, async ({ suite, c }) =>
      scoreConversation(suite.group, c, await runConversation(c, suite.menu, chain), suite.menu),
    );
    const model = flags.model ? { link: flags.model.link, baseUrl: flags.model.baseUrl, model: flags.model.model } : null;
    const report = buildReport({ results, model, concurrency: flags.concurrency, durationMs: performance.now() - started, chainEvents });
    io.write(formatReport(report));
    if (flags.json) await writeFile(flags.json, `${JSON.stringify(report, null, 2)}\n`);
    return report;
  } finally {
    chain.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2), { env: process.env, write: (text) => process.stdout.write(text) }).then(
    () => process.exit(0),
    (error: unknown) => {
      const usage = error instanceof UsageError;
      process.stderr.write(`${JSON.stringify({ error: { code: usage ? 'usage' : 'eval_failed', message: (error as Error).message } })}\n`);
      if (usage) process.stderr.write(`${USAGE}\n`);
      process.exit(usage ? 2 : 1);
    },
  );
}
