import type { Lang } from './i18n.ts';

const STRINGS = {
  brand: { zh: '点单', en: 'Order' },
  order: { zh: '点单', en: 'Order' },
  switchLang: { zh: 'English', en: '中文' },
  switchLangLabel: { zh: 'Switch to English', en: '切换到中文' },
  newOrder: { zh: '重新点单', en: 'New order' },
  apiDocs: { zh: '开发者 API 文档', en: 'API docs for developers' },
  voiceOn: { zh: '语音播报：开', en: 'Voice: on' },
  voiceOff: { zh: '语音播报：关', en: 'Voice: off' },
  muteLabel: { zh: '朗读回复（点按切换）', en: 'Read replies aloud (tap to switch)' },
  menu: { zh: '菜单', en: 'Menu' },
  cart: { zh: '购物车', en: 'Your order' },
  cartEmpty: { zh: '还没有饮品。告诉我想喝什么，或点菜单。', en: 'Nothing yet. Tell me what you would like, or tap the menu.' },
  total: { zh: '合计', en: 'Total' },
  stillNeeded: { zh: '还需要', en: 'Still needed' },
  chat: { zh: '对话', en: 'Chat' },
  greeting: { zh: '您好！想喝点什么？可以打字、说话，或点左边的菜单。', en: 'Hi! What would you like? Type, talk, or tap a drink on the menu.' },
  messageLabel: { zh: '输入消息', en: 'Your message' },
  send: { zh: '发送', en: 'Send' },
  micStart: { zh: '按住说话', en: 'Hold to talk' },
  micStop: { zh: '松开发送', en: 'Release to send' },
  micBusy: { zh: '识别中…', en: 'Listening…' },
  micLabel: { zh: '语音输入', en: 'Voice input' },
  micOffNoSupport: { zh: '此浏览器不支持录音，请打字点单。', en: 'This browser cannot record audio; please type.' },
  micOffNoService: {
    zh: '语音识别未配置，且浏览器不支持语音识别，请打字点单。',
    en: 'Speech recognition is not set up and this browser has none; please type.',
  },
  micBrowser: { zh: '使用浏览器自带的语音识别。', en: "Using the browser's own speech recognition." },
  micDenied: { zh: '无法使用麦克风（未授权）。', en: 'Microphone not available (permission denied).' },
  micFailed: { zh: '没听清，请再说一次或打字。', en: "Didn't catch that; try again or type." },
  liveConnecting: { zh: '正在连接…', en: 'Connecting…' },
  liveReady: { zh: '聆听中', en: 'Listening' },
  liveListening: { zh: '请说…', en: 'Speak now…' },
  liveHandsFree: { zh: '正在聆听，直接说话即可', en: 'Listening — just talk' },
  liveFallback: { zh: '实时识别不可用，改为整段识别。', en: 'Live captions unavailable; sending the recording instead.' },
  liveTapToSend: { zh: '点按发送', en: 'Tap to send' },
  handsFreeOn: { zh: '免按键：开', en: 'Hands-free: on' },
  handsFreeOff: { zh: '免按键：关', en: 'Hands-free: off' },
  handsFreeLabel: { zh: '免按键对话（一直聆听，说话可打断回复）', en: 'Hands-free (keeps listening; talk over a reply to stop it)' },
  heard: { zh: '识别到', en: 'Heard' },
  thinking: { zh: '正在思考…', en: 'Thinking…' },
  offline: { zh: '离线助手', en: 'offline assistant' },
  soldOut: { zh: '售罄', en: 'Sold out' },
  coldOnly: { zh: '仅冷饮', en: 'Cold only' },
  moreDrinks: { zh: '更多', en: 'More' },
  tapToAdd: { zh: '点一下加入', en: 'Tap to order' },
  pickup: { zh: '取餐号', en: 'Pickup number' },
  placed: { zh: '已下单', en: 'Order placed' },
  statusPlaced: { zh: '排队中', en: 'In the queue' },
  statusPreparing: { zh: '正在制作', en: 'Being made' },
  statusReady: { zh: '已做好，请取餐', en: 'Ready — please collect' },
  statusCompleted: { zh: '已取餐，谢谢！', en: 'Collected — enjoy!' },
  statusCancelled: { zh: '订单已取消', en: 'Order cancelled' },
  connLost: { zh: '连接中断，正在重连…', en: 'Connection lost, reconnecting…' },
  errorPrefix: { zh: '出错了：', en: 'Something went wrong: ' },
  ttsFailed: { zh: '语音播放失败', en: 'Could not play the reply' },
  you: { zh: '我', en: 'You' },
  agent: { zh: '店员', en: 'Shop' },
} satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;
export const t = (lang: Lang, key: StringKey): string => STRINGS[key][lang];

export function aheadText(lang: Lang, ahead: number, etaSeconds: number): string {
  const minutes = Math.max(1, Math.round(etaSeconds / 60));
  if (lang === 'zh') return ahead > 0 ? `前面还有 ${ahead} 单，约 ${minutes} 分钟` : `下一杯就是您的，约 ${minutes} 分钟`;
  return ahead > 0 ? `${ahead} ahead, about ${minutes} min` : `You're next, about ${minutes} min`;
}

export const FIELD_NAMES: Record<string, Record<Lang, string>> = {
  itemId: { zh: '饮品', en: 'drink' },
  size: { zh: '杯型', en: 'size' },
  sugar: { zh: '甜度', en: 'sugar' },
  ice: { zh: '冰量', en: 'ice' },
};

/** What tapping a drink on the menu says for the customer. */
export function orderSentence(lang: Lang, drink: string): string {
  return lang === 'zh' ? `我要一杯${drink}` : `I'd like a ${drink}`;
}
