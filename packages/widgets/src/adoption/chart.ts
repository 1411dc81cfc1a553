import { html, nothing, svg } from 'lit';

/** One chart's points, oldest first: the label of each (a week) and its value (null: nothing to count). */
export interface Series {
  /** The chart's name, said by its `<title>`. */
  title: string;
  /** Said by its `<desc>` (the target, say). */
  description: string;
  points: Array<{ label: string; value: number | null; text: string }>;
  /** Drawn as a dashed line. */
  target?: number | null;
  /** 1 for shares (the axis stops at 100%), else the largest value. */
  max?: number;
  kind: 'line' | 'bar';
}

const W = 300;
const H = 100;
const PAD = 6;
let charts = 0;

/**
 * A small SVG chart (a line of shares, or bars of counts) built with Lit's templates: an `img`
 * with a `<title>` and `<desc>`, and each point with a `<title>` saying its week and value, the
 * same text as the table beside it. No text is drawn inside, so it scales to any width.
 */
export function chart(series: Series) {
  const id = `chart-${++charts}`;
  const values = series.points.map((p) => p.value).filter((v): v is number => v !== null);
  const top = Math.max(series.max ?? 0, ...values, series.target ?? 0) || 1;
  const n = series.points.length;
  const x = (i: number) => (n <= 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (n - 1));
  const y = (v: number) => H - PAD - (v / top) * (H - 2 * PAD);
  const step = (W - 2 * PAD) / Math.max(1, n);
  let line = '';
  series.points.forEach((p, i) => {
    if (p.value === null) return;
    line += `${line && series.points[i - 1]?.value !== null ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)}`;
  });
  return html`<svg class="chart" part="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d">
    ${svg`<title id="${id}-t">${series.title}</title><desc id="${id}-d">${series.description}</desc>
      <line class="axis" x1="0" x2="${W}" y1="${H - PAD}" y2="${H - PAD}"></line>
      ${series.target !== undefined && series.target !== null
        ? svg`<line class="target" x1="0" x2="${W}" y1="${y(series.target)}" y2="${y(series.target)}"></line>`
        : nothing}
      ${series.kind === 'line' ? svg`<path class="line" d="${line}"></path>` : nothing}
      ${series.points.map((p, i) =>
        p.value === null
          ? nothing
          : series.kind === 'line'
            ? svg`<circle class="point" cx="${x(i)}" cy="${y(p.value)}" r="2.6" data-value="${p.text}"><title>${p.label}</title></circle>`
            : svg`<rect class="bar point" x="${PAD + i * step + step * 0.15}" width="${step * 0.7}" y="${y(p.value)}" height="${H - PAD - y(p.value)}" data-value="${p.text}"><title>${p.label}</title></rect>`,
      )}`}
  </svg>`;
}
