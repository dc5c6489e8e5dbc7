import type { MenuDefinition } from '../../../shared/menu/menu-types.ts';
import type { ReportSummary } from '../../../shared/reports/report-summary.ts';
import { jsonInit, request, requestJson, type MenuResponse } from './api.ts';
import type { Draft } from './menu-draft.ts';

export type MenuVersionInfo = { version: number; author: string; summary: string; createdAt: string };

/** The owner's menu routes (CONTRACT "Order service contract"), the token only ever as a bearer header. */
export function createOwnerApi(orderBase: string, token: string) {
  const auth = { Authorization: `Bearer ${token}` };
  const url = (path: string) => new URL(path, orderBase).href;
  return {
    /** Checks the token (401/403 for a wrong one, 503 when the server has no OWNER_TOKEN). */
    verify: () => request(url('/menu/versions?limit=1'), { headers: auth, timeoutMs: 8000 }),
    versions: (limit = 5) => requestJson<{ versions: MenuVersionInfo[] }>(url(`/menu/versions?limit=${limit}`), { headers: auth, timeoutMs: 8000 }),
    exportMenu: () => requestJson<MenuDefinition>(url('/menu/export'), { headers: auth, timeoutMs: 8000 }),
    menu: () => requestJson<MenuResponse>(url('/menu'), { timeoutMs: 8000 }),
    save: (menu: Draft) => requestJson<MenuResponse>(url('/menu'), { ...jsonInit('PUT', menu, auth), timeoutMs: 15_000 }),
    /** The owner's report for shop days from..to (README "The owner's report"); without them, the shop's today. */
    summary: (from?: string, to = from) =>
      requestJson<ReportSummary>(url(from ? `/reports/summary?from=${from}&to=${to}` : '/reports/summary'), { headers: auth, timeoutMs: 15_000 }),
    /** The orders of those days as CSV (fetched with the token, saved through a Blob). */
    ordersCsv: async (from: string, to = from) =>
      (await request(url(`/reports/orders.csv?from=${from}&to=${to}`), { headers: auth, timeoutMs: 60_000 })).blob(),
    setAvailable: (itemId: string, available: boolean) =>
      requestJson<{ version: number }>(url(`/menu/items/${encodeURIComponent(itemId)}`), { ...jsonInit('PATCH', { available }, auth), timeoutMs: 8000 }),
  };
}

export type OwnerApi = ReturnType<typeof createOwnerApi>;
