import { describe, expect, it } from 'vitest';
import { listen } from '../http/serve.ts';
import { createTestOrderApp, openTestOrderService } from '../testing/order-fixture.ts';
import { createHttpOrderClient } from './http-order-client.ts';
import { createInProcessOrderClient } from './in-process-order-client.ts';
import { describeOrderClientContract } from './order-client-contract.ts';
import { OrderClientError } from './order-client.ts';

describeOrderClientContract('in-process', async () => {
  const { service, opened } = openTestOrderService();
  return { client: createInProcessOrderClient(service), close: async () => opened.close() };
});

const INTERNAL_TOKEN = 'internal-token-0123456789';

describeOrderClientContract('http', async () => {
  // As on Modal: the sessions routes want the internal token, and the client sends it.
  const { app, opened } = createTestOrderApp({ internalToken: INTERNAL_TOKEN });
  const server = await listen(app.fetch, 0, '127.0.0.1');
  return {
    client: createHttpOrderClient({ baseUrl: `http://127.0.0.1:${server.port}/`, timeoutMs: 2000, token: INTERNAL_TOKEN }),
    close: async () => {
      await server.stop();
      opened.close();
    },
  };
});

describe('http order client failures', () => {
  it('turns a refused connection into a typed 502', async () => {
    const client = createHttpOrderClient({ baseUrl: 'http://127.0.0.1:1', timeoutMs: 1000 });
    const error = await client.getMenu().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderClientError);
    expect(error).toMatchObject({ status: 502, code: 'order_service_unreachable' });
    expect((await client.check()).status).toBe('down');
  });

  it('bounds a call that hangs with its timeout', async () => {
    const hanging = await listen(() => new Promise<Response>(() => {}), 0, '127.0.0.1');
    const client = createHttpOrderClient({ baseUrl: `http://127.0.0.1:${hanging.port}`, timeoutMs: 150 });
    const error = await client.getQueue().catch((e: unknown) => e); // the server never answers: only the timeout ends this
    expect(error).toMatchObject({ status: 504, code: 'order_service_timeout' });
    await hanging.stop();
  });
});
