import * as v from 'valibot';
import { MenuItemPatchSchema } from '../../shared/menu/item-patch.ts';
import { defaultMenuDefinition } from '../../shared/menu/load-menu-file.ts';
import { exampleItemId, exampleLine } from '../../shared/openapi/menu-examples.ts';
import { MenuFileShape, MenuItemShape, MenuShape, MenuVersionsShape } from '../../shared/openapi/response-shapes.ts';
import { AvailabilitySchema } from '../../shared/orders/order-schemas.ts';
import { route } from './order-route.ts';

// The menu: anyone reads the live version; staff switch drinks sold out; the owner changes
// the menu itself (every change a new version, logged with who and what).

export const MenuVersionsQuerySchema = v.object({
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit must be 1..500'), v.transform(Number), v.minValue(1), v.maxValue(500)), '100'),
});

const itemId = { id: { description: `menu item id, e.g. ${exampleItemId}` } };

const liveMenu = route(
  {
    method: 'GET',
    path: '/menu',
    summary: 'The menu with today’s availability',
    tag: 'menu',
    responses: { 200: { description: 'the menu; prices in fen', schema: MenuShape } },
  },
  ({ service }) =>
    (c) =>
      c.json(service.menu()),
);

const setAvailability = route(
  {
    method: 'PUT',
    path: '/menu/items/:id/availability',
    summary: 'Mark a drink sold out (or back)',
    tag: 'menu',
    auth: 'staff',
    params: itemId,
    body: { schema: AvailabilitySchema, example: { available: false } },
    responses: { 200: { description: 'the item as the menu now shows it', schema: MenuItemShape } },
    errors: ['item_not_found'],
  },
  ({ service, log }) =>
    (c) => {
      const { available } = c.req.valid('json');
      const item = service.setAvailability(c.req.param('id'), available);
      log.info('menu availability changed', { fn: 'order', by: 'staff', itemId: item.id, available });
      return c.json(item);
    },
);

const exportMenu = route(
  {
    method: 'GET',
    path: '/menu/export',
    summary: 'The live menu as a menu file (owner)',
    description: 'The DESIGN.md §4 file shape with the live `version`: edit it and send it back with PUT /menu.',
    tag: 'menu',
    auth: 'owner',
    responses: { 200: { description: 'the menu file', schema: MenuFileShape } },
  },
  ({ service }) =>
    (c) => {
      c.header('Content-Disposition', `attachment; filename="menu-v${service.catalog().version}.json"`);
      return c.json(service.exportMenu());
    },
);

const replaceMenu = route(
  {
    method: 'PUT',
    path: '/menu',
    summary: 'Replace the whole menu (owner)',
    description:
      'A whole menu in the file shape. Its `version` must be the live one (else 409 version_conflict: someone saved first; reload). Checked like MENU_FILE: 422 invalid_menu lists every problem with its path (`details.issues`); nothing changes on a refusal. Success makes the next version live at once.',
    tag: 'menu',
    auth: 'owner',
    // Any JSON gets through: the menu is checked as a whole, like MENU_FILE, for 422 with every problem.
    body: { schema: v.unknown(), shown: MenuFileShape, example: defaultMenuDefinition(), description: 'a menu file (DESIGN.md §4)' },
    responses: { 200: { description: 'the new live menu', schema: MenuShape } },
    errors: ['version_conflict', 'invalid_menu'],
  },
  ({ service, log }) =>
    (c) => {
      const { change, menu } = service.replaceMenu(c.req.valid('json'), 'owner');
      log.info('menu changed', { fn: 'order', by: 'owner', version: change.version, summary: change.summary });
      return c.json(menu);
    },
);

const patchItem = route(
  {
    method: 'PATCH',
    path: '/menu/items/:id',
    summary: 'Change one drink (owner)',
    description:
      'Prices per size (merged; null takes a size off), names, aliases, category, allowed sugar/ice/toppings (null: all of the shop’s), note, availability. A change to the drink itself is a new version; `available` alone is not. With `version`, a stale one is 409.',
    tag: 'menu',
    auth: 'owner',
    params: itemId,
    body: { schema: MenuItemPatchSchema, example: { prices: { [exampleLine.size]: 1900 } } },
    responses: {
      200: { description: 'the live version and the drink as the menu now shows it', schema: v.object({ version: v.number(), item: MenuItemShape }) },
    },
    errors: ['item_not_found', 'version_conflict', 'invalid_menu'],
  },
  ({ service, log }) =>
    (c) => {
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
    },
);

const menuVersions = route(
  {
    method: 'GET',
    path: '/menu/versions',
    summary: 'The menu’s versions, newest first (owner)',
    tag: 'menu',
    auth: 'owner',
    query: MenuVersionsQuerySchema,
    responses: { 200: { description: 'who changed what, when', schema: MenuVersionsShape } },
  },
  ({ service }) =>
    (c) =>
      c.json({ versions: service.menuVersions(c.req.valid('query').limit) }),
);

export const MENU_ROWS = [liveMenu, setAvailability, exportMenu, replaceMenu, patchItem, menuVersions];
