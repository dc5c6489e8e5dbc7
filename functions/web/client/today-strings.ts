import type { Lang } from './i18n.ts';

const STRINGS = {
  tabToday: { zh: '今日', en: 'Today' },
  day: { zh: '日期', en: 'Day' },
  csv: { zh: '下载订单 CSV', en: 'Download orders (CSV)' },
  loading: { zh: '加载中…', en: 'Loading…' },
  failed: { zh: '出错了：', en: 'Something went wrong: ' },
  figures: { zh: '当日数据', en: 'The day in figures' },
  orders: { zh: '订单', en: 'Orders' },
  cups: { zh: '杯数', en: 'Cups' },
  cupsUnit: { zh: '杯', en: 'cups' },
  revenue: { zh: '营业额', en: 'Revenue' },
  aov: { zh: '客单价', en: 'Average order' },
  cancelled: { zh: '取消', en: 'Cancelled' },
  wait: { zh: '出杯时间（分钟，中位数）', en: 'Wait to ready (min, median)' },
  offline: { zh: '离线回答占比', en: 'Answered offline' },
  left: { zh: '未下单的购物车', en: 'Carts left behind' },
  lastWeek: { zh: '上周同日', en: 'Last week' },
  perHour: { zh: '每小时订单', en: 'Orders per hour' },
  waitLine: { zh: '出杯时间', en: 'Wait to ready' },
  topDrinks: { zh: '热销饮品', en: 'Top drinks' },
  none: { zh: '这一天没有订单。', en: 'No orders that day.' },
} satisfies Record<string, Record<Lang, string>>;

export function tt(lang: Lang, key: keyof typeof STRINGS): string {
  return STRINGS[key][lang];
}
