import type { Hono, MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../../shared/http/app-env.ts';
import type { Logger } from '../../shared/http/logger.ts';
import { jsonBody, queryParams } from '../../shared/http/validate.ts';
import { MenuItemPatchSchema } from '../../shared/menu/item-patch.ts';
import type { OrderService } from '../../shared/orders/order-service.ts';
import { AvailabilitySchema } from '../../shared/orders/order-schemas.ts';

export const MenuVersionsQuerySchema = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit must be 1..500'), v.transform(Number), v.minValue(1), v.maxValue(500)), '100'),
});

type MenuRouteDeps = { service: OrderService; log: Logger; staff: MiddlewareHandler<AppEnv>; owner: MiddlewareHandler<AppEnv> };

/**
 * The menu: anyone reads the live version; staff switch drinks sold out; the owner changes
 * the menu itself (every change a new version, logged with who and what).
 */
export function mountMenuRoutes(app: Hono<AppEnv>, { service, log, staff, owner }: MenuRouteDeps) {
  app.get('/menu', (c) => c.json(service.menu()));

  app.put('/menu/items/:id/availability', staff, jsonBody(AvailabilitySchema), (c) => {
    const { available } = c.req.valid('json');
    const item = service.setAvailability(c.req.param('id'), available);
    log.info('menu availability changed', { fn: 'order', by: 'staff', itemId: item.id, available });
    return c.json(item);
  });

  app.get('/menu/export', owner, (c) => {
    c.header('Content-Disposition', `attachment; filename="menu-v${service.catalog().version}.json"`);
    return c.json(service.exportMenu());
  });

  // The body is any JSON: the menu is checked as a whole, like MENU_FILE, for 422 with every problem.
  app.put('/menu', owner, jsonBody(v.unknown()), (c) => {
    const { change, menu } = service.replaceMenu(c.req.valid('json'), 'owner');
    log.info('menu changed', { fn: 'order', by: 'owner', version: change.version, summary: change.summary });
    return c.json(menu);
  });

  app.patch('/menu/items/:id', owner, jsonBody(MenuItemPatchSchema), (c) => {
    const patch = c.req.valid('json');
    const result = service.patchMenuItem(c.req.param('id'), patch, 'owner');
    log.info('menu item changed', {
      fn: 'order',
      by: 'owner',
      itemId: result.item.id,
      version: result.version,
      summary: result.change?.summary ?? null,
      ...(patch.available === undefined ? {} : { available: patch.available }),
    });
    return c.json({ version: result.version, item: result.item });
  });

  app.get('/menu/versions', owner, queryParams(MenuVersionsQuerySchema), (c) => c.json({ versions: service.menuVersions(c.req.valid('query').limit) }));
}
