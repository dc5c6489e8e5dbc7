import type { EvalReport, Figures } from './report.ts';

const COLUMNS = ['group', 'cases', 'passed', 'pass %', 'outcome ok', 'no clear yes', 'wrong totals', 'fallback turns', 'turns', 'p50 ms', 'p95 ms'];

function row(name: string, figures: Figures, withModel: boolean): string[] {
  return [
    name,
    String(figures.cases),
    String(figures.passed),
    (100 * figures.passRate).toFixed(1),
    String(figures.outcomePassed),
    String(figures.placementsWithoutClearYes),
    String(figures.wrongTotalsHeard),
    withModel ? String(figures.fallbackTurns) : '—',
    String(figures.turns),
    figures.latencyMs.p50.toFixed(1),
    figures.latencyMs.p95.toFixed(1),
  ];
}

/** The report as a plain-text table for a terminal, then the totals and the first failures. */
export function formatReport(report: EvalReport, { failuresShown = 15 }: { failuresShown?: number } = {}): string {
  const withModel = report.model !== null;
  const rows = [COLUMNS, ...report.groups.map((group) => row(group.group, group, withModel)), row('all', report.all, withModel)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  const table = [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1, -1).map(line), line(rows.at(-1)!)];

  const model = report.model
    ? `${report.model.model} at ${report.model.baseUrl} (as the ${report.model.link} link, then the offline agent)`
    : 'none: the offline agent alone';
  const tokens = report.tokens
    ? `${report.tokens.prompt} prompt + ${report.tokens.completion} completion (per model turn ${report.tokens.perModelTurn.prompt} + ${report.tokens.perModelTurn.completion})`
    : 'not reported by the provider';
  const failed = report.cases.filter((result) => !result.passed);
  const failures = failed
    .slice(0, failuresShown)
    .map((result) => `  ${result.group} / ${result.name}: ${result.failures.map((failure) => failure.check).join(', ')}`);
  return [
    `model: ${model}`,
    '',
    ...table,
    '',
    `guards: ${report.all.confirmsRefused} confirm_order refused, ${report.all.amountsReplaced} amounts replaced by the server's; ${report.all.errorTurns} turns answered with an error`,
    `tokens: ${tokens}`,
    `${report.all.cases} conversations, ${report.all.turns} turns in ${(report.durationMs / 1000).toFixed(1)} s at concurrency ${report.concurrency}`,
    ...(failed.length ? ['', `failed (${failed.length}${failed.length > failuresShown ? `, first ${failuresShown}` : ''}):`, ...failures] : []),
    '',
  ].join('\n');
}
