import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/http/logger.ts';
import type { FunctionInstance } from '../../shared/http/function-module.ts';
import { defaultMenuDefinition } from '../../shared/menu/load-menu-file.ts';
import { encodeWav } from '../../shared/speech/wav.ts';
import { startMockAssemblyAI } from '../../shared/testing/mock-assemblyai.ts';
import { openFunction as openOrder } from '../order/main.ts';
import { createLiveKeyterms } from './live-keyterms.ts';
import { openFunction as openStt } from './main.ts';

// The batch path's key terms come from the live menu (the order service, real SQLite), not the
// menu the shop started with: an alias the owner adds is sent to AssemblyAI without a restart.
const OWNER = 'stt-test-owner-token-0123456789';
let order: FunctionInstance;
let aai: Awaited<ReturnType<typeof startMockAssemblyAI>>;

beforeAll(async () => {
  order = await openOrder({ env: { DB_PATH: ':memory:', OWNER_TOKEN: OWNER, STAFF_TOKEN: 'stt-test-staff-token-0123456789' }, log: silentLogger });
  aai = await startMockAssemblyAI();
});
afterAll(async () => {
  await order.close();
  await aai.close();
});

const addAlias = async (alias: string) => {
  const response = await order.app.request('/menu/items/taro-milk-tea', {
    method: 'PATCH',
    headers: { authorization: `Bearer ${OWNER}`, 'content-type': 'application/json' },
    body: JSON.stringify({ aliases: ['芋头奶茶', alias] }),
  });
  expect(response.status).toBe(200);
};

describe('live menu key terms', () => {
  it('POST /stt sends an alias the owner added after the shop started', async () => {
    await addAlias('香芋啵啵');
    const stt = await openStt({
      env: { ASSEMBLYAI_API_KEY: aai.apiKey, ASSEMBLYAI_BASE_URL: aai.baseUrl, ASSEMBLYAI_STREAMING_BASE_URL: aai.baseUrl, ASSEMBLYAI_POLL_INTERVAL_MS: '20' },
      log: silentLogger,
      orderClient: order.orderClient!,
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the first read of the live menu, started at open
    aai.push({ text: '一杯香芋啵啵' });
    const samples = new Int16Array(16_000).map((_, i) => Math.round(5000 * Math.sin(i / 5)));
    const response = await stt.app.request('/stt?lang=zh', { method: 'POST', headers: { 'content-type': 'audio/wav' }, body: encodeWav(samples, 16_000) });
    expect(response.status).toBe(200);
    expect(aai.submissions.at(-1)?.keyterms_prompt).toEqual(expect.arrayContaining(['芋泥奶茶', '香芋啵啵', '大杯']));
    await stt.close();
  });

  it('refreshes once the terms are older than their age, never making a caller wait; keeps the last terms when the menu cannot be read', async () => {
    let reads = 0;
    let failing = false;
    const terms = createLiveKeyterms({
      startMenu: defaultMenuDefinition(),
      fetchMenu: async () => {
        reads++;
        if (failing) throw new Error('order service down');
        return order.orderClient!.getMenu();
      },
      log: silentLogger,
      maxAgeMs: 0,
    });
    expect(terms('zh')).not.toContain('椰椰芋圆'); // the start menu's, while the first read runs
    await addAlias('椰椰芋圆');
    await expect.poll(() => terms('zh')).toContain('椰椰芋圆');
    failing = true;
    const before = reads;
    await expect
      .poll(() => {
        terms('zh');
        return reads;
      })
      .toBeGreaterThan(before + 1);
    expect(terms('zh')).toContain('椰椰芋圆');
    expect(terms('en')).toContain('Taro Milk Tea');
  });
});
