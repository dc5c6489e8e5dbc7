// What a customer's message at the read-back means, decided the same way whatever answers the
// turn: a clear yes; a no; a hesitation ("wait", "等一下"); a question ("is that with ice?");
// a change ("make it large"); or unclear, which is left to the model. Placing an order needs a
// message that is none of no / hesitation / question / change.

export type ConfirmationReply = 'yes' | 'no' | 'hesitation' | 'question' | 'change' | 'unclear';

const HESITATION = [
  /等一?下|等等|稍等|先别|先不|别急|再想想|我想想|让我想想|再看看|考虑一下|不急/,
  /\b(wait|hold on|hold up|hang on|one (sec|second|moment)|just a (sec|second|moment)|let me (think|check|see)|not yet|give me a (sec|second|moment)|hmm+|um+|uh+)\b/,
];
const REFUSAL = [
  /不对|不是|不要了|算了|取消|不行|错了|不确认|别下单|不下单/,
  /^\s*(no|nope|nah)\b|\b(wrong|incorrect|cancel|don'?t (place|order)|do not (place|order)|never ?mind)\b/,
];
const QUESTION = [
  /[?？]|吗|呢|么|多少|几|什么|哪|怎么|是不是|有没有|能不能|可不可以/,
  /^\s*(is|are|does|do|did|can|could|will|would|how|what|which|when|where|why)\b/,
];
const CHANGE = [
  /改|换|加|减|去掉|删|多一|少一|再来|还要|另外|大杯|中杯|小杯|超大|半糖|无糖|少糖|全糖|微糖|少冰|去冰|多冰|常温|热的|冰的/,
  /\b(change|make it|make that|switch|swap|add|remove|without|instead|also|another|plus|more|less|large|medium|small|extra|no ice|hot|iced|sugar)\b/,
];
const YES = [
  /^(好的?|好啊|好吧|好嘞|可以|行|对|对的|是的|是|嗯+|没错|没问题|确认|确定|下单|下吧|就这样|ok|okay)[。.!！~～\s]*$/i,
  /^\s*(yes|yeah|yep|yup|sure|ok|okay|correct|right|confirm(ed)?|go ahead|place it|sounds good|perfect|that'?s right|that'?s correct|please do|do it)\b[\s.!,]*(please|thanks|thank you)?[\s.!]*$/i,
];

const matches = (text: string, patterns: RegExp[]) => patterns.some((pattern) => pattern.test(text));

export function classifyConfirmationReply(message: string): ConfirmationReply {
  const text = message.trim().toLowerCase();
  if (!text) return 'unclear';
  if (matches(text, HESITATION)) return 'hesitation';
  if (matches(text, REFUSAL)) return 'no';
  if (matches(text, QUESTION)) return 'question';
  if (matches(text, YES)) return 'yes';
  if (matches(text, CHANGE)) return 'change';
  return 'unclear';
}
