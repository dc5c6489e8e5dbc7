import { readHttpConfig } from '../../shared/config/http-config.ts';
import { findMigrationsFolder, openDb } from '../../shared/db/open-db.ts';
import type { OpenFunction } from '../../shared/http/function-module.ts';
import { isEntryPoint, runStandalone } from '../../shared/http/serve.ts';
import { createInProcessOrderClient } from '../../shared/order-client/in-process-order-client.ts';
import { createOrderService } from '../../shared/orders/order-service.ts';
import { createOrderApp } from './app.ts';
import { readOrderConfig } from './config.ts';

export const openFunction: OpenFunction = async ({ env, log }) => {
  const config = readOrderConfig(env);
  const { allowedOrigins } = readHttpConfig(env);
  const migrationsFolder = findMigrationsFolder();
  const opened = openDb(config.dbPath, migrationsFolder);
  const service = createOrderService({
    opened,
    migrationsFolder,
    timeZone: config.timeZone,
    secondsPerDrink: config.secondsPerDrink,
  });
  const app = createOrderApp({ service, log, allowedOrigins, ...(config.staffToken ? { staffToken: config.staffToken } : {}) });
  log.info('order service ready', { fn: 'order', dbPath: config.dbPath, staffApi: config.staffToken ? 'enabled' : 'disabled' });
  return {
    name: 'order',
    app,
    prefixes: ['/menu', '/orders', '/queue', '/sessions', '/healthz/order'],
    orderClient: createInProcessOrderClient(service),
    check: async () => service.check(),
    close: async () => opened.close(),
  };
};

if (isEntryPoint(import.meta.url)) void runStandalone('order', openFunction, process.env);
