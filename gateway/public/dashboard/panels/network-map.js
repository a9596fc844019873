// The network's health as a graph: partner organisations and companies, joined where they share
// people or send each other referrals; an edge is as wide as what it carries.

import { COLOURS, drawChart, TOOLTIP } from '../lib/charts.js';
import { escapeHtml, figureText, h, humanise } from '../lib/format.js';

/** Colour and shape per kind, so a kind is told apart without relying on colour. */
const KINDS = [
  { kind: 'SOCIAL_SERVICES', label: 'Social services', colour: COLOURS.blue, symbol: 'circle' },
  { kind: 'EMPLOYMENT_CENTRE', label: 'Employment centre', colour: COLOURS.green, symbol: 'rect' },
  { kind: 'TRAINING_PROVIDER', label: 'Training body', colour: COLOURS.orange, symbol: 'diamond' },
  { kind: 'COMPANY_NETWORK', label: 'Company network', colour: COLOURS.purple, symbol: 'triangle' },
  { kind: 'COMPANY', label: 'Company', colour: COLOURS.sky, symbol: 'roundRect' },
];
const OTHER = { kind: 'OTHER', label: 'Other', colour: COLOURS.grey, symbol: 'pin' };

const WEIGHTS = {
  sharedPeople: { label: 'Shared people', kind: 'count' },
  referrals: { label: 'Referrals', kind: 'count' },
};

export const NETWORK_MAP_DOCUMENT = `query DashboardNetworkMap($programme: ID) {
  networkMap(programmeId: $programme) {
    nodes { id kind name }
    edges { from to sharedPeople referrals medianResponseDays }
    suppressed
  }
}`;

function kindOf(kind) {
  return KINDS.find((k) => k.kind === kind) ?? { ...OTHER, label: humanise(kind ?? 'other') };
}

function draw(chartElement, map, weight) {
  const index = new Map(map.nodes.map((n, i) => [n.id, i]));
  const edges = map.edges.filter((e) => index.has(e.from) && index.has(e.to));
  const max = Math.max(1, ...edges.map((e) => e[weight] ?? 0));
  const degree = new Map();
  for (const e of edges) for (const end of [e.from, e.to]) degree.set(end, (degree.get(end) ?? 0) + (e[weight] ?? 0));
  const maxDegree = Math.max(1, ...degree.values());
  const kinds = [...new Map(map.nodes.map((n) => [kindOf(n.kind).label, kindOf(n.kind)])).values()];
  const name = (id) => map.nodes[index.get(id)]?.name ?? id;
  drawChart(chartElement, {
    legend: { bottom: 0, data: kinds.map((k) => ({ name: k.label, icon: k.symbol })), textStyle: { color: COLOURS.ink } },
    tooltip: {
      ...TOOLTIP, trigger: 'item',
      formatter: (p) => {
        if (p.dataType === 'edge') {
          const e = edges[p.dataIndex];
          return [
            `${name(e.from)} — ${name(e.to)}`,
            `Shared people: ${figureText(e.sharedPeople, 'count', e.sharedPeople === null)}`,
            `Referrals: ${figureText(e.referrals, 'count', e.referrals === null)}`,
            `Median response: ${figureText(e.medianResponseDays, 'days', e.medianResponseDays === null && map.suppressed.length > 0)}`,
          ].map(escapeHtml).join('<br>');
        }
        const n = map.nodes[p.dataIndex];
        return [n.name, kindOf(n.kind).label].map(escapeHtml).join('<br>');
      },
    },
    series: [{
      type: 'graph',
      layout: 'force',
      roam: true,
      draggable: true,
      // Laid out before the first frame (no animation), so the picture is stable as soon as it appears.
      force: { repulsion: 900, edgeLength: [110, 230], gravity: 0.05, friction: 0.5, layoutAnimation: false },
      labelLayout: { hideOverlap: true },
      categories: kinds.map((k) => ({ name: k.label, symbol: k.symbol, itemStyle: { color: k.colour } })),
      data: map.nodes.map((n) => {
        const k = kindOf(n.kind);
        return {
          id: n.id,
          name: n.name,
          category: kinds.indexOf(kinds.find((c) => c.label === k.label)),
          symbolSize: 12 + 22 * Math.sqrt((degree.get(n.id) ?? 0) / maxDegree),
          // Companies are many: their names are smaller, and hidden where they would overlap.
          label: n.kind === 'COMPANY' ? { show: true, fontSize: 10, color: COLOURS.grey } : { show: true },
        };
      }),
      links: edges.map((e) => ({
        source: index.get(e.from),
        target: index.get(e.to),
        value: e[weight],
        lineStyle: e[weight] === null || e[weight] === undefined
          ? { width: 1, type: 'dashed', color: COLOURS.grey, opacity: 0.7 }
          : { width: 1 + 9 * Math.sqrt(e[weight] / max), color: '#94a3b8', opacity: 0.85, curveness: 0.08 },
      })),
      label: { position: 'right', color: COLOURS.ink, fontSize: 12 },
      emphasis: { focus: 'adjacency' },
    }],
  }, `Network map: ${map.nodes.length} organisations and companies, ${edges.length} connections`);
  return edges;
}

function render(body, map) {
  const chartElement = h('div', { class: 'chart chart-network', role: 'img' });
  let weight = 'sharedPeople';
  const choice = h('fieldset', { class: 'weight-choice' },
    h('legend', {}, 'Edge width'),
    Object.entries(WEIGHTS).map(([value, w]) => h('label', {},
      h('input', { type: 'radio', name: 'network-weight', value, checked: value === weight, onchange: () => { weight = value; draw(chartElement, map, weight); } }),
      ` ${w.label}`)));
  body.append(choice, chartElement);
  const edges = draw(chartElement, map, weight);
  const name = new Map(map.nodes.map((n) => [n.id, n.name]));
  body.append(h('details', { class: 'connections' },
    h('summary', {}, `Connections as a table (${edges.length})`),
    h('table', {},
      h('thead', {}, h('tr', {}, ['From', 'To', 'Shared people', 'Referrals', 'Median response'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, edges.map((e) => h('tr', {},
        h('td', {}, name.get(e.from)), h('td', {}, name.get(e.to)),
        h('td', {}, figureText(e.sharedPeople, 'count', e.sharedPeople === null)),
        h('td', {}, figureText(e.referrals, 'count', e.referrals === null)),
        h('td', {}, figureText(e.medianResponseDays, 'days', e.medianResponseDays === null && map.suppressed.length > 0))))))));
  if (map.suppressed.length) {
    body.append(h('p', { class: 'suppressed', dataset: { suppressed: map.suppressed.join(',') } },
      h('strong', {}, 'Withheld (fewer than 5): '), map.suppressed.map((n) => withheldEdge(n, name)).join('; '), '.'));
  }
}

export const networkMapPanel = {
  id: 'network-map',
  size: 'wide',
  title: 'Network map',
  subtitle: 'Organisations and companies; edges are as wide as the people they share or the referrals they exchange',
  services: ['social-services', 'employment-centre', 'training', 'companies'],
  operation: 'DashboardNetworkMap',
  document: NETWORK_MAP_DOCUMENT,
  needs: ['Query.networkMap'],
  notYet: 'The map comes with Query.networkMap, which this network’s graph does not have.',
  variables: (filters) => ({ programme: filters.programme.id }),
  select: (data) => data.networkMap ?? null,
  render,
};

/** A withheld figure of an edge, `<from>:<to>.<figure>`, in words: "A – B: shared people". */
function withheldEdge(entry, name) {
  const match = /^([^:]+):([^.]+)\.(\w+)$/.exec(entry);
  if (!match) return humanise(entry);
  const [, from, to, figure] = match;
  return `${name.get(from) ?? from} – ${name.get(to) ?? to}: ${humanise(figure).toLowerCase()}`;
}
