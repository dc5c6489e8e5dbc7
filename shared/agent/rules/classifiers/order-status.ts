import type { IntentClassifier } from './intent-classifier.ts';

// "12号订单好了吗", "is 12 ready yet", "order 9999", "how is my tea coming": the status of an order.

const STATUS_REF_RE =
  /(?:^|[^0-9])(\d{1,6})\s*号|(?:订单|单号|取餐号|取餐码|order|pickup|ticket|number|#)\s*(?:number|code|no\.?|num|号码|号|是|:|#)?\s*#?\s*(\d{1,6})(?![0-9])/;
const ORDER_ID_RE = /(?:订单|order)\s*(?:id|编号|号)?\s*[:#]?\s*([a-z0-9]+(?:-[a-z0-9]+)+|[a-z][a-z0-9]{7,63})/;
/** Status asked casually, with the number bare: "is 7 done", "how's 12 coming along", "any news on 31". */
const CASUAL_STATUS_RE =
  /\b(is|are|how is|how's|hows|what about)\b.{0,20}\b\d{1,6}\b.{0,12}\b(done|ready|finished|coming|up|going)\b|\b(any )?(update|news|word) (on|about)\b|\d{1,6}\s*号?\s*(好了|做好|完成|出来了|出餐)/;
/** A bare number asked about with a status word: "is 7 done", "how is 12 coming along". */
const BARE_NUMBER_RE = /(?:^|[^0-9.])(\d{1,6})(?![0-9.%])/;

export function statusRef(text: string, bareNumber: boolean): { pickupCode?: string; orderId?: string } | null {
  const id = ORDER_ID_RE.exec(text);
  if (id && /\d/.test(id[1]!)) return { orderId: id[1]! };
  const match = STATUS_REF_RE.exec(text) ?? (bareNumber ? BARE_NUMBER_RE.exec(text) : null);
  if (match) return { pickupCode: String(Number(match[1] ?? match[2])) };
  return null;
}

export const orderStatus: IntentClassifier = {
  name: 'order status',
  classify(facts) {
    const { keywords, normalized } = facts;
    const casual = facts.itemCount === 0 && CASUAL_STATUS_RE.test(normalized);
    const asksStatus = casual || (keywords.has('status') && !keywords.has('checkout') && !facts.hasCupCount);
    // With a status word and no drink named, a lone number is the pickup number ("is 7 done").
    const bareNumber = asksStatus && facts.itemCount === 0;
    const ref =
      asksStatus || keywords.has('status') || keywords.has('lineword') || /订单|order|#|号|取餐/.test(normalized) ? statusRef(normalized, bareNumber) : null;
    if (asksStatus || (ref && facts.itemCount === 0 && !keywords.has('price'))) return [{ type: 'status', ...(ref ?? {}) }];
    return null;
  },
  examples: [
    { say: '12号订单好了吗', means: [{ type: 'status', pickupCode: '12' }] },
    { say: 'is number 12 ready yet', means: [{ type: 'status', pickupCode: '12' }] },
    { say: 'is 7 done', means: [{ type: 'status', pickupCode: '7' }] },
    { say: 'how is 12 coming along', means: [{ type: 'status', pickupCode: '12' }] },
    { say: '我的奶茶好了吗', means: [{ type: 'status' }] },
  ],
};
