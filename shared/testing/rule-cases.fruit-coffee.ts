import { fileURLToPath } from 'node:url';
import type { RuleCase } from './rule-cases.zh-en.ts';

// The case table for the second shipped menu (shared/menus/fruit-coffee.json): a fruit-tea and
// coffee shop with M/L/XL (not every drink in every size), 多冰 and 温, drinks with their own
// sugar and ice rules, at most 2 toppings and 10 cups. Same kinds of cases as the default table.

/** The menu these cases are written for (npm run eval:agent reads a table's MENU_FILE). */
export const MENU_FILE = fileURLToPath(new URL('../menus/fruit-coffee.json', import.meta.url));

export const FRUIT_COFFEE_CASES: RuleCase[] = [
  // ── Orders ──
  {
    name: 'fc zh: 超大杯多肉葡萄半糖少冰',
    say: ['一杯超大杯多肉葡萄，半糖少冰'],
    lines: ['grape-cheese/XL/50/light/[]/1'],
    state: 'collecting',
    reply: /超大杯多肉葡萄/,
  },
  {
    name: 'fc en: two medium coconut lattes, light sugar, warm',
    say: ['two medium coconut lattes, light sugar, warm'],
    lines: ['coconut-latte/M/30/warm/[]/2'],
    state: 'collecting',
    replyLang: 'en',
  },
  { name: 'fc zh: 多冰 is a level here', say: ['大杯暴打柠檬绿，半糖，多冰'], lines: ['lemon-green-tea/L/50/extra/[]/1'], state: 'collecting' },
  {
    name: 'fc en: extra ice',
    say: ['a large smashed lemon green tea, half sugar, extra ice'],
    lines: ['lemon-green-tea/L/50/extra/[]/1'],
    state: 'collecting',
  },
  { name: 'fc zh: alias 生椰 and 加浓', say: ['来杯中杯生椰，微糖，热的，加浓'], lines: ['coconut-latte/M/30/hot/[extra-shot]/1'], state: 'collecting' },
  {
    name: 'fc en: orange americano with an extra shot',
    say: ['a large orange americano, no added sugar, no ice, extra shot'],
    lines: ['orange-americano/L/0/none/[extra-shot]/1'],
    state: 'collecting',
  },
  { name: 'fc zh: draft then options', say: ['来一杯桂花乌龙', '超大杯 标准糖 去冰'], lines: ['osmanthus-oolong/XL/100/none/[]/1'], state: 'collecting' },
  {
    name: 'fc zh: draft asks in this menu’s words',
    say: ['来一杯桂花乌龙'],
    lines: [],
    draft: { itemId: 'osmanthus-oolong', missing: ['size', 'sugar', 'ice'] },
    state: 'collecting',
    reply: /中杯\/大杯\/超大杯.*不另外加糖.*多冰\/去冰\/温\/热/,
  },

  // ── This menu's rules ──
  {
    // Its one size is said and taken; the read-back says it again.
    name: 'fc zh: 姜汁撞奶只有中杯',
    say: ['大杯姜汁撞奶拿铁，半糖，热的'],
    lines: ['hot-ginger-latte/M/50/hot/[]/1'],
    state: 'collecting',
    reply: /^姜汁撞奶拿铁只有中杯。/,
  },
  {
    name: 'fc zh: a drink with one size is never asked its size',
    say: ['一杯姜汁撞奶拿铁'],
    lines: [],
    draft: { itemId: 'hot-ginger-latte', missing: ['sugar', 'ice'] },
    state: 'collecting',
    replyNot: /杯型/,
  },
  {
    name: 'fc en: ginger latte is warm or hot only',
    say: ['a medium ginger milk latte, half sugar, no ice'],
    lines: [],
    draft: { itemId: 'hot-ginger-latte', missing: ['ice'] },
    state: 'collecting',
  },
  {
    name: 'fc en: americano has no medium',
    say: ['a medium orange americano, no added sugar, no ice'],
    lines: [],
    draft: { itemId: 'orange-americano', missing: ['size'] },
    state: 'collecting',
  },
  {
    name: 'fc zh: 少糖 is not a level of this shop',
    say: ['中杯芒芒甘露少糖少冰'],
    lines: [],
    draft: { itemId: 'mango-pomelo', missing: ['sugar'] },
    state: 'collecting',
    reply: /70%/,
  },
  {
    name: 'fc en: grape cheese is cold only',
    say: ['a medium cheezo grape, half sugar, hot'],
    lines: [],
    draft: { itemId: 'grape-cheese', missing: ['ice'] },
    state: 'collecting',
  },
  { name: 'fc zh: three toppings is one too many', say: ['中杯桂花乌龙半糖去冰加晶球加芦荟加奶盖'], lines: [], state: 'empty', reply: /2/ },

  // ── Counts ──
  { name: 'fc zh: 仨', say: ['仨大杯暴打柠檬绿，微糖去冰'], lines: ['lemon-green-tea/L/30/none/[]/3'], state: 'collecting' },
  {
    name: 'fc en: one for me and one for my friend',
    say: ['a large osmanthus oolong for me and one for my friend, half sugar, less ice'],
    lines: ['osmanthus-oolong/L/50/light/[]/2'],
    state: 'collecting',
  },
  { name: 'fc zh: 三四杯 is asked', say: ['来三四杯中杯生椰拿铁'], lines: [], state: 'empty', reply: /3杯还是4杯/ },
  {
    name: 'fc en: eleven is over this shop’s limit',
    say: ['eleven medium osmanthus oolongs, half sugar, no ice'],
    lines: [],
    state: 'empty',
    reply: /How many|many cups/i,
  },
  {
    name: 'fc zh: 两杯，一杯加芦荟',
    say: ['两杯大杯芒芒甘露半糖少冰，一杯加芦荟'],
    lines: ['mango-pomelo/L/50/light/[aloe]/1', 'mango-pomelo/L/50/light/[]/1'],
    state: 'collecting',
  },

  // ── Edits ──
  {
    name: 'fc zh: 删除第二杯',
    say: ['删除第二杯'],
    start: { cart: ['coconut-latte/M/30/hot/[]/1', 'osmanthus-oolong/L/50/none/[]/1'] },
    lines: ['coconut-latte/M/30/hot/[]/1'],
    state: 'collecting',
  },
  {
    name: 'fc en: make it extra large',
    say: ['make it extra large'],
    start: { cart: ['osmanthus-oolong/L/50/none/[]/1'] },
    lines: ['osmanthus-oolong/XL/50/none/[]/1'],
    state: 'collecting',
  },
  {
    name: 'fc zh: 换成温的',
    say: ['换成温的'],
    start: { cart: ['coconut-latte/M/30/hot/[]/1'] },
    lines: ['coconut-latte/M/30/warm/[]/1'],
    state: 'collecting',
  },
  {
    name: 'fc en: "the lemon one" is the lemon line',
    say: ['the lemon one, no ice'],
    start: { cart: ['lemon-green-tea/L/50/light/[]/1', 'coconut-latte/M/30/hot/[]/1'] },
    lines: ['lemon-green-tea/L/50/none/[]/1', 'coconut-latte/M/30/hot/[]/1'],
    state: 'collecting',
  },
  {
    name: 'fc zh: 只要两杯',
    say: ['只要两杯'],
    start: { cart: ['lemon-green-tea/L/50/light/[]/3'] },
    lines: ['lemon-green-tea/L/50/light/[]/2'],
    state: 'collecting',
  },

  // ── Read-back and placing ──
  {
    name: 'fc zh: 就这些, 确认 places at this menu’s price',
    say: ['一杯大杯暴打柠檬绿 半糖 多冰', '就这些', '确认'],
    lines: [],
    state: 'placed',
    orders: [1600],
  },
  {
    name: 'fc en: a latte and an americano placed',
    say: ['one large coconut latte, half sugar, hot', 'and a extra large orange americano, light sugar, no ice', "that's all", 'yes'],
    lines: [],
    state: 'placed',
    orders: [4300],
  },
  {
    name: 'fc en: hold on at the read-back never places',
    say: ['a medium osmanthus oolong, no added sugar, warm', "that's it", 'hold on'],
    lines: ['osmanthus-oolong/M/0/warm/[]/1'],
    state: 'confirming',
  },
  {
    name: 'fc en: is that with ice? at the read-back changes nothing',
    say: ['a large mango pomelo dew, half sugar, less ice', "that's all", 'is that with ice?', 'yes'],
    lines: [],
    state: 'placed',
    orders: [2400],
  },

  // ── Not this shop's drinks ──
  { name: 'fc zh: 珍珠奶茶 is not on this menu', say: ['来一杯珍珠奶茶'], lines: [], state: 'empty', reply: /没有“珍珠奶茶”/ },
  {
    name: 'fc zh: an unknown drink’s options stay with it',
    say: ['一杯大杯杨枝甘露少糖，再来一杯桂花乌龙'],
    lines: [],
    draft: { itemId: 'osmanthus-oolong', missing: ['size', 'sugar', 'ice'] },
    state: 'collecting',
  },
  {
    name: 'fc en: caramel macchiato is not on this menu',
    say: ['can I get a caramel macchiato'],
    lines: [],
    state: 'empty',
    reply: /"caramel macchiato" is not on our menu/,
  },

  // ── Questions ──
  { name: 'fc zh: 菜单 names this shop’s drinks', say: ['有什么喝的'], lines: [], state: 'empty', reply: /多肉葡萄.*桂花乌龙/ },
  { name: 'fc en: how much is an extra large grape', say: ['how much is an extra large cheezo grape?'], lines: [], state: 'empty', reply: /28/ },
  { name: 'fc zh: 姜汁撞奶能做冰的吗', say: ['姜汁撞奶拿铁能做冰的吗'], lines: [], state: 'empty', reply: /只能选温或热/ },
  {
    name: 'fc en: can the coconut latte be iced?',
    say: ['can the coconut latte be iced?', 'ok a medium one, half sugar, less ice'],
    lines: ['coconut-latte/M/50/light/[]/1'],
    state: 'collecting',
  },
  { name: 'fc en: is number 12 ready', say: ['is number 12 ready?'], lines: [], state: 'empty', reply: /Order 12 is ready/ },
  {
    name: 'fc en: sold out is said, never another drink',
    say: ['a large coconut latte, half sugar, hot'],
    start: { soldOut: ['coconut-latte'] },
    lines: [],
    state: 'empty',
    reply: /sold out/i,
  },
  {
    name: 'fc zh: a name with a Latin letter, said in lower case',
    say: ['橙c美式 大杯 去冰 不加糖'],
    lines: ['orange-americano/L/0/none/[]/1'],
    state: 'collecting',
  },
  {
    name: 'fc zh run-on: count after the name, then shared out',
    say: ['芒芒甘露两杯 一杯多冰一杯去冰 都是中杯无糖'],
    lines: ['mango-pomelo/M/0/extra/[]/1', 'mango-pomelo/M/0/none/[]/1'],
    state: 'collecting',
  },
  {
    name: 'fc zh: a topping named with its own 加 is not said twice',
    say: ['一杯生椰拿铁 中杯 温的 半糖 加一份浓缩'],
    lines: ['coconut-latte/M/50/warm/[extra-shot]/1'],
    state: 'collecting',
    replyNot: /加加/,
  },
  { name: 'fc zh: 最便宜 is this menu’s cheapest', say: ['最便宜的是哪款'], lines: [], state: 'empty', reply: /^最便宜的是桂花乌龙/ },
  { name: 'fc en: most expensive by its largest size', say: ['what is the most expensive drink'], lines: [], state: 'empty', reply: /Cheezo Grape/ },
  { name: 'fc zh: 有什么带奶盖的 finds the drink that includes it', say: ['有什么带奶盖的'], lines: [], state: 'empty', reply: /^带芝士奶盖的有：多肉葡萄。/ },
  { name: 'fc zh: 有什么咖啡 lists this menu’s coffees', say: ['有什么咖啡'], lines: [], state: 'empty', reply: /^咖啡有：橙C美式、生椰拿铁/ },
];
