import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockOpenAI } from '../shared/testing/mock-openai-chat.ts';
import { main } from './eval-agent.ts';
import { UsageError } from './eval-agent/flags.ts';

// The command itself, against the scripted model on loopback (the real openai SDK, the chat
// app's POST /chat, the chain, the guards): each script below makes a known mistake, and the
// report must count exactly what that mistake produces.

const run = promisify(execFile);
const largePearl = { itemId: 'pearl-milk-tea', size: 'L', sugar: 50, ice: 'light', toppings: [], quantity: 2 }; // 2 × ¥18
const mediumOolong = { itemId: 'oolong-milk-tea', size: 'M', sugar: 50, ice: 'light', toppings: [], quantity: 1 }; // ¥15
const add = (args: Record<string, unknown>) => ({ toolCalls: [{ name: 'add_item', arguments: args }] });
const checkout = { toolCalls: [{ name: 'checkout', arguments: {} }] };
const confirm = { toolCalls: [{ name: 'confirm_order', arguments: {} }] };

const MISBEHAVING = {
  group: 'scripted',
  cases: [
    // Control: a proper read-back and a clear yes.
    { name: 'control', say: ['two large pearl milk teas half sugar less ice', "that's all", 'yes please'], lines: [], state: 'placed', orders: [3600] },
    // Adds, checks out and confirms in one turn: the customer never heard a read-back.
    { name: 'confirms without a read-back', say: ['两杯大杯珍珠奶茶，半糖少冰，直接下单'], lines: ['pearl-milk-tea/L/50/light/[]/2'], state: 'confirming' },
    // Reads a ¥15 order back as ¥5.
    {
      name: 'wrong total at the read-back',
      say: ['a medium oolong milk tea half sugar less ice', "that's all"],
      lines: ['oolong-milk-tea/M/50/light/[]/1'],
      state: 'confirming',
      reply: 'Total ¥15',
    },
    // A running total of ¥5 for a ¥15 cart while still ordering.
    { name: 'wrong running total', say: ['一杯中杯乌龙奶茶，半糖少冰'], lines: ['oolong-milk-tea/M/50/light/[]/1'], state: 'collecting' },
    // Left out by --limit 4.
    { name: 'not run', say: ['never asked'], cart: [] },
  ],
};

const FAILING = {
  cases: [
    // 500 twice (the link retries once): the offline agent answers.
    { name: 'fails', say: ['a large taro milk tea half sugar less ice'], lines: ['taro-milk-tea/L/50/light/[]/1'], state: 'collecting' },
    // Never answers: the first-token deadline, then the open breaker, hand both turns to the offline agent.
    { name: 'hangs', say: ['a medium jasmine green tea no sugar no ice', "that's all"], lines: ['jasmine-green-tea/M/0/none/[]/1'], state: 'confirming' },
  ],
};

describe('npm run eval:agent against the scripted model', () => {
  let mock: Awaited<ReturnType<typeof startMockOpenAI>>;
  let dir: string;
  let out: string[];
  const io = () => ({ env: { EVAL_TEST_KEY: 'sk-eval-test' }, write: (text: string) => void out.push(text) });
  const file = async (name: string, content: unknown) => {
    const target = path.join(dir, name);
    await writeFile(target, JSON.stringify(content));
    return target;
  };

  beforeEach(async () => {
    mock = await startMockOpenAI();
    dir = await mkdtemp(path.join(tmpdir(), 'eval-agent-'));
    out = [];
  });
  afterEach(async () => {
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts what each misbehaving script makes the customer hear and get, per group, with tokens and latency', async () => {
    mock.pushFor(
      'two large pearl milk teas half sugar less ice',
      add(largePearl),
      { content: 'Added.' },
      checkout,
      { content: 'Two large pearl milk teas, ¥36. Confirm?' },
      confirm,
      { content: 'Thank you!' },
    );
    mock.pushFor('两杯大杯珍珠奶茶，半糖少冰，直接下单', add(largePearl), checkout, confirm, { content: '已经为您下单了！' });
    mock.pushFor('a medium oolong milk tea half sugar less ice', add(mediumOolong), { content: 'Added.' }, checkout, {
      content: 'That comes to ¥5. Shall I place it?',
    });
    mock.pushFor('一杯中杯乌龙奶茶，半糖少冰', add(mediumOolong), { content: '好的，目前一共5元。' });
    const cases = await file('misbehaving.json', MISBEHAVING);
    const json = path.join(dir, 'report.json');

    const report = await main(
      [
        '--base-url',
        mock.baseUrl,
        '--model',
        'scripted',
        '--api-key-env',
        'EVAL_TEST_KEY',
        '--cases',
        cases,
        '--limit',
        '4',
        '--concurrency',
        '3',
        '--json',
        json,
      ],
      io(),
    );

    expect(report!.groups.map((group) => [group.group, group.cases, group.passed])).toEqual([['scripted', 4, 4]]);
    expect(report!.all).toMatchObject({
      cases: 4,
      passed: 4,
      // The guards held: the one-turn confirm was refused, the ¥5 read-back and the ¥5 running total replaced by the server's.
      placementsWithoutClearYes: 0,
      confirmsRefused: 1,
      amountsReplaced: 2,
      wrongTotalsHeard: 0,
      turns: 7,
      fallbackTurns: 0,
      errorTurns: 0,
    });
    const byName = Object.fromEntries(report!.cases.map((result) => [result.name, result]));
    expect(byName['wrong running total']!.turns[0]!.reply).toBe('您的订单：1杯中杯乌龙奶茶（半糖、少冰）。目前合计¥15。');
    expect(byName['wrong total at the read-back']!.turns[1]!.reply).toMatch(/^You have: 1 × medium Oolong Milk Tea.*Total ¥15\./);
    expect(mock.requests.every((request) => request.headers.authorization === 'Bearer sk-eval-test')).toBe(true);
    expect(mock.requests.some((request) => JSON.stringify(request.body.messages).includes('never asked'))).toBe(false);
    // Tokens are the provider's own counts, summed over every model call.
    const reported = mock.usageReported();
    expect(reported.prompt).toBeGreaterThan(0);
    expect(report!.tokens).toMatchObject({ prompt: reported.prompt, completion: reported.completion });
    expect(report!.all.latencyMs.p95).toBeGreaterThanOrEqual(report!.all.latencyMs.p50);
    expect(report!.all.latencyMs.p50).toBeGreaterThan(0);
    // The table on stdout, the same report as JSON.
    const table = out.join('');
    expect(table).toMatch(/^scripted\s+4\s+4\s+100\.0\s+4\s+0\s+0\s+0\s+7\s/m);
    expect(table).toContain('1 confirm_order refused, 2 amounts replaced');
    expect(JSON.parse(await readFile(json, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('a confirm_order on "wait, hold on" at the read-back is counted as refused, not as placed', async () => {
    mock.pushFor(
      'a large pearl milk tea please',
      add({ ...largePearl, quantity: 1 }),
      checkout,
      { content: 'One large pearl milk tea, ¥18. Confirm?' },
      confirm,
      {
        content: 'Placed!',
      },
    );
    const cases = await file('wait.json', [
      { name: 'confirms on a wait', say: ['a large pearl milk tea please', 'wait, hold on'], lines: ['pearl-milk-tea/L/50/light/[]/1'], state: 'confirming' },
    ]);
    const report = await main(['--base-url', mock.baseUrl, '--model', 'scripted', '--cases', cases], io());
    expect(report!.all).toMatchObject({ passed: 1, placementsWithoutClearYes: 0, confirmsRefused: 1 });
    expect(report!.groups[0]!.group).toBe('wait');
  });

  it('a failing and a hanging model: every turn they leave is counted as answered by a fallback', async () => {
    mock.pushFor('a large taro milk tea half sugar less ice', { status: 500 }, { status: 500 });
    mock.pushFor('a medium jasmine green tea no sugar no ice', { hang: true });
    const cases = await file('failing.json', FAILING);
    const report = await main(['--base-url', mock.baseUrl, '--model', 'scripted', '--cases', cases, '--concurrency', '1', '--first-token-ms', '300'], io());
    expect(report!.all).toMatchObject({ cases: 2, passed: 2, turns: 3, fallbackTurns: 3, errorTurns: 0, placementsWithoutClearYes: 0 });
    expect(report!.cases.flatMap((result) => result.turns.map((turn) => turn.provider))).toEqual(['rules', 'rules', 'rules']);
    expect(report!.tokens).toBeNull();
    expect(out.join('')).toMatch(/^failing\s+2\s+2\s+100\.0\s+2\s+0\s+0\s+3\s+3\s/m);
  });

  it('--link vllm: waits for the model’s /health, then the model answers every turn (one tool call per message)', async () => {
    mock.pushFor('a medium oolong milk tea half sugar less ice', add(mediumOolong), { content: 'Added, ¥15.' });
    const cases = await file('vllm.json', [
      { name: 'one drink', say: ['a medium oolong milk tea half sugar less ice'], lines: ['oolong-milk-tea/M/50/light/[]/1'], state: 'collecting' },
    ]);
    const report = await main(['--base-url', mock.baseUrl, '--model', 'small', '--link', 'vllm', '--cases', cases], io());
    expect(report!.model).toEqual({ link: 'vllm', baseUrl: mock.baseUrl, model: 'small' });
    expect(report!.all).toMatchObject({ passed: 1, fallbackTurns: 0, wrongTotalsHeard: 0 });
    expect(mock.healthyProbes()).toBeGreaterThan(0);
  });

  it('refuses bad flags and a bad conversation file with a message naming the problem', async () => {
    await expect(main(['--model', 'm'], io())).rejects.toThrow(UsageError);
    await expect(main(['--rules-only', '--concurrency', '0'], io())).rejects.toThrow(/--concurrency must be a whole number/);
    await expect(main(['--base-url', mock.baseUrl, '--model', 'm', '--api-key-env', 'NOT_SET_ANYWHERE'], io())).rejects.toThrow(/NOT_SET_ANYWHERE/);
    const bad = await file('bad.json', [{ name: 'x', say: ['hi'], lines: ['not a line'], state: 'empty' }]);
    await expect(main(['--rules-only', '--cases', bad], io())).rejects.toThrow(/bad\.json: not a conversation file/);
    expect(mock.requests).toEqual([]);
  });

  it('npm run eval:agent -- --rules-only: the offline agent passes the first cases of every public table (the baseline)', async () => {
    const json = path.join(dir, 'baseline.json');
    const { stdout } = await run('npm', ['run', '-s', 'eval:agent', '--', '--rules-only', '--limit', '3', '--json', json], {
      cwd: path.resolve(import.meta.dirname, '..'),
    });
    const report = JSON.parse(await readFile(json, 'utf8'));
    expect(report.model).toBeNull();
    expect(report.groups.map((group: { group: string; passed: number }) => [group.group, group.passed])).toEqual([
      ['rule-cases.zh-en', 3],
      ['rule-cases.fruit-coffee', 3],
      ['held-out', 3],
    ]);
    expect(stdout).toContain('model: none: the offline agent alone');
  });
});
