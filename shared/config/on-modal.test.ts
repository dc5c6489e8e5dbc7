import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFunction as openChat } from '../../functions/chat/main.ts';
import { openFunction as openOrder } from '../../functions/order/main.ts';
import { silentLogger } from '../http/logger.ts';
import { isOnModal } from './on-modal.ts';

// Issue 11 item 8: on Modal, order and chat refuse to start without INTERNAL_API_TOKEN.
describe('INTERNAL_API_TOKEN on Modal', () => {
  it('detects Modal from the variables its runtime sets', () => {
    expect(isOnModal({})).toBe(false);
    expect(isOnModal({ MODAL_TASK_ID: 'ta-01J' })).toBe(true);
    expect(isOnModal({ MODAL_ENVIRONMENT: 'main' })).toBe(true);
    expect(isOnModal({ MODAL_IS_REMOTE: '1' })).toBe(true);
  });

  const onModal = { MODAL_TASK_ID: 'ta-01J', MODAL_ENVIRONMENT: 'main', MODAL_IS_REMOTE: '1' };
  const token = 'internal-token-0123456789';

  it('the order service refuses to start on Modal without it, and says how to add it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tea-modal-'));
    try {
      const env = { ...onModal, DB_PATH: path.join(dir, 'live.db') };
      await expect(openOrder({ env, log: silentLogger })).rejects.toThrow(/INTERNAL_API_TOKEN: required on Modal.*tea-agent-secrets/);
      expect(fs.existsSync(env.DB_PATH)).toBe(false);
      const instance = await openOrder({ env: { ...env, INTERNAL_API_TOKEN: token }, log: silentLogger });
      expect((await instance.app.request('/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
      await instance.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the chat function refuses to start on Modal without it; locally it is optional', async () => {
    const env = { ...onModal, ORDER_API_URL: 'http://127.0.0.1:9' };
    await expect(openChat({ env, log: silentLogger })).rejects.toThrow(/INTERNAL_API_TOKEN: required on Modal/);
    await expect(openChat({ env: { ...env, INTERNAL_API_TOKEN: 'short' }, log: silentLogger })).rejects.toThrow(/INTERNAL_API_TOKEN: must be at least 16/);
    const onModalWithToken = await openChat({ env: { ...env, INTERNAL_API_TOKEN: token }, log: silentLogger });
    await onModalWithToken.close();
    const local = await openChat({ env: { ORDER_API_URL: 'http://127.0.0.1:9' }, log: silentLogger });
    await local.close();
  });
});
