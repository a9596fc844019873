// The outcome funnel: how many people reached each stage of the pathway, and how long each step
// took (median days from the stage before). Narrowed by the territory filter.

import { COLOURS, drawChart, TOOLTIP, WITHHELD_LABEL } from '../lib/charts.js';
import { escapeHtml, figureText, formatInteger, h, humanise, WITHHELD } from '../lib/format.js';

const STAGES = {
  IN_CHARGE: 'Taken in charge',
  EVALUATED: 'Evaluated',
  PLAN_SIGNED: 'Plan signed',
  TRAINED: 'Trained',
  INTERNSHIP: 'Internship',
  HIRED: 'Hired',
  EMPLOYED_6_MONTHS: 'Employed at 6 months',
  EMPLOYED_12_MONTHS: 'Employed at 12 months',
};

const stageLabel = (stage) => STAGES[stage] ?? humanise(stage);

export const FUNNEL_DOCUMENT = `query DashboardFunnel($programme: ID!, $filter: FunnelFilter) {
  programme(id: $programme) {
    id
    funnel(filter: $filter) { cohort territory suppressed stages { stage people medianDaysFromPrevious } }
  }
}`;

function render(body, funnel, ctx) {
  const stages = funnel.stages;
  // A count below 5 is null; the graph's `suppressed` names what it withheld (a stage, or a stage's figure).
  const mentioned = (s) => funnel.suppressed.some((name) => name === s.stage || name.startsWith(`${s.stage}.`));
  const peopleWithheld = (s) => s.people === null || s.people === undefined;
  const daysWithheld = (s) => peopleWithheld(s) || mentioned(s);
  const daysText = (s, i) => (i === 0 ? '—' : figureText(s.medianDaysFromPrevious, 'days', s.medianDaysFromPrevious == null && daysWithheld(s)));
  const chartElement = h('div', { class: 'chart chart-funnel', role: 'img' });
  body.append(chartElement);
  drawChart(chartElement, {
    grid: { left: 8, right: 8, top: 24, bottom: 44, containLabel: true },
    xAxis: {
      type: 'category',
      // A withheld stage has no bar: its label says why.
      data: stages.map((s) => (peopleWithheld(s) ? `${stageLabel(s.stage)}\n{withheld|withheld}` : stageLabel(s.stage))),
      axisTick: { show: false },
      axisLabel: { interval: 0, width: 96, overflow: 'break', lineHeight: 15, color: COLOURS.ink, rich: WITHHELD_LABEL },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v) => formatInteger(v) }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
    tooltip: {
      ...TOOLTIP, trigger: 'item',
      formatter: (p) => {
        const s = stages[p.dataIndex];
        const lines = [`${stageLabel(s.stage)}: ${peopleWithheld(s) ? WITHHELD : `${formatInteger(s.people)} people`}`];
        if (p.dataIndex > 0) lines.push(`Median from the previous stage: ${daysText(s, p.dataIndex)}`);
        return lines.map(escapeHtml).join('<br>');
      },
    },
    series: [{
      type: 'bar', name: 'People', barMaxWidth: 48,
      data: stages.map((s) => (peopleWithheld(s) ? null : s.people)),
      itemStyle: { color: COLOURS.green, borderRadius: [3, 3, 0, 0] },
      label: { show: true, position: 'top', formatter: (p) => formatInteger(p.value), color: COLOURS.ink },
    }],
  }, `Outcome funnel: ${stages.map((s) => `${stageLabel(s.stage)} ${peopleWithheld(s) ? WITHHELD : formatInteger(s.people)}`).join('; ')}`);

  // Timeliness, beneath the bars: one column per stage, as the chart's.
  body.append(h('table', { class: 'timeliness' },
    h('caption', {}, 'Timeliness: median days from the previous stage'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Stage'), stages.map((s) => h('th', { scope: 'col' }, stageLabel(s.stage))))),
    h('tbody', {},
      h('tr', {}, h('th', { scope: 'row' }, 'People'), stages.map((s) => h('td', { dataset: { stage: s.stage, field: 'people' } }, figureText(s.people, 'count', peopleWithheld(s))))),
      h('tr', {}, h('th', { scope: 'row' }, 'Median time'), stages.map((s, i) => h('td', { dataset: { stage: s.stage, field: 'medianDaysFromPrevious' } }, daysText(s, i)))))));
  const scope = [funnel.cohort ? `cohort ${funnel.cohort}` : null, ctx.filters.territory ? `territory ${ctx.territoryName(ctx.filters.territory)}` : 'the whole territory'].filter(Boolean);
  body.append(h('p', { class: 'panel-note' }, `Covers ${scope.join(', ')}.`));
  if (funnel.suppressed.length) {
    body.append(h('p', { class: 'suppressed', dataset: { suppressed: funnel.suppressed.join(',') } },
      h('strong', {}, 'Withheld (fewer than 5): '), funnel.suppressed.map(withheldFigure).join(', '), '.'));
  }
}

export const funnelPanel = {
  id: 'funnel',
  size: 'wide',
  title: 'Outcome funnel',
  subtitle: 'People at each stage of the pathway, with the median days each step took',
  services: ['social-services', 'employment-centre', 'training', 'companies'],
  operation: 'DashboardFunnel',
  document: FUNNEL_DOCUMENT,
  needs: ['Programme.funnel', 'FunnelFilter'],
  notYet: 'The funnel comes with Programme.funnel, which this network’s graph does not have.',
  variables: (filters) => ({ programme: filters.programme.id, filter: filters.territory ? { territory: filters.territory } : null }),
  select: (data) => data.programme?.funnel ?? null,
  render,
};

/** A withheld funnel figure, `<STAGE>` or `<STAGE>.<figure>`, in words: "Hired: people", "Trained: median days". */
function withheldFigure(entry) {
  const [stage, figure] = entry.split('.');
  if (!figure) return stageLabel(stage);
  return `${stageLabel(stage)}: ${figure === 'medianDaysFromPrevious' ? 'median days' : humanise(figure).toLowerCase()}`;
}
