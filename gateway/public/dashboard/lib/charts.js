// Apache ECharts (served from the gateway's node_modules as /dashboard/assets/vendor/echarts.js):
// one library for the bar charts and the network graph. Colours are the Okabe–Ito palette, which
// stays distinguishable with the common colour-vision deficiencies.

export const COLOURS = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  purple: '#CC79A7',
  sky: '#56B4E9',
  vermillion: '#D55E00',
  grey: '#6b7280',
  ink: '#1f2937',
};

const TEXT = { color: COLOURS.ink, fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif', fontSize: 12 };

const charts = new Map();
const resizer = typeof ResizeObserver === 'function'
  ? new ResizeObserver((entries) => {
    for (const entry of entries) charts.get(entry.target)?.resize();
  })
  : null;

/** Draws `option` into `element`, replacing any chart it held. Returns the ECharts instance. */
export function drawChart(element, option, label) {
  const echarts = window.echarts;
  if (!echarts) throw new Error('the chart library did not load');
  disposeChart(element);
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    textStyle: TEXT,
    aria: { enabled: true, label: { enabled: true, description: label } },
    ...option,
  });
  charts.set(element, chart);
  resizer?.observe(element);
  return chart;
}

export function disposeChart(element) {
  const chart = charts.get(element);
  if (!chart) return;
  resizer?.unobserve(element);
  chart.dispose();
  charts.delete(element);
}

/** Tooltip content as lines of plain text: values from the graph are escaped, and no inline style is needed. */
export function tooltipLines(lines, escape) {
  return lines.map(escape).join('<br>');
}

/** Rich-text style for the "withheld" line under a category label. */
export const WITHHELD_LABEL = { withheld: { color: COLOURS.grey, fontStyle: 'italic', fontSize: 11 } };

/** Horizontal bars: room for two-line labels, whatever the number of rows. */
export const barChartHeight = (rows) => 24 + rows * 36;

export const TOOLTIP = {
  confine: true,
  backgroundColor: '#ffffff',
  borderColor: '#cbd5e1',
  textStyle: { ...TEXT, fontSize: 13 },
};
