// The shop's menu (DESIGN.md §4). Prices are integer fen; ¥18.00 = 1800.

export type Lang = 'zh' | 'en';
export type LocalizedName = { zh: string; en: string };

export const SIZES = ['M', 'L'] as const;
export type Size = (typeof SIZES)[number];

export const SUGAR_LEVELS = [100, 70, 50, 30, 0] as const;
export type Sugar = (typeof SUGAR_LEVELS)[number];

export const ICE_LEVELS = ['regular', 'light', 'none', 'room', 'hot'] as const;
export type Ice = (typeof ICE_LEVELS)[number];

export const LIMITS = { maxToppings: 3, minQuantity: 1, maxQuantity: 20, maxLines: 20 } as const;

export type MenuItem = {
  id: string;
  name: LocalizedName;
  aliases: string[];
  prices: Record<Size, number>;
  hotAllowed: boolean;
  sugarLevels: readonly Sugar[];
  note?: LocalizedName;
};

export type Topping = { id: string; name: LocalizedName; aliases: string[]; price: number };

const ALL_SUGAR = SUGAR_LEVELS;

export const MENU_ITEMS: readonly MenuItem[] = [
  {
    id: 'pearl-milk-tea',
    name: { zh: '珍珠奶茶', en: 'Pearl Milk Tea' },
    aliases: ['波霸奶茶', 'bubble tea', 'boba milk tea', 'boba tea', 'pearl milk tea'],
    prices: { M: 1500, L: 1800 },
    hotAllowed: true,
    sugarLevels: ALL_SUGAR,
    note: { zh: '已含珍珠', en: 'pearls included' },
  },
  {
    id: 'brown-sugar-pearl-milk',
    name: { zh: '黑糖珍珠鲜奶', en: 'Brown Sugar Pearl Milk' },
    aliases: ['黑糖珍珠', '黑糖鲜奶', '黑糖珍珠奶', 'brown sugar milk', 'brown sugar boba'],
    prices: { M: 1800, L: 2100 },
    hotAllowed: true,
    sugarLevels: [100, 70],
    note: { zh: '甜度只能选七分糖或全糖', en: 'sugar 70% or 100% only' },
  },
  {
    id: 'oolong-milk-tea',
    name: { zh: '乌龙奶茶', en: 'Oolong Milk Tea' },
    aliases: ['oolong milk'],
    prices: { M: 1500, L: 1800 },
    hotAllowed: true,
    sugarLevels: ALL_SUGAR,
  },
  {
    id: 'jasmine-milk-green',
    name: { zh: '茉莉奶绿', en: 'Jasmine Milk Green Tea' },
    aliases: ['jasmine milk green', 'jasmine milk tea', '奶绿'],
    prices: { M: 1500, L: 1800 },
    hotAllowed: true,
    sugarLevels: ALL_SUGAR,
  },
  {
    id: 'taro-milk-tea',
    name: { zh: '芋泥奶茶', en: 'Taro Milk Tea' },
    aliases: ['芋头奶茶', 'taro milk', 'taro tea'],
    prices: { M: 1700, L: 2000 },
    hotAllowed: true,
    sugarLevels: ALL_SUGAR,
  },
  {
    id: 'matcha-latte',
    name: { zh: '抹茶拿铁', en: 'Matcha Latte' },
    aliases: ['matcha', '抹茶'],
    prices: { M: 1800, L: 2100 },
    hotAllowed: true,
    sugarLevels: ALL_SUGAR,
  },
  {
    id: 'cheese-foam-oolong',
    name: { zh: '芝士奶盖乌龙', en: 'Cheese Foam Oolong' },
    aliases: ['奶盖乌龙', '芝士乌龙', 'cheese oolong', 'cheese foam oolong tea'],
    prices: { M: 1900, L: 2200 },
    hotAllowed: false,
    sugarLevels: ALL_SUGAR,
    note: { zh: '只做冷饮', en: 'cold only' },
  },
  {
    id: 'mango-pomelo-sago',
    name: { zh: '杨枝甘露', en: 'Mango Pomelo Sago' },
    aliases: ['mango sago', 'mango pomelo'],
    prices: { M: 2200, L: 2500 },
    hotAllowed: false,
    sugarLevels: ALL_SUGAR,
    note: { zh: '只做冷饮', en: 'cold only' },
  },
  {
    id: 'passion-fruit-green-tea',
    name: { zh: '百香果绿茶', en: 'Passion Fruit Green Tea' },
    aliases: ['百香果', 'passion fruit tea', 'passion fruit'],
    prices: { M: 1400, L: 1700 },
    hotAllowed: false,
    sugarLevels: ALL_SUGAR,
    note: { zh: '只做冷饮', en: 'cold only' },
  },
  {
    id: 'lemon-black-tea',
    name: { zh: '柠檬红茶', en: 'Lemon Black Tea' },
    aliases: ['lemon tea', '柠檬茶'],
    prices: { M: 1200, L: 1500 },
    hotAllowed: true,
    sugarLevels: ALL_SUGAR,
  },
  {
    id: 'jasmine-green-tea',
    name: { zh: '茉莉绿茶', en: 'Jasmine Green Tea' },
    aliases: ['jasmine tea', 'green tea', '绿茶'],
    prices: { M: 1000, L: 1200 },
    hotAllowed: true,
    sugarLevels: ALL_SUGAR,
  },
];

export const TOPPINGS: readonly Topping[] = [
  { id: 'pearls', name: { zh: '珍珠', en: 'Pearls' }, aliases: ['boba', 'tapioca', '波霸'], price: 200 },
  { id: 'coconut-jelly', name: { zh: '椰果', en: 'Coconut Jelly' }, aliases: ['coconut'], price: 200 },
  { id: 'pudding', name: { zh: '布丁', en: 'Pudding' }, aliases: [], price: 250 },
  { id: 'grass-jelly', name: { zh: '仙草', en: 'Grass Jelly' }, aliases: [], price: 200 },
  { id: 'taro-balls', name: { zh: '芋圆', en: 'Taro Balls' }, aliases: [], price: 300 },
  { id: 'red-bean', name: { zh: '红豆', en: 'Red Bean' }, aliases: ['red beans'], price: 200 },
  { id: 'cheese-foam', name: { zh: '奶盖', en: 'Cheese Foam' }, aliases: ['芝士奶盖', 'milk foam'], price: 400 },
];

export const SIZE_NAMES: Record<Size, LocalizedName> = {
  M: { zh: '中杯', en: 'medium' },
  L: { zh: '大杯', en: 'large' },
};

export const SUGAR_NAMES: Record<Sugar, LocalizedName> = {
  100: { zh: '全糖', en: 'full sugar' },
  70: { zh: '少糖', en: 'less sugar (70%)' },
  50: { zh: '半糖', en: 'half sugar' },
  30: { zh: '微糖', en: 'light sugar (30%)' },
  0: { zh: '无糖', en: 'no sugar' },
};

export const ICE_NAMES: Record<Ice, LocalizedName> = {
  regular: { zh: '正常冰', en: 'regular ice' },
  light: { zh: '少冰', en: 'less ice' },
  none: { zh: '去冰', en: 'no ice' },
  room: { zh: '常温', en: 'room temperature' },
  hot: { zh: '热', en: 'hot' },
};

const itemsById = new Map(MENU_ITEMS.map((item) => [item.id, item]));
const toppingsById = new Map(TOPPINGS.map((topping) => [topping.id, topping]));

export function findMenuItem(id: string): MenuItem | undefined {
  return itemsById.get(id);
}

export function findTopping(id: string): Topping | undefined {
  return toppingsById.get(id);
}
