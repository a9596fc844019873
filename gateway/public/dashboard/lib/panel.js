// A panel is a card with its own query. Whatever happens to one panel's query (a field this network
// does not have yet, a partner that did not answer, an error) is said in that card; the others go on.

import { disposeChart } from './charts.js';
import { h } from './format.js';
import { lacksField, missingPartnerMessage, partnerFailures, query, Unauthorised, validationErrors } from './graphql.js';

export const NOT_YET = 'Not available from this network yet';

/**
 * A panel definition:
 *   id, title, subtitle       the card
 *   operation, document       its one GraphQL operation
 *   needs                     fields/types that operation needs which may not exist yet ("Programme.funnel", "FunnelFilter")
 *   services                  the partners whose figures it shows, for what to say when they are missing
 *   variables(filters)        the operation's variables
 *   select(data)              the panel's value in the answer (null when the answer lacks it)
 *   render(body, value, ctx)  draws the value into the card's body
 */
export class PanelCard {
  constructor(definition, ctx) {
    this.definition = definition;
    this.ctx = ctx;
    this.generation = 0;
    this.status = h('p', { class: 'panel-status', role: 'status' });
    this.body = h('div', { class: 'panel-body' });
    this.element = h('section', { class: `panel panel-${definition.size ?? 'half'}`, dataset: { panel: definition.id, state: 'idle' }, 'aria-labelledby': `${definition.id}-title` },
      h('header', { class: 'panel-head' },
        h('h2', { id: `${definition.id}-title` }, definition.title),
        definition.subtitle ? h('p', { class: 'panel-subtitle' }, definition.subtitle) : null),
      this.status,
      this.body);
  }

  setState(state, message = '') {
    this.element.dataset.state = state;
    this.status.textContent = message;
    this.status.className = `panel-status panel-status-${state}`;
  }

  clear() {
    for (const el of this.body.querySelectorAll('.chart')) disposeChart(el);
    this.body.replaceChildren();
  }

  /** Runs the panel's query for `filters` and shows what came of it; a newer load wins over an older one. */
  async load(filters) {
    const generation = ++this.generation;
    const d = this.definition;
    this.setState('loading', 'Loading…');
    let answer;
    try {
      answer = await query(this.ctx.token(), d.operation, d.document, d.variables(filters));
    } catch (err) {
      if (generation !== this.generation) return;
      if (err instanceof Unauthorised) {
        this.clear();
        this.setState('error', err.message);
        this.ctx.unauthorised(err.message);
        return;
      }
      throw err;
    }
    if (generation !== this.generation) return;
    const { data, errors } = answer;
    this.clear();
    if (d.needs?.length && lacksField(errors, d.needs)) {
      this.setState('not-available', `${NOT_YET}.`);
      this.body.append(h('p', { class: 'panel-note' }, d.notYet ?? ''));
      return;
    }
    const invalid = validationErrors(errors);
    if (invalid.length) {
      this.setState('error', `This network's graph does not answer the dashboard's ${d.title.toLowerCase()} query: ${invalid.map((e) => e.message).join('; ')}`);
      return;
    }
    const failures = partnerFailures(errors);
    this.ctx.reportFailures(d.id, failures);
    const value = data ? d.select(data) : null;
    if (value === null || value === undefined) {
      if (failures.length) {
        this.setState('unavailable', `${failures.map(missingPartnerMessage).join('. ')}.`);
      } else if (errors.length) {
        this.setState('error', errors.map((e) => e.message).join('; '));
      } else {
        this.setState('empty', 'No figures for this selection.');
      }
      return;
    }
    d.render(this.body, value, { ...this.ctx, filters });
    if (failures.length) {
      this.setState('partial', `Incomplete: ${failures.map(missingPartnerMessage).join('. ')}.`);
    } else if (errors.length) {
      this.setState('partial', `Some figures could not be read: ${errors.map((e) => e.message).join('; ')}`);
    } else {
      this.setState('ready', '');
    }
  }
}
