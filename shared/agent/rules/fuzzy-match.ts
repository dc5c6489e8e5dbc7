import { MENU_ITEMS, TOPPINGS } from '../../menu/menu.ts';

// Speech-recognition slips compared by sound. A table of the menu's own syllables (toneless
// pinyin) lists the characters a recogniser writes for each; a stretch of unrecognised text that
// sounds exactly like a menu name ("也果" = ye guo = 椰果) is taken as that name, one that only
// sounds near (zh/z, ch/c, sh/s, n/l, -ng/-n: "珍组" zhen zu) is asked about: "您是说珍珠吗？".

const SYLLABLES: Record<string, string> = {
  zhen: '珍真针贞侦震阵镇诊枕',
  zhu: '珠猪朱株诸住注主竹逐柱',
  nai: '奶乃耐奈',
  cha: '茶查察差插叉茬',
  hei: '黑嘿',
  tang: '糖汤唐堂躺烫趟塘',
  xian: '鲜仙先现线显险闲县限',
  wu: '乌屋无五午舞物误雾吴呜',
  long: '龙隆笼聋拢垄',
  mo: '茉抹末莫墨摸磨魔膜沫陌默漠',
  li: '莉利丽力立里理礼离李粒',
  lv: '绿率律旅铝',
  yu: '芋鱼玉雨语遇于与余预域育',
  ni: '泥尼你呢逆腻',
  na: '拿那哪纳呐',
  tie: '铁贴帖',
  zhi: '芝枝之知支只直值指纸治智',
  shi: '士是事时市式试室十石',
  gai: '盖该概钙改丐',
  yang: '杨羊洋阳养样扬氧',
  gan: '甘干肝感赶敢杆',
  lu: '露路鹿录陆卢炉鲁',
  bai: '百白柏摆拜败',
  xiang: '香相想箱向象项乡响详',
  guo: '果裹过锅国郭',
  ning: '柠宁凝拧',
  meng: '檬蒙萌梦猛孟',
  hong: '红洪宏虹轰',
  ye: '椰耶爷也叶夜野业页',
  bu: '布不步部补捕',
  ding: '丁钉叮顶定订',
  cao: '草操炒槽曹',
  yuan: '圆元园源原员远院愿缘',
  dou: '豆逗斗抖陡',
  // Near sounds only (southern accents, recogniser slips): never a menu character themselves.
  zu: '组足祖租族',
  zen: '怎',
  ca: '擦',
  la: '拉啦腊',
  lai: '来赖莱',
  nong: '农浓弄',
  si: '四思丝斯死',
  zi: '子字自紫资',
  tan: '谈弹摊坦',
  nu: '努怒',
  nv: '女',
  xin: '心新信',
  nin: '您',
  lin: '林临',
  men: '们门闷',
};
const syllableOf = new Map<string, string>();
for (const [syllable, chars] of Object.entries(SYLLABLES)) for (const ch of chars) if (!syllableOf.has(ch)) syllableOf.set(ch, syllable);

/** One spelling for syllables that accents and recognisers confuse. */
const near = (syllable: string) =>
  syllable.replace(/^zh/, 'z').replace(/^ch/, 'c').replace(/^sh/, 's').replace(/^l/, 'n').replace(/ng$/, 'n').replace(/v$/, 'u');

export type FuzzyCandidate = { kind: 'item' | 'topping'; id: string; name: string; from: string; sure: boolean };

/** Short names said at the counter, heard wrong as often as the full ones. */
const SHORT_NAMES: Record<string, string[]> = {
  'passion-fruit-green-tea': ['百香果'],
  'lemon-black-tea': ['柠檬'],
  'taro-milk-tea': ['芋泥'],
  'oolong-milk-tea': ['乌龙'],
  'mango-pomelo-sago': ['杨枝'],
  'brown-sugar-pearl-milk': ['黑糖'],
  'jasmine-milk-green': ['奶绿'],
};
const CJK = /[\u3400-\u9fff]/;
const NAMES = [
  ...TOPPINGS.map((t) => ({ kind: 'topping' as const, id: t.id, name: t.name.zh })),
  ...MENU_ITEMS.flatMap((i) =>
    [i.name.zh, ...i.aliases.filter((alias) => CJK.test(alias)), ...(SHORT_NAMES[i.id] ?? [])].map((name) => ({ kind: 'item' as const, id: i.id, name })),
  ),
].map((entry) => ({ ...entry, sounds: [...entry.name].map((ch) => syllableOf.get(ch) ?? ch) }));

/** English words speech recognisers produce for menu words, to be confirmed before use. */
const UNSURE_EN: Record<string, Omit<FuzzyCandidate, 'sure'>> = {
  putting: { kind: 'topping', id: 'pudding', name: 'pudding', from: 'putting' },
  'red been': { kind: 'topping', id: 'red-bean', name: 'red bean', from: 'red been' },
  'green jelly': { kind: 'topping', id: 'grass-jelly', name: 'grass jelly', from: 'green jelly' },
  'mango sake': { kind: 'item', id: 'mango-pomelo-sago', name: 'mango sago', from: 'mango sake' },
  'matcha later': { kind: 'item', id: 'matcha-latte', name: 'matcha latte', from: 'matcha later' },
  'match a lot': { kind: 'item', id: 'matcha-latte', name: 'matcha latte', from: 'match a lot' },
  'taro bowl': { kind: 'topping', id: 'taro-balls', name: 'taro balls', from: 'taro bowl' },
  'passion tea': { kind: 'item', id: 'passion-fruit-green-tea', name: 'passion fruit green tea', from: 'passion tea' },
  'cheese phone': { kind: 'topping', id: 'cheese-foam', name: 'cheese foam', from: 'cheese phone' },
  'grass jail': { kind: 'topping', id: 'grass-jelly', name: 'grass jelly', from: 'grass jail' },
};
const UNSURE_EN_RE = new RegExp(`\\b(${Object.keys(UNSURE_EN).join('|')})\\b`);

/** How `text` sounds against a menu name: 'same', 'near' or null. */
function compare(text: string, sounds: string[], name: string): 'same' | 'near' | null {
  let result: 'same' | 'near' = 'same';
  let substituted = 0;
  for (let k = 0; k < sounds.length; k += 1) {
    const ch = text[k]!;
    if (ch === name[k]) continue;
    const heard = syllableOf.get(ch);
    if (!heard) return null;
    substituted += 1;
    if (heard === sounds[k]) continue;
    if (near(heard) !== near(sounds[k]!)) return null;
    result = 'near';
  }
  if (substituted === 0 || substituted * 2 > sounds.length + (result === 'same' ? 1 : 0)) return null;
  return result;
}

/** The sound-alike menu word in `span` (text the tokenizer did not recognise), or null. */
export function findSoundAlike(span: string): FuzzyCandidate | null {
  let found: FuzzyCandidate | null = null;
  for (const entry of NAMES) {
    const length = entry.name.length;
    for (let start = 0; start + length <= span.length; start += 1) {
      const match = compare(span.slice(start, start + length), entry.sounds, entry.name);
      if (!match) continue;
      const candidate = { kind: entry.kind, id: entry.id, name: entry.name, from: span.slice(start, start + length), sure: match === 'same' };
      if (!found || candidate.name.length > found.name.length) found = candidate;
      else if (candidate.name.length === found.name.length && candidate.id !== found.id) return null; // two candidates: not a useful question
    }
  }
  return found;
}

export function findEnglishSoundAlike(text: string): FuzzyCandidate | null {
  const match = UNSURE_EN_RE.exec(text);
  return match ? { ...UNSURE_EN[match[1]!]!, sure: false } : null;
}
