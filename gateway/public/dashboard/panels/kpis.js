// Each partner's KPIs on the selected programme, one panel and one query per partner: when one
// partner's service is down, the gateway cannot return its KPI object, and only that panel says so.

import { barChartHeight, COLOURS, drawChart, TOOLTIP, WITHHELD_LABEL } from '../lib/charts.js';
import { escapeHtml, figureText, formatInteger, h, humanise, WITHHELD } from '../lib/format.js';
import { partnerOf } from '../lib/graphql.js';

/** The figures are listed below the chart, every one of them; `chart` ones are people or records counted. */
const KPIS = [
  {
    id: 'case-kpis', service: 'social-services', field: 'caseKpis', operation: 'DashboardCaseKpis',
    title: 'Social services', subtitle: 'Taking in charge, evaluation, plans and referrals',
    figures: [
      ['peopleTakenInCharge', 'Taken in charge', 'count', true],
      ['liveCases', 'Live cases', 'count', true],
      ['evaluated', 'Evaluated', 'count', true],
      ['withSignedPlan', 'With a signed plan', 'count', true],
      ['closedEmployed', 'Closed: found work', 'count', true],
      ['overdueReferrals', 'Overdue referrals', 'count', true],
      ['medianDaysReferralToFirstContact', 'Median time, referral to first contact', 'days', false],
    ],
  },
  {
    id: 'employment-kpis', service: 'employment-centre', field: 'employmentKpis', operation: 'DashboardEmploymentKpis',
    title: 'Employment centre', subtitle: 'Job seekers, hires and follow-up',
    figures: [
      ['registeredJobSeekers', 'Registered job seekers', 'count', true],
      ['hires', 'Hires', 'count', true],
      ['stillEmployedAt6Months', 'Still employed at 6 months', 'count', true],
      ['stillEmployedAt12Months', 'Still employed at 12 months', 'count', true],
      ['followUpsDue6Months', '6-month follow-ups due', 'count', true],
      ['followUpsDue12Months', '12-month follow-ups due', 'count', true],
    ],
  },
  {
    id: 'training-kpis', service: 'training', field: 'trainingKpis', operation: 'DashboardTrainingKpis',
    title: 'Training body', subtitle: 'Enrolments, completions and certificates',
    figures: [
      ['enrolled', 'Enrolled', 'count', true],
      ['attending', 'Attending now', 'count', true],
      ['completed', 'Completed a course', 'count', true],
      ['withdrawn', 'Withdrew', 'count', true],
      ['certified', 'Certified', 'count', true],
      ['trainingHours', 'Hours attended', 'hours', false],
      ['trainingCostCents', 'Cost of training', 'cents', false],
    ],
  },
  {
    id: 'internship-kpis', service: 'companies', field: 'internshipKpis', operation: 'DashboardInternshipKpis',
    title: 'Company network', subtitle: 'Internships, allowances and tutoring',
    figures: [
      ['planned', 'Planned', 'count', true],
      ['started', 'Started', 'count', true],
      ['active', 'Active now', 'count', true],
      ['suspended', 'Suspended', 'count', true],
      ['completed', 'Completed', 'count', true],
      ['interrupted', 'Interrupted', 'count', true],
      ['hiredAfterInternship', 'Hired after the internship', 'count', true],
      ['allowancesPaidCents', 'Allowances paid', 'cents', false],
      ['tutoringHours', 'Tutoring hours', 'hours', false],
    ],
  },
];

/** Figures the graph withheld: listed in `suppressed`, or null. */
function isWithheld(kpis, name) {
  return kpis.suppressed.includes(name);
}

function renderKpis(definition) {
  return (body, kpis) => {
    const counted = definition.figures.filter(([, , , chart]) => chart);
    const values = counted.map(([name]) => (isWithheld(kpis, name) ? null : kpis[name] ?? null));
    const chartElement = h('div', { class: 'chart chart-bars', role: 'img' });
    chartElement.style.height = `${barChartHeight(counted.length)}px`;
    body.append(chartElement);
    drawChart(chartElement, {
      grid: { left: 8, right: 56, top: 4, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v) => formatInteger(v) }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
      yAxis: {
        type: 'category', inverse: true, axisTick: { show: false },
        // A withheld figure has no bar: its label says why, on a second line.
        data: counted.map(([name, label]) => (isWithheld(kpis, name) ? `${label}\n{withheld|withheld (fewer than 5)}` : label)),
        axisLabel: { width: 180, overflow: 'truncate', color: COLOURS.ink, lineHeight: 15, rich: WITHHELD_LABEL },
      },
      tooltip: {
        ...TOOLTIP, trigger: 'item',
        formatter: (p) => escapeHtml(`${counted[p.dataIndex][1]}: ${p.value === null || p.value === undefined ? WITHHELD : formatInteger(p.value)}`),
      },
      series: [{
        type: 'bar', name: definition.title, data: values, barMaxWidth: 22,
        itemStyle: { color: COLOURS.blue, borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right', formatter: (p) => formatInteger(p.value), color: COLOURS.ink },
      }],
    }, `${definition.title}: ${counted.map(([name, label]) => `${label} ${figureText(kpis[name], 'count', isWithheld(kpis, name))}`).join('; ')}`);

    body.append(h('dl', { class: 'figures' }, definition.figures.map(([name, label, kind]) => {
      const withheld = isWithheld(kpis, name);
      return h('div', { class: `figure${withheld ? ' figure-withheld' : ''}` },
        h('dt', {}, label),
        h('dd', { dataset: { field: name } }, figureText(kpis[name], kind, withheld)));
    })));
    if (kpis.suppressed.length) {
      // In the order of the figures above; names the dashboard has no label for come last.
      const order = (name) => { const i = definition.figures.findIndex(([n]) => n === name); return i < 0 ? Infinity : i; };
      const names = [...kpis.suppressed].sort((a, b) => order(a) - order(b))
        .map((name) => definition.figures.find(([n]) => n === name)?.[1] ?? humanise(name));
      body.append(h('p', { class: 'suppressed', dataset: { suppressed: kpis.suppressed.join(',') } },
        h('strong', {}, 'Withheld (fewer than 5): '), names.join(', '), '.'));
    }
  };
}

export const kpiPanels = KPIS.map((definition) => ({
  id: definition.id,
  title: definition.title,
  subtitle: definition.subtitle,
  services: [definition.service],
  operation: definition.operation,
  document: `query ${definition.operation}($programme: ID!) {
  programme(id: $programme) { id ${definition.field} { ${definition.figures.map(([name]) => name).join(' ')} suppressed } }
}`,
  variables: (filters) => ({ programme: filters.programme.id }),
  select: (data) => data.programme?.[definition.field] ?? null,
  render: renderKpis(definition),
  partner: partnerOf(definition.service).partner,
}));
