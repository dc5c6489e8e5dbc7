/** @jsxImportSource hono/jsx/dom */
import { useEffect, useState } from 'hono/jsx/dom';
import type { ReportSummary } from '../../../shared/reports/report-summary.ts';
import { ApiError } from './api.ts';
import type { Lang } from './i18n.ts';
import { priceTag } from '../../../shared/money.ts';
import type { OwnerApi } from './owner-api.ts';
import { hourBars, hourLine, linePath, weekBefore, type ChartBox } from './report-chart.ts';
import { tt } from './today-strings.ts';
import { inputValue } from './input-event.ts';

const BOX: ChartBox = { width: 480, height: 160, pad: 8 };

const minutes = (seconds: number | null) => (seconds === null ? '—' : `${Math.round(seconds / 60)}`);

function Figure({ id, label, value, before }: { id: string; label: string; value: string; before?: string }) {
  return (
    <div class="figure" id={`fig-${id}`}>
      <span class="figure-value">{value}</span>
      <span class="figure-label">{label}</span>
      {before !== undefined && <span class="figure-before muted">{before}</span>}
    </div>
  );
}

function OrdersChart({ report, lang }: { report: ReportSummary; lang: Lang }) {
  const bars = hourBars(
    report.perHour.map((hour) => hour.orders),
    BOX,
  );
  const line = hourLine(
    report.perHour.map((hour) => hour.placedToReadyP50),
    BOX,
  );
  return (
    <figure class="chart">
      <svg id="hour-chart" viewBox={`0 0 ${BOX.width} ${BOX.height + 14}`} role="img" aria-label={tt(lang, 'perHour')}>
        {bars.map((bar) => (
          <rect class="bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height} data-hour={bar.hour} data-orders={bar.value}>
            <title>{`${bar.hour}:00 · ${bar.value}`}</title>
          </rect>
        ))}
        <path class="wait-line" d={linePath(line)} />
        {line.map((point) => (
          <circle class="wait-dot" cx={point.x} cy={point.y} r={3} data-hour={point.hour} />
        ))}
        {[0, 6, 12, 18, 23].map((hour) => (
          <text class="axis" x={bars[hour]!.x + bars[hour]!.width / 2} y={BOX.height + 12} text-anchor="middle">
            {String(hour)}
          </text>
        ))}
      </svg>
      <figcaption class="muted">
        <span class="key-bar" /> {tt(lang, 'perHour')} <span class="key-line" /> {tt(lang, 'waitLine')}
      </figcaption>
    </figure>
  );
}

export function TodayTab({ api, lang, onSignOut }: { api: OwnerApi; lang: Lang; onSignOut(): void }) {
  // '' until the server says which day is today in the shop's time zone (SHOP_TIMEZONE).
  const [day, setDay] = useState('');
  const [report, setReport] = useState<ReportSummary | undefined>(undefined);
  const [before, setBefore] = useState<ReportSummary | undefined>(undefined);
  const [error, setError] = useState('');

  useEffect(() => {
    let current = true;
    setError('');
    (async () => {
      const today = await api.summary(day || undefined);
      const lastWeek = await api.summary(weekBefore(today.from));
      if (!current) return;
      if (!day) setDay(today.from);
      setReport(today);
      setBefore(lastWeek);
    })().catch((err: unknown) => {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return onSignOut();
      if (current) setError(`${tt(lang, 'failed')}${err instanceof Error ? err.message : String(err)}`);
    });
    return () => {
      current = false;
    };
  }, [day]);

  const download = async () => {
    if (!day) return;
    try {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await api.ordersCsv(day));
      link.download = `orders-${day}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (err) {
      setError(`${tt(lang, 'failed')}${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const was = (value: string) => `${tt(lang, 'lastWeek')} ${value}`;
  return (
    <main class="today">
      <div class="panel today-bar">
        <label for="report-day">{tt(lang, 'day')}</label>
        <input id="report-day" type="date" value={day} onChange={(e: Event) => setDay(inputValue(e))} />
        <button type="button" class="btn ghost" id="download-csv" onClick={download}>
          {tt(lang, 'csv')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!report ? (
        <p class="muted boot">{tt(lang, 'loading')}</p>
      ) : (
        <>
          <section class="figures" aria-label={tt(lang, 'figures')}>
            <Figure id="orders" label={tt(lang, 'orders')} value={String(report.orders)} {...(before ? { before: was(String(before.orders)) } : {})} />
            <Figure id="cups" label={tt(lang, 'cups')} value={String(report.cups)} {...(before ? { before: was(String(before.cups)) } : {})} />
            <Figure id="revenue" label={tt(lang, 'revenue')} value={priceTag(report.revenue)} {...(before ? { before: was(priceTag(before.revenue)) } : {})} />
            <Figure id="aov" label={tt(lang, 'aov')} value={report.averageOrderValue === null ? '—' : priceTag(report.averageOrderValue)} />
            <Figure id="cancelled" label={tt(lang, 'cancelled')} value={String(report.cancellations.orders)} />
            <Figure id="wait" label={tt(lang, 'wait')} value={minutes(report.waiting.placedToReady.p50)} />
            <Figure
              id="offline"
              label={tt(lang, 'offline')}
              value={report.agent.offlineShare === null ? '—' : `${Math.round(report.agent.offlineShare * 100)}%`}
            />
            <Figure id="left" label={tt(lang, 'left')} value={String(report.agent.cartsLeftWithoutOrder)} />
          </section>
          <section class="panel">
            <h2>{tt(lang, 'perHour')}</h2>
            <OrdersChart report={report} lang={lang} />
          </section>
          <section class="panel">
            <h2>{tt(lang, 'topDrinks')}</h2>
            {report.topDrinks.length === 0 ? (
              <p class="muted">{tt(lang, 'none')}</p>
            ) : (
              <ol class="top-drinks">
                {report.topDrinks.map((drink) => (
                  <li>
                    <span>{drink.name[lang]}</span>
                    <span class="muted">
                      {drink.cups} {tt(lang, 'cupsUnit')} · {priceTag(drink.revenue)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </main>
  );
}
