import type { Catalog } from '../../menu/catalog.ts';
import type { IceId, MenuDefinition, SizeId, SugarId } from '../../menu/menu-types.ts';
import { menuInScope } from '../menu-scope.ts';
import { namesOf, optionNames } from './menu-names.ts';
import { ICE_FALLBACK, ICE_WORDS, SIZE_WORDS, SUGAR_WORDS, composedOptionPhrases } from './option-words.ts';

// Every phrase the rule parser knows, mapped to a token, in one character trie per menu.
// Menu names and aliases come from the live menu; the rest are the shared ordering words.

export type Keyword =
  | 'sep' | 'neg' | 'remove' | 'correction' | 'change' | 'cancel' | 'clear' | 'checkout' | 'place'
  | 'yes' | 'no' | 'menu' | 'price' | 'total' | 'recommend' | 'status' | 'cart' | 'greet' | 'thanks'
  | 'all' | 'same' | 'question' | 'lineword' | 'again' | 'to' | 'instead' | 'have' | 'hold' | 'rest' | 'one' | 'but' | 'onthe' | 'oneof' | 'ofthem' | 'fewer' | 'another' | 'add' | 'more' | 'only' | 'or'
  | 'cheapest' | 'dearest';

export type Lexeme =
  /** `said`: the words heard for it ("jasmine"), on tokens only. */
  | { type: 'item'; id: string; said?: string }
  | { type: 'generic' }
  | { type: 'topping'; id: string }
  | { type: 'no_toppings' }
  | { type: 'size'; value: SizeId }
  | { type: 'sugar'; value: SugarId }
  | { type: 'ice'; value: IceId }
  /** `range`: "两三杯", "two or three" (then `v` is the larger). */
  | { type: 'num'; value: number; unit: 'cup' | 'none'; range?: [number, number] }
  | { type: 'ord'; value: number | 'last' }
  | { type: 'kw'; keyword: Keyword };

type Node = { next: Map<string, Node>; lexeme?: Lexeme; latinEnd?: boolean };


const LATIN = /[a-z0-9]/;
const TOPPING_LEADS = ['with', 'add', 'extra', 'plus'];
const LEAD_ZH = '加';

/** Every phrase the parser knows for this menu, in one character trie; built once per menu. */
function buildLexicon(catalog: Catalog): Node {
  const root: Node = { next: new Map() };
  function add(phrase: string, lexeme: Lexeme) {
    let node = root;
    for (const ch of phrase) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { next: new Map() }));
      node = child;
    }
    // Menu words are added first; ordering words never override them.
    if (!node.lexeme || lexeme.type === 'item' || lexeme.type === 'topping') node.lexeme = lexeme;
    node.latinEnd = LATIN.test(phrase.at(-1)!);
  }
  const addAll = (phrases: string[], lexeme: Lexeme) => phrases.forEach((phrase) => add(phrase, lexeme));
  const kw = (k: Keyword, phrases: string[]) => addAll(phrases, { type: 'kw', keyword: k });

  // The menu's drinks and toppings: names and aliases (lower-case), plus the short forms the
    // shared language derives from a name (乌龙奶茶 → 乌龙, "taro milk tea" → "taro", plurals).
    for (const topping of catalog.toppings) {
      const lexeme: Lexeme = { type: 'topping', id: topping.id };
      addAll(namesOf(topping, catalog), lexeme);
    }
    // A drink's own words win over a topping's ("boba" alone is the drink that has that alias);
    // "with boba", "加波霸" are the topping again.
    for (const item of catalog.items) addAll(namesOf(item, catalog, true), { type: 'item', id: item.id });
    for (const topping of catalog.toppings)
      for (const name of namesOf(topping, catalog)) addAll(TOPPING_LEADS.map((lead) => (/[a-z]/.test(name) ? `${lead} ${name}` : `${LEAD_ZH}${name}`)), { type: 'topping', id: topping.id });
    addAll(['奶茶', 'milk tea', 'milk teas', 'tea', 'teas', '饮料', 'drink', 'drinks'], { type: 'generic' });
  addAll(['不要加料', '不加料', '不要小料', '不加小料', '不用加料', '什么都不加', '啥都不加', '不要配料', '不加配料', '无小料', 'no toppings', 'no topping', 'without toppings', 'nothing added', 'no extras', 'plain'], { type: 'no_toppings' });

  for (const [id, words] of Object.entries(SIZE_WORDS)) addAll(words, { type: 'size', value: id });
    for (const size of catalog.sizes) addAll(optionNames(size), { type: 'size', value: size.id });
  for (const [level, words] of Object.entries(SUGAR_WORDS)) addAll([...words.zh, ...words.en], { type: 'sugar', value: Number(level) });
    for (const level of catalog.sugar) addAll(optionNames(level), { type: 'sugar', value: level.id });
  for (const [level, words] of Object.entries(ICE_WORDS)) {
    const id = catalog.iceLevel(level) ? level : (ICE_FALLBACK[level] ?? level);
    addAll([...words.zh, ...words.en], { type: 'ice', value: id });
  }
    for (const level of catalog.ice) addAll(optionNames(level), { type: 'ice', value: level.id });
  for (const { phrase, sugar, ice } of composedOptionPhrases()) {
    if (sugar !== undefined) add(phrase, { type: 'sugar', value: sugar });
    else if (ice !== undefined) add(phrase, { type: 'ice', value: catalog.iceLevel(ice) ? ice : (ICE_FALLBACK[ice] ?? ice) });
  }

  const EN_NUMBERS: [string, number][] = [['a', 1], ['an', 1], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['fifteen', 15], ['twenty', 20], ['a couple of', 2], ['a couple', 2], ['couple of', 2], ['a pair of', 2], ['a dozen', 12], ['zero', 0], ['half a', 0.5], ['half a cup of', 0.5], ['thirty', 30], ['a hundred', 100], ['fifty', 50]];
  for (const [phrase, v] of EN_NUMBERS) add(phrase, { type: 'num', value: v, unit: 'none' });
  addAll(['半杯', '半份', '半个'], { type: 'num', value: 0.5, unit: 'cup' });
  addAll(['来杯', '要杯', '来一个', '给我一杯'], { type: 'num', value: 1, unit: 'cup' });

  const ORDINALS: [string[], number | 'last'][] = [
    [['first', '1st', 'first one', 'first drink', 'first cup', 'first tea'], 1], [['second', '2nd', 'second one', 'second drink', 'second cup', 'second tea'], 2], [['third', '3rd', 'third one', 'third drink', 'third cup'], 3], [['fourth', '4th'], 4], [['fifth', '5th'], 5],
    [['上一个', '上一杯', '上一份', '最后一杯', '最后一个', '最后那杯', '刚才那杯', '刚才那个', '刚才的', '刚点的', 'last one', 'the last', 'last drink', 'previous one', 'the previous', 'last'], 'last'],
  ];
  for (const [phrases, v] of ORDINALS) addAll(phrases, { type: 'ord', value: v });

  kw('sep', [',', ';', '.', '!', '以及', '然后', '和', '跟', 'and', 'then', '&']);
  // Separators that add a drink: a correction before them ("等一下，再来一杯…") does not reach past them.
  kw('more', ['再来', '还要', '另外', '再要', '还有', '加上一杯', '再加', '多来', '多要', '再多', 'also', 'plus', 'another', 'and also', 'and another', 'and then also']);
  kw('add', ['add', 'and add', '加']);
  kw('neg', ['不要', '不加', '别加', '不用', '别', '不', 'no', 'without', 'hold the', 'minus', 'skip the', 'not', "don't", 'dont', 'do not']);
  kw('remove', ['去掉', '删掉', '删除', '删了', '拿掉', '取消', '去除', '减掉', 'remove', 'delete', 'take off', 'take out', 'drop', 'cancel', 'get rid of']);
  kw('correction', ['还是', '还是要', '那还是', '不对', '不是', '哦不', '噢不', '说错了', '我是说', '应该是', '我的意思是', 'i mean', 'i meant', 'sorry', 'actually', 'no wait', 'make that', 'rather', 'correction']);
  kw('change', ['改成', '换成', '改为', '换为', '变成', '改', '换', '要改', 'make it', 'make them', 'change it to', 'change to', 'change', 'switch to', 'switch', 'swap', 'replace', 'exchange']);
  kw('instead', ['instead', 'instead of', '换一个', '换一杯']);
  kw('to', ['to', 'into']);
  kw('have', ['有没有', '有', 'do you have', 'do you sell', 'do you serve', 'is there', 'are there', 'any']);
  kw('cancel', ['不要了', '算了', '取消吧', 'never mind', 'nevermind', 'forget it', 'forget that', 'cancel that', 'scratch that']);
  kw('clear', ['清空', '清空购物车', '全部删除', '全删了', '全部删掉', '都删了', '都不要了', '全都不要了', '全部不要了', '重新点', '从头来', '从头开始', 'clear', 'empty the cart', 'empty my cart', 'start over', 'remove everything', 'delete everything', 'cancel everything', 'clear everything']);
  kw('checkout', ['就这些', '就这样', '就这样吧', '这样就行', '这样就好', '这样可以了', '就这么着', '没别的了', '没有别的了', '别的不要了', '其他不要了', '不用别的了', '就要这么多', '可以了', '好了就这些', "that'll do", 'that will do', 'that should do it', "that's everything", 'that is everything', 'nothing more', "that's all for me", "i'm good", 'im good', 'i am good', 'all set', "we're good", 'ready to order', 'ready to pay', 'that is it for me', "that's it for me", '就这么多', '结账', '买单', '没了', '没有了', '够了', '就要这些', '结算', "that's all", 'that is all', "that's it", 'that is it', "that'll be all", 'that will be all', 'checkout', 'check out', "i'm done", 'im done', 'i am done', 'nothing else', 'done', 'finish', 'pay']);
  kw('place', ['下单', '确认下单', '下单吧', '帮我下了', 'place it now', 'go ahead and order', 'send it', 'put it through', 'put the order in', '提交订单', '提交', '帮我下单', 'place the order', 'place my order', 'place order', 'place it', 'submit', 'order it']);
  kw('yes', ['确认', '确定', '嗯好', '行吧', '好嘞', '可以的', '下吧', '对没错', '没问题的', 'yep', 'yeah sure', 'do it', 'go for it', 'sure thing', 'yes please', 'sounds right', 'looks good', "that's right", 'that is right', 'exactly', 'absolutely', 'uh huh', 'mhm', '对', '对的', '是的', '是', '好的', '好', '好啊', '好吧', '可以', '行', '没问题', '嗯', '嗯嗯', '没错', '正确', 'ok', 'okay', 'yes', 'yeah', 'yep', 'yup', 'sure', 'confirm', 'confirmed', 'correct', 'right', 'go ahead', 'sounds good', 'perfect', 'please do', 'alright', 'fine']);
  kw('no', ['不对', '不是', '错了', '不行', '不好', '不可以', '不确认', '不用', 'no', 'nope', 'nah', 'wrong', 'incorrect', 'not right', 'not correct', 'not good', 'not ok', 'not okay']);
  kw('menu', ['菜单', '有什么', '有哪些', '有啥', '卖什么', '都有什么', '什么饮品', '有什么喝的', 'menu', 'what do you have', 'what do you sell', 'what drinks', "what's available", 'what is available', 'what do you got', 'options']);
  kw('price', ['多少钱', '几块', '几元', '价格', '价钱', '什么价', '怎么卖', '多钱', 'how much', 'price', 'prices', 'cost', 'costs']);
  // "what's the cheapest?", "最贵的是哪个": a drink chosen by its price.
  kw('cheapest', ['最便宜', '最实惠', '最划算', '便宜点的', '便宜一点的', '便宜些的', '价格最低', '最低价', 'cheapest', 'least expensive', 'lowest price', 'most affordable', 'cheapest drink']);
  kw('dearest', ['最贵', '价格最高', '最高价', 'most expensive', 'priciest', 'dearest']);
  kw('total', ['一共', '总共', '总价', '合计', '总计', 'total', 'altogether', 'in total']);
  kw('recommend', ['推荐', '好喝', '招牌', '热门', '热销', '卖得最好', '最受欢迎', '人气', 'recommend', 'recommendation', 'recommendations', 'suggest', 'suggestion', "what's good", 'what is good', 'popular', 'best seller', 'bestseller', 'signature', 'favorite', 'favourite']);
  kw('status', ['好了吗', '好了没', '好了没有', '做好了吗', '做好了没', '做好没', '可以取了吗', '能取了吗', '可以拿了吗', '进度', '还要多久', '多久', '排到', '状态', '到哪了', 'ready', 'status', 'how long', 'where is my', "where's my", 'done yet']);
  kw('cart', ['购物车', '我点了什么', '我点了啥', '点了哪些', '点了什么', '看看订单', '看一下订单', '我的订单', 'cart', 'what did i order', 'my order so far', 'show my order', "what's in my order", 'review my order', 'read it back', 'my order']);
  kw('hold', ['等等', '等一下', '等一等', '稍等', '等下', '先等等', '先别下单', '别下单', '先不要下单', '不要下单', '先不下单', '先别', '先别急', '我再看看', '再看看', '再想想', '我想想', '让我想想', '等会', '等会儿', 'wait', 'wait a sec', 'wait a second', 'wait a moment', 'hold on', 'hold up', 'hang on', 'one moment', 'one sec', 'just a sec', 'just a moment', 'not yet', "don't place", 'do not place', "don't order", 'let me think', 'let me check', 'let me see', 'give me a sec', 'give me a moment', 'one second']);
  kw('rest', ['其余', '其余的', '其他的', '其它的', '剩下的', '另外的', 'the rest', 'the others', 'the other ones', 'the remaining', 'rest of them', 'others']);
  kw('one', ['one', 'ones', 'one too', '那杯', '这杯', '那个', '那一杯']);
  kw('onthe', ['把', 'make the', 'make my', 'change the', 'switch the', 'to the', 'to my', 'to that', 'on that', 'for my', 'on the', 'from the', 'in the', 'for the', 'off the', 'on my', 'from my']);
  // "two of them", "其中两杯": a count of the cups already ordered, not a new count.
  kw('ofthem', ['of them', 'of those', 'of these', 'of the drinks', 'of the cups', '其中']);
  // "少一杯", "减两杯", "one less": cups taken away from a line.
  kw('fewer', ['少', '减', '少要', '少来', '少点', '减少', 'less', 'fewer']);
  kw('oneof', ['one of them', 'one of those', 'one of the', 'one of these', 'just one of them', '其中一杯', '其中一个', '其中一份', '有一杯', '一杯的话']);
  kw('only', ['只要', '只', '就要', '只要了', '只需要', 'only', 'just', 'only want', 'just want']);
  kw('or', ['or', '或', '或者', '到', '至', '~']);
  kw('but', ['but', 'except', '但是', '不过', '只是']);
  kw('greet', ['你好', '您好', '嗨', '哈喽', '早上好', 'hi', 'hello', 'hey', 'good morning', 'good afternoon']);
  kw('thanks', ['谢谢', '多谢', '感谢', 'thanks', 'thank you', 'thx']);
  kw('all', ['都', '全部', '都要', '各', '每杯', '两杯都', '三杯都', '所有', '全都', 'both', 'all', 'each', 'all of them', 'both of them', 'everything', 'every drink', 'all drinks', 'all the drinks', 'for everything', 'for all']);
  kw('same', ['of those', 'of that', 'more of those', 'more of that', 'like that', 'like that one', '一样的', '同样的', '一样', '相同的', 'same', 'the same', 'same again', 'same one']);
  // One more cup of the drink in focus, whatever its count.
  kw('another', ['one more', 'another one', 'one more of those', 'another of those']);
  kw('question', ['吗', '么', '嘛', '?', '能不能', '可不可以', '可以吗']);
  kw('lineword', ['line', 'item', 'number', 'no.', '#']);
  kw('again', ['再', '又', 'again', 'more']);
  return root;
}

const lexicons = new WeakMap<MenuDefinition, Node>();
function lexiconOf(catalog: Catalog): Node {
  let root = lexicons.get(catalog.definition);
  if (!root) lexicons.set(catalog.definition, (root = buildLexicon(catalog)));
  return root;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 仨: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_NUMERAL = /[零〇一二两俩三仨四五六七八九十百]/;

/** 一 → 1, 十五 → 15, 二十 → 20, 一百 → 100; NaN when it is not a well-formed numeral. */
export function parseChineseNumeral(text: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch === '百') {
      total += (digit < 0 ? 1 : digit) * 100;
      digit = -1;
    } else if (ch === '十') {
      total += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
    } else {
      const value = CN_DIGITS[ch];
      if (value === undefined || digit >= 0) return Number.NaN;
      digit = value;
    }
  }
  return total + (Math.max(digit , 0));
}

export function isChineseNumeral(ch: string): boolean {
  return CN_NUMERAL.test(ch);
}

/** The longest known phrase starting at `start`, respecting word ends for Latin phrases. */
export function matchPhrase(text: string, start: number): { lexeme: Lexeme; end: number } | null {
  let node: Node | undefined = lexiconOf(menuInScope());
  let best: { lexeme: Lexeme; end: number } | null = null;
  for (let i = start; i < text.length; i += 1) {
    node = node.next.get(text[i]!);
    if (!node) break;
    if (node.lexeme) {
      const after = text[i + 1];
      if (!node.latinEnd || after === undefined || !/[a-z0-9']/.test(after)) best = { lexeme: node.lexeme, end: i + 1 };
    }
  }
  return best;
}
