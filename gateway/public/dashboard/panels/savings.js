// The savings ledger (contabilizzazione del risparmio): public money saved when people move into
// work, against what the programme cost. Money arrives in euro cents.

import { barChartHeight, COLOURS, drawChart, TOOLTIP, WITHHELD_LABEL } from '../lib/charts.js';
import { escapeHtml, figureText, formatEuroAxis, formatEuroCents, h, humanise, WITHHELD } from '../lib/format.js';

const MONEY = [
  ['avoidedBenefitsCents', 'Avoided benefits'],
  ['fiscalReturnCents', 'Fiscal return'],
  ['grossSavingsCents', 'Gross savings'],
  ['grossSavingsAfterDeadweightCents', 'After deadweight'],
  ['programmeCostCents', 'Programme cost'],
  ['netSavingsCents', 'Net savings'],
];
const OTHERS = [
  ['benefitCostRatio', 'Benefit–cost ratio', 'ratio'],
  ['peopleHired', 'People hired', 'count'],
  ['outcomePaymentsDueCents', 'Outcome payments due', 'cents'],
];
const LABELS = Object.fromEntries([...MONEY, ...OTHERS].map(([name, label]) => [name, label]));

export const SAVINGS_DOCUMENT = `query DashboardSavings($programme: ID!) {
  programme(id: $programme) {
    id
    savings { ${[...MONEY, ...OTHERS].map(([name]) => name).join(' ')} suppressed }
  }
}`;

function render(body, savings) {
  const withheld = (name) => savings.suppressed.includes(name) || savings[name] === null || savings[name] === undefined;
  const chartElement = h('div', { class: 'chart chart-bars', role: 'img' });
  chartElement.style.height = `${barChartHeight(MONEY.length)}px`;
  body.append(chartElement);
  drawChart(chartElement, {
    grid: { left: 8, right: 88, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => formatEuroAxis(v) }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
    yAxis: {
      type: 'category', inverse: true, axisTick: { show: false },
      data: MONEY.map(([name, label]) => (withheld(name) ? `${label}\n{withheld|withheld (fewer than 5)}` : label)),
      axisLabel: { color: COLOURS.ink, lineHeight: 15, rich: WITHHELD_LABEL },
    },
    tooltip: {
      ...TOOLTIP, trigger: 'item',
      formatter: (p) => escapeHtml(`${MONEY[p.dataIndex][1]}: ${p.value === null || p.value === undefined ? WITHHELD : formatEuroCents(Math.round(p.value * 100))}`),
    },
    series: [{
      type: 'bar', name: 'Euro', barMaxWidth: 22,
      // Euros on the axis; the exact cents are in the figures below.
      data: MONEY.map(([name]) => (withheld(name) ? null : {
        value: savings[name] / 100,
        itemStyle: { color: name === 'programmeCostCents' ? COLOURS.orange : name === 'netSavingsCents' && savings[name] < 0 ? COLOURS.vermillion : COLOURS.blue },
      })),
      label: { show: true, position: 'right', formatter: (p) => formatEuroAxis(p.value), color: COLOURS.ink },
    }],
  }, `Savings: ${MONEY.map(([name, label]) => `${label} ${figureText(savings[name], 'cents', withheld(name))}`).join('; ')}`);
  body.append(h('dl', { class: 'figures' }, [...MONEY.map(([name, label]) => [name, label, 'cents']), ...OTHERS].map(([name, label, kind]) =>
    h('div', { class: `figure${withheld(name) ? ' figure-withheld' : ''}${name === 'benefitCostRatio' ? ' figure-key' : ''}` },
      h('dt', {}, label),
      h('dd', { dataset: { field: name } }, figureText(savings[name], kind, withheld(name)))))));
  if (savings.suppressed.length) {
    body.append(h('p', { class: 'suppressed', dataset: { suppressed: savings.suppressed.join(',') } },
      h('strong', {}, 'Withheld (fewer than 5): '), savings.suppressed.map((n) => LABELS[n] ?? humanise(n)).join(', '), '.'));
  }
}

export const savingsPanel = {
  id: 'savings',
  size: 'wide',
  title: 'Savings',
  subtitle: 'Public money saved by hires, against the programme’s cost',
  services: ['social-services', 'employment-centre', 'training', 'companies'],
  operation: 'DashboardSavings',
  document: SAVINGS_DOCUMENT,
  needs: ['Programme.savings'],
  notYet: 'The savings ledger comes with Programme.savings, which this network’s graph does not have.',
  variables: (filters) => ({ programme: filters.programme.id }),
  select: (data) => data.programme?.savings ?? null,
  render,
};
