import { MENU_ITEMS, TOPPINGS } from '../../menu/menu.ts';

// Near-homophones that are not certain enough to fix silently ("叶果" might be 椰果): the
// parser asks "您是说椰果吗？". Each character maps to a sound class; a stretch of text that
// differs from a menu name only by sound-alike characters (at most one per two) is a candidate.

const SOUND_CLASSES = [
  '珍真针贞侦', '珠猪朱株诸', '椰耶爷也叶夜野', '果裹过锅国', '布不步部', '丁钉叮顶定', '仙先鲜', '草操炒',
  '芋鱼玉雨语遇', '圆元园源原员', '红洪宏虹', '豆逗斗', '奶乃', '盖该概钙', '乌呜屋', '龙隆笼聋', '茉末莫',
  '莉利丽力立', '泥尼你', '杨羊洋阳', '枝之知支只', '甘干肝', '露路鹿', '百白柏摆', '香相想箱', '柠宁凝', '檬蒙萌',
];
const classOf = new Map<string, string>();
for (const group of SOUND_CLASSES) for (const ch of group) classOf.set(ch, group[0]!);

export type FuzzyCandidate = { kind: 'item' | 'topping'; id: string; name: string; from: string };

const NAMES = [
  ...TOPPINGS.map((t) => ({ kind: 'topping' as const, id: t.id, name: t.name.zh })),
  ...MENU_ITEMS.map((i) => ({ kind: 'item' as const, id: i.id, name: i.name.zh })),
].map((entry) => ({ ...entry, sound: [...entry.name].map((ch) => classOf.get(ch) ?? ch).join('') }));

/** English words speech recognisers produce for menu words, to be confirmed before use. */
const UNSURE_EN: Record<string, FuzzyCandidate> = {
  putting: { kind: 'topping', id: 'pudding', name: 'pudding', from: 'putting' },
  'red been': { kind: 'topping', id: 'red-bean', name: 'red bean', from: 'red been' },
  'green jelly': { kind: 'topping', id: 'grass-jelly', name: 'grass jelly', from: 'green jelly' },
  'mango sake': { kind: 'item', id: 'mango-pomelo-sago', name: 'mango sago', from: 'mango sake' },
  'matcha later': { kind: 'item', id: 'matcha-latte', name: 'matcha latte', from: 'matcha later' },
};
const UNSURE_EN_RE = new RegExp(`\\b(${Object.keys(UNSURE_EN).join('|')})\\b`);

/** The single sound-alike menu word in `span` (text the tokenizer did not recognise), or null. */
export function findSoundAlike(span: string): FuzzyCandidate | null {
  let found: FuzzyCandidate | null = null;
  for (const entry of NAMES) {
    const length = entry.name.length;
    for (let start = 0; start + length <= span.length; start += 1) {
      let substituted = 0;
      let same = true;
      for (let k = 0; k < length && same; k += 1) {
        const ch = span[start + k]!;
        if (ch === entry.name[k]) continue;
        if ((classOf.get(ch) ?? ch) !== entry.sound[k]) same = false;
        else substituted += 1;
      }
      if (!same || substituted === 0 || substituted * 2 > length) continue;
      const from = span.slice(start, start + length);
      if (found && found.id !== entry.id) return null; // two candidates: not a useful question
      found = { kind: entry.kind, id: entry.id, name: entry.name, from };
    }
  }
  return found;
}

export function findEnglishSoundAlike(text: string): FuzzyCandidate | null {
  const match = UNSURE_EN_RE.exec(text);
  return match ? UNSURE_EN[match[1]!]! : null;
}
