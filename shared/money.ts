// Money is integer fen everywhere it is stored, priced or sent (DESIGN.md); this is the one
// place it becomes text. Three shapes are in use:
//   formatYuan(1800)                                   "¥18.00"  what a model reads and repeats (tool results, the placed-order sentence)
//   formatYuan(1800, { cents: 'if-any' })              "¥18"     what a customer or owner reads (pages, the menu in the prompt); "¥18.50" with cents
//   formatYuan(1800, { symbol: false })                "18.00"   a column of amounts (the CSV export); with cents: 'if-any', "18" (the owner's price fields)

export type YuanFormat = {
  /** Lead with "¥" (default true). */
  symbol?: boolean;
  /** 'always' two decimals (default), or 'if-any': none for whole yuan. */
  cents?: 'always' | 'if-any';
};

export function formatYuan(fen: number, { symbol = true, cents = 'always' }: YuanFormat = {}): string {
  const amount = cents === 'if-any' && fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
  return symbol ? `¥${amount}` : amount;
}

/** A price as a customer or owner reads it: "¥18", "¥18.50". */
export function priceTag(fen: number): string {
  return formatYuan(fen, { cents: 'if-any' });
}

/** Yuan as a JSON number (the legacy API's `order_total`: 18.5 for 1850 fen). */
export function yuanNumber(fen: number): number {
  return Math.round(fen) / 100;
}
