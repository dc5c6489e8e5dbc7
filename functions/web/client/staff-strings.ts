import type { Lang } from './i18n.ts';

const STRINGS = {
  title: { zh: '出杯看板', en: 'Staff board' },
  tokenLabel: { zh: '店员口令', en: 'Staff token' },
  tokenHelp: {
    zh: '启动服务时打印的 staff token（或 STAFF_TOKEN）。只保存在本标签页。',
    en: 'The staff token printed by the server at start (or STAFF_TOKEN). Kept in this tab only.',
  },
  signIn: { zh: '进入看板', en: 'Open the board' },
  signOut: { zh: '退出', en: 'Sign out' },
  wrongToken: { zh: '口令不对，请重新输入。', en: 'That token is wrong. Please try again.' },
  staffDisabled: { zh: '服务器未设置 STAFF_TOKEN，店员功能已关闭。', en: 'The server has no STAFF_TOKEN set; staff features are off.' },
  unreachable: { zh: '无法连接服务器。', en: 'Cannot reach the server.' },
  placed: { zh: '待制作', en: 'Placed' },
  preparing: { zh: '制作中', en: 'Preparing' },
  ready: { zh: '待取餐', en: 'Ready' },
  start: { zh: '开始制作', en: 'Start' },
  markReady: { zh: '做好了', en: 'Ready' },
  pickedUp: { zh: '已取走', en: 'Picked up' },
  cancel: { zh: '取消', en: 'Cancel' },
  confirmCancel: { zh: '确认取消？', en: 'Confirm cancel?' },
  empty: { zh: '暂无', en: 'None' },
  live: { zh: '实时', en: 'Live' },
  connecting: { zh: '连接中', en: 'Connecting' },
  polling: { zh: '重连中（轮询）', en: 'Reconnecting (polling)' },
  board: { zh: '订单', en: 'Orders' },
  soldOut: { zh: '售罄管理', en: 'Sold out' },
  available: { zh: '有货', en: 'Available' },
  unavailable: { zh: '售罄', en: 'Sold out' },
  conflict: { zh: '号单已被其他人更新，看板已刷新。', en: 'was already moved by someone else; the board is refreshed.' },
  failed: { zh: '操作失败：', en: 'Action failed: ' },
  guest: { zh: '顾客', en: 'Guest' },
  min: { zh: '分钟', en: 'min' },
  justNow: { zh: '刚刚', en: 'just now' },
  switchLang: { zh: 'English', en: '中文' },
} satisfies Record<string, Record<Lang, string>>;

export type StaffKey = keyof typeof STRINGS;
export const st = (lang: Lang, key: StaffKey): string => STRINGS[key][lang];

export function ageText(lang: Lang, createdAt: string, now: number): string {
  const minutes = Math.floor((now - Date.parse(createdAt)) / 60_000);
  return minutes < 1 ? st(lang, 'justNow') : `${minutes} ${st(lang, 'min')}`;
}
