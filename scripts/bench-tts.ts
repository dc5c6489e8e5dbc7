// npm run bench:tts — the offline voice (eSpeak-NG in a worker thread): milliseconds per
// sentence and real-time factor on 20 short shop replies (zh and en); then the latency of a
// cheap route (/healthz/tts) on the same server, idle and while it synthesises, to show
// the synthesis stays off the event loop. Loopback only; every loop is bounded.
import { silentLogger } from '../shared/http/logger.ts';
import { listen } from '../shared/http/serve.ts';
import { createOfflineVoice } from '../shared/speech/offline-voice.ts';
import type { SpeechLang } from '../shared/speech/speech-lang.ts';
import { openFunction } from '../functions/tts/main.ts';

const REPLIES: Array<[SpeechLang, string]> = [
  ['zh', '您好，欢迎光临，请问想喝点什么？'],
  ['zh', '好的，一杯大杯珍珠奶茶。'],
  ['zh', '请问要几分糖？'],
  ['zh', '冰量呢？正常冰、少冰还是去冰？'],
  ['zh', '需要加椰果或者布丁吗？'],
  ['zh', '芝士奶盖乌龙只做冷饮哦。'],
  ['zh', '一共三十六元，确认下单吗？'],
  ['zh', '下单成功，取餐码是八八六。'],
  ['zh', '您前面还有两杯，大约五分钟。'],
  ['zh', '您的饮品已经做好了，请到柜台取餐。'],
  ['en', 'Hi there, what can I get for you today?'],
  ['en', 'Sure, one large pearl milk tea.'],
  ['en', 'How sweet would you like it?'],
  ['en', 'Regular ice, less ice, or no ice?'],
  ['en', 'Would you like to add coconut jelly or pudding?'],
  ['en', 'Mango pomelo sago is served cold only.'],
  ['en', 'That comes to thirty six yuan. Shall I place the order?'],
  ['en', 'Your order is in. Your pickup code is eight eight six.'],
  ['en', 'There are two drinks ahead of yours, about five minutes.'],
  ['en', 'Your drink is ready at the counter. Enjoy!'],
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function benchVoice() {
  const voice = createOfflineVoice();
  const startup = performance.now();
  await voice.warmUp();
  const startupMs = performance.now() - startup;
  await voice.synthesize('预热。', 'zh');
  await voice.synthesize('Warm up.', 'en');
  const rows: Array<{ lang: string; chars: number; synthMs: number; audioMs: number; rtf: number }> = [];
  for (const [lang, text] of REPLIES) {
    const started = performance.now();
    const speech = await voice.synthesize(text, lang);
    const synthMs = performance.now() - started; // includes the hop to the worker and back
    rows.push({ lang, chars: [...text].length, synthMs: round(synthMs), audioMs: speech.durationMs, rtf: round(synthMs / speech.durationMs, 3) });
  }
  await voice.close();
  console.log(`offline voice: worker start ${Math.round(startupMs)} ms (once per process)`);
  console.table(rows);
  for (const lang of ['zh', 'en'] as const) {
    const mine = rows.filter((row) => row.lang === lang);
    const synth = mine.map((row) => row.synthMs);
    const totalSynth = synth.reduce((a, b) => a + b, 0);
    const totalAudio = mine.reduce((sum, row) => sum + row.audioMs, 0);
    console.log(
      `${lang}: ${mine.length} sentences, ms/sentence median ${round(percentile(synth, 50))} max ${round(Math.max(...synth))}, real-time factor ${round(totalSynth / totalAudio, 3)} (${Math.round(totalAudio)} ms of audio in ${Math.round(totalSynth)} ms)`,
    );
  }
}

async function benchServer() {
  const instance = await openFunction({ env: { TTS_RATE_LIMIT_PER_MINUTE: '100000', TTS_OFFLINE_WARMUP: 'off' }, log: silentLogger });
  const server = await listen(instance.app.fetch, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${server.port}`;
  const probe = async (count: number, stopWhen?: () => boolean) => {
    const latencies: number[] = [];
    for (let i = 0; i < count && !stopWhen?.(); i += 1) {
      const started = performance.now();
      const response = await fetch(`${base}/healthz/tts`);
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return latencies;
  };
  const speak = async ([lang, text]: [SpeechLang, string]) => {
    const response = await fetch(`${base}/tts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text, lang, format: 'wav' }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`POST /tts answered ${response.status}`);
  };
  await speak(REPLIES[0]!); // starts the worker
  await probe(50); // warm the HTTP path
  const idle = await probe(300);

  // Two clients synthesising back to back (3 rounds of the 20 replies) while probing.
  let synthesising = true;
  let spoken = 0;
  const load = (async () => {
    const started = performance.now();
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(
        [0, 1].map(async (client) => {
          for (const reply of REPLIES.slice(client * 10, client * 10 + 10)) {
            await speak(reply);
            spoken += 1;
          }
        }),
      );
    }
    synthesising = false;
    return performance.now() - started;
  })();
  const busy = await probe(5000, () => !synthesising);
  const loadMs = await load;
  await server.stop();
  await instance.close();

  const summary = (latencies: number[]) =>
    `n=${latencies.length} p50 ${round(percentile(latencies, 50), 2)} ms, p95 ${round(percentile(latencies, 95), 2)} ms, p99 ${round(percentile(latencies, 99), 2)} ms, max ${round(Math.max(...latencies), 2)} ms`;
  console.log(`\nGET /healthz/tts on the same server (${base})`);
  console.log(`  idle:              ${summary(idle)}`);
  console.log(`  while synthesising: ${summary(busy)}  (${spoken} POST /tts in ${Math.round(loadMs)} ms, ${round(loadMs / spoken)} ms each through HTTP)`);
}

await benchVoice();
await benchServer();
