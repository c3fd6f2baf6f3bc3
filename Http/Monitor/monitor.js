// SagaFunctions monitor: plain same-origin calls to the saga API (no dependencies). Hand-written; see README "Operating sagas".
(function () {
  'use strict';
  const KEY = 'sagafunctions.apiKey';
  const app = document.getElementById('app');
  const problemBox = document.getElementById('problem');
  const keyForm = document.getElementById('key-form');
  let refreshTimer = null;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  const badge = (text) => el('span', { class: 'badge ' + (text || '') }, text ?? '—');
  const when = (iso) => iso ? new Date(iso).toLocaleString() : '—';

  function showProblem(problem) {
    if (!problem) { problemBox.hidden = true; problemBox.textContent = ''; return; }
    const lines = [(problem.status ? problem.status + ' ' : '') + (problem.title || 'Request failed')];
    if (problem.detail) lines.push(problem.detail);
    for (const [field, messages] of Object.entries(problem.errors || {})) lines.push(field + ': ' + [].concat(messages).join(' '));
    problemBox.textContent = lines.join('\n');
    problemBox.hidden = false;
  }

  let keyWaiters = [];
  keyForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    sessionStorage.setItem(KEY, document.getElementById('key-input').value);
    keyForm.hidden = true;
    const waiters = keyWaiters; keyWaiters = [];
    waiters.forEach((w) => w());
  });
  const askForKey = () => new Promise((resolve) => { keyWaiters.push(resolve); keyForm.hidden = false; document.getElementById('key-input').focus(); });

  // Calls the API with the stored key; on 401 asks for the key once and repeats the call. Non-2xx answers show their problem details.
  async function api(path, options, asked) {
    const headers = Object.assign({ 'Accept': 'application/json' }, (options && options.body) ? { 'Content-Type': 'application/json' } : {});
    const key = sessionStorage.getItem(KEY);
    if (key) { headers['X-Api-Key'] = key; headers['x-functions-key'] = key; } // Standalone's key / FunctionApp's function key
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (response.status === 401 && !asked) { await askForKey(); return api(path, options, true); }
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = text; }
    if (!response.ok) {
      if (options && options.quiet) { const error = new Error('HTTP ' + response.status); error.handled = true; error.status = response.status; throw error; }
      showProblem(body && typeof body === 'object' ? body : { status: response.status, title: response.statusText, detail: text });
      const error = new Error('HTTP ' + response.status); error.handled = true; throw error;
    }
    return body;
  }

  async function statsBar() {
    try {
      const s = await api('/api/sagas/stats');
      const total = s.sagas.reduce((n, x) => n + x.total, 0);
      document.getElementById('stats-bar').textContent =
        `${total} sagas · ${s.stuck} stuck · dead letters: ${s.deadLetters.open} open, ${s.deadLetters.retryFailed} retry failed, ${s.deadLetters.resolved} resolved`;
      return s;
    } catch (e) { if (!e.handled) throw e; return null; }
  }

  // ---- the list: GET /api/sagas with its filters and continuation tokens
  async function listPage() {
    const stats = await statsBar();
    const params = new URLSearchParams(location.search);
    const sagas = stats ? stats.sagas.map((s) => s.saga) : [];
    const input = (name, attrs) => el('input', Object.assign({ name, id: 'f-' + name, value: params.get(name) || '' }, attrs));
    const form = el('form', { class: 'filters', id: 'filters' },
      el('label', {}, 'saga', el('select', { name: 'saga', id: 'f-saga' }, el('option', { value: '' }, 'any'),
        sagas.map((s) => el('option', { value: s, selected: params.get('saga') === s }, s)))),
      el('label', {}, 'status', input('status', { placeholder: 'completed,failed' })),
      el('label', {}, 'runtimeStatus', input('runtimeStatus', { placeholder: 'Running' })),
      el('label', {}, 'stuck', el('select', { name: 'stuck', id: 'f-stuck' }, ['', 'true', 'false'].map((v) => el('option', { value: v, selected: (params.get('stuck') || '') === v }, v || 'any')))),
      el('label', {}, 'created from', input('createdFrom', { placeholder: '2026-01-31T00:00:00Z' })),
      el('label', {}, 'created to', input('createdTo', { placeholder: '2026-12-31T00:00:00Z' })),
      el('label', {}, 'page size', input('pageSize', { placeholder: '50', size: 4 })),
      el('button', { type: 'submit', id: 'apply' }, 'Apply'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (v) q.set(k, v);
      history.pushState(null, '', '/monitor' + (q.toString() ? '?' + q : ''));
      route();
    });
    const tbody = el('tbody', { id: 'saga-rows' });
    const more = el('button', { type: 'button', id: 'next-page', hidden: true }, 'Next page');
    app.replaceChildren(form, el('table', { id: 'saga-list' },
      el('thead', {}, el('tr', {}, ['saga', 'instance', 'outcome', 'phase', 'current step', 'runtime', 'stuck', 'created', 'updated'].map((h) => el('th', {}, h)))),
      tbody), more);
    let token = null;
    async function load() {
      const q = new URLSearchParams(params);
      if (token) q.set('continuationToken', token);
      let page;
      try { page = await api('/api/sagas' + (q.toString() ? '?' + q : '')); } catch (e) { if (e.handled) return; throw e; }
      showProblem(null);
      for (const s of page.items) {
        tbody.append(el('tr', { 'data-instance': s.instanceId },
          el('td', {}, s.saga), el('td', {}, el('a', { href: `/monitor/sagas/${encodeURIComponent(s.saga)}/${encodeURIComponent(s.instanceId)}` }, s.instanceId)),
          el('td', {}, badge(s.outcome)), el('td', {}, s.phase || '—'), el('td', {}, s.currentStep || '—'), el('td', {}, s.runtimeStatus),
          el('td', {}, s.stuck ? el('span', { title: s.stuck.reason }, 'since ' + when(s.stuck.since)) : '—'),
          el('td', {}, when(s.createdAt)), el('td', {}, when(s.lastUpdatedAt))));
      }
      if (page.items.length === 0 && !token) tbody.append(el('tr', {}, el('td', { colspan: 9, class: 'muted' }, 'No saga matches.')));
      token = page.continuationToken;
      more.hidden = !token;
    }
    more.addEventListener('click', load);
    await load();
  }

  // ---- the diagram: the saga's definition (GET /api/definitions/{saga}) coloured by this instance's progress
  const definitions = new Map(); // saga route → definition, or null when the saga declares none
  async function definitionOf(saga) {
    if (!definitions.has(saga)) {
      try { definitions.set(saga, await api(`/api/definitions/${encodeURIComponent(saga)}`, { quiet: true })); } catch (e) { if (!e.handled) throw e; definitions.set(saga, null); }
    }
    return definitions.get(saga);
  }
  const baseName = (step) => String(step || '').replace(/\[[^\]]*\]$/, ''); // ProcessItem[2] → ProcessItem
  const duration = (seconds) => seconds >= 86400 ? `${+(seconds / 86400).toFixed(1)} d` : seconds >= 3600 ? `${+(seconds / 3600).toFixed(1)} h`
    : seconds >= 60 ? `${+(seconds / 60).toFixed(1)} min` : `${seconds} s`;
  const FORWARD = { started: 'current', retrying: 'current', completed: 'done', pivot: 'done', rejected: 'failed', failed: 'failed', in_doubt: 'failed',
    warning: 'failed', cancelled: 'failed', deadline_exceeded: 'failed', manual_intervention_required: 'failed',
    waiting: 'current', event_received: 'done', timed_out: 'failed' };
  const BACKWARD = { compensating: 'current', compensation_retrying: 'current', compensated: 'compensated', dead_lettered: 'failed' };

  // Where each step, each indexed run of a step (ProcessItem[2]) and each wait stands: forward and compensation state.
  // A step with runs is failed if one failed, current if one runs, else as its runs (done, compensated).
  const worst = (states, order) => order.find((k) => states.includes(k)) || states[0] || 'pending';
  function progressOf(view) {
    const p = view.progress || {};
    const states = new Map();
    const get = (name) => { if (!states.has(name)) states.set(name, { forward: 'pending', backward: 'pending', runs: [] }); return states.get(name); };
    const touch = (name, change) => {
      const s = get(name); change(s);
      const base = baseName(name);
      if (base !== name && !get(base).runs.includes(name)) get(base).runs.push(name);
    };
    for (const t of p.timeline || []) touch(t.step, (s) => { if (FORWARD[t.event]) s.forward = FORWARD[t.event]; if (BACKWARD[t.event]) s.backward = BACKWARD[t.event]; });
    for (const name of p.completedSteps || []) touch(name, (s) => { if (s.forward === 'pending' || s.forward === 'current') s.forward = 'done'; });
    for (const e of p.failedSteps || []) touch(e.step, (s) => { if (s.forward !== 'done') s.forward = 'failed'; });
    for (const name of p.compensatedSteps || []) touch(name, (s) => { s.backward = 'compensated'; });
    for (const c of view.compensations || []) if (c.step || c.stepName) touch(c.step || c.stepName, (s) => { s.backward = c.status === 'dead_lettered' ? 'failed' : 'compensated'; });
    for (const d of view.deadLetters || []) touch(d.step, (s) => { s.backward = d.status === 'resolved' ? 'compensated' : d.status === 'retrying' ? 'current' : 'failed'; });
    if (view.currentStep && !['compensating', 'compensated', 'compensation_failed'].includes(view.phase)) touch(view.currentStep, (s) => { if (s.forward === 'pending') s.forward = 'current'; });
    if (view.waitingFor) touch(view.waitingFor.event, (s) => { s.forward = 'current'; });
    for (const s of states.values()) {
      if (!s.runs.length) continue;
      const runs = s.runs.map((r) => states.get(r));
      s.forward = worst(runs.map((r) => r.forward), ['failed', 'current', 'pending']);
      s.backward = worst(runs.map((r) => r.backward), ['failed', 'current', 'compensated']);
    }
    return (name) => states.get(name) || { forward: 'pending', backward: 'pending', runs: [] };
  }

  function stepBox(step, state) {
    const runs = state.runs.length ? ` ×${state.runs.length}` : (step.repeated ? ' ×n' : '');
    const flags = [step.nonCritical ? 'non-critical' : null, step.maxAttempts > 1 ? `${step.maxAttempts} attempts` : null,
      step.timeoutSeconds ? `timeout ${duration(step.timeoutSeconds)}` : null, step.subOrchestration ? `runs ${step.activity}` : null].filter(Boolean);
    const forward = state.backward === 'compensated' && state.forward === 'done' ? 'compensated' : state.forward;
    return el('div', { class: 'node' + (step.pivot ? ' pivot' : ''), 'data-step': step.name },
      el('div', { class: 'box step ' + forward, 'data-state': forward, title: forward }, step.pivot ? el('span', { class: 'pivot-mark', title: 'point of no return: forward recovery only after it' }, '◆ pivot ') : null, el('strong', {}, step.name + runs),
        flags.length ? el('div', { class: 'flags' }, flags.join(' · ')) : null),
      step.compensation
        ? el('div', { class: 'box compensation ' + state.backward, 'data-compensation': step.compensation, 'data-state': state.backward, title: state.backward },
          '↩ ', step.beforeCompensation ? step.beforeCompensation + ' → ' : '', step.compensation)
        : el('div', { class: 'box compensation none' }, step.pivot || step.nonCritical ? 'no undo' : 'nothing to undo'));
  }

  function waitBox(wait, state, view) {
    const until = view.waitingFor && view.waitingFor.event === wait.event ? ` until ${when(view.waitingFor.until)}` : '';
    return el('div', { class: 'node wait', 'data-wait': wait.event },
      el('div', { class: 'box step ' + state.forward, 'data-state': state.forward, title: state.forward }, el('span', { class: 'wait-mark' }, 'wait for '), el('strong', {}, wait.event),
        el('div', { class: 'flags' }, `≤ ${duration(wait.timeoutSeconds)}${until}`)),
      el('div', { class: 'box compensation none' }, `timeout → ${wait.onTimeout}`));
  }

  // Stages left to right: a step, a parallel group (its steps side by side, stacked), or a wait after the step it follows.
  function diagramSection(definition, view) {
    const section = el('section', { id: 'diagram-section' }, el('h2', {}, 'Definition'));
    if (!definition) { section.append(el('p', { class: 'muted' }, 'This saga declares no definition.')); return section; }
    const stateOf = progressOf(view);
    const stages = [];
    const steps = definition.steps || [];
    const waits = definition.waits || [];
    for (const step of steps) {
      const last = stages[stages.length - 1];
      if (step.parallelGroup && last && last.group === step.parallelGroup) last.steps.push(step);
      else stages.push({ group: step.parallelGroup, steps: [step] });
      for (const wait of waits.filter((w) => w.after === step.name)) stages.push({ wait });
    }
    // A wait after no step of the list (a definition file's typo, say) is still drawn, at the end.
    for (const wait of waits.filter((w) => !steps.some((step) => step.name === w.after))) stages.push({ wait });
    const row = el('div', { class: 'diagram', id: 'diagram' });
    stages.forEach((stage, i) => {
      if (i > 0) row.append(el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'));
      if (stage.wait) row.append(waitBox(stage.wait, stateOf(stage.wait.event), view));
      else if (stage.group) {
        const group = stateOf(stage.group);
        row.append(el('div', { class: 'group ' + group.forward, 'data-group': stage.group }, el('div', { class: 'group-label' }, '⇉ parallel: ' + stage.group),
          el('div', { class: 'lanes' }, stage.steps.flatMap((step) => {
            const runs = stateOf(step.name).runs;
            return step.repeated && runs.length ? runs.map((run) => stepBox(Object.assign({}, step, { name: run, repeated: false }), stateOf(run))) : [stepBox(step, stateOf(step.name))];
          }))));
      } else row.append(stepBox(stage.steps[0], stateOf(stage.steps[0].name)));
    });
    section.append(el('p', { class: 'muted' }, definition.description, ` (${definition.kind}, version ${definition.version}; outcomes: ${(definition.outcomes || []).join(', ')})`), row,
      el('p', { class: 'legend muted' }, ['pending', 'current', 'done', 'failed', 'compensated'].map((k) => el('span', { class: 'box ' + k }, k))));
    return section;
  }

  // ---- one saga: its view, diagram, timeline, dead letters and the actions of the API, one section builder each
  function summarySection(view) {
    return el('section', { id: 'summary' },
      el('h2', {}, `${view.saga} / ${view.instanceId}`),
      el('p', {}, 'outcome ', badge(view.outcome), ' · phase ', badge(view.phase), ' · runtime ', el('span', { id: 'runtime-status' }, view.runtimeStatus),
        view.currentStep ? ' · current step ' + view.currentStep : '', view.needsAttention ? el('strong', {}, ' · needs attention') : ''),
      view.waitingFor ? el('p', {}, `waiting for '${view.waitingFor.event}' until ${when(view.waitingFor.until)}`) : null,
      view.stuck ? el('p', { id: 'stuck' }, el('strong', {}, 'stuck: '), view.stuck.reason) : null,
      view.retries.length ? el('ul', { id: 'retries' }, view.retries.map((r) => el('li', {}, `${r.step} (${r.kind}) attempt ${r.attempt}/${r.maxAttempts}: ${r.lastError.message || r.lastError.code || ''}, next ${when(r.nextRetryAt)}`))) : null,
      el('p', { class: 'muted' }, `created ${when(view.createdAt)} · updated ${when(view.lastUpdatedAt)} · version ${view.version}`));
  }

  function timelineSection(view) {
    const timeline = (view.progress && view.progress.timeline) || [];
    return el('section', { id: 'timeline' }, el('h2', {}, 'Timeline'),
      timeline.length ? el('ol', { class: 'timeline' }, timeline.map((t) => el('li', {}, el('span', { class: 'muted' }, when(t.at) + ' '), el('strong', {}, t.step), ' ', badge(t.event), t.detail ? ' ' + t.detail : ''))) : el('p', { class: 'muted' }, 'No timeline published.'),
      view.compensations.length ? el('table', {}, el('thead', {}, el('tr', {}, ['step', 'compensation', 'status', 'attempts', 'error'].map((h) => el('th', {}, h)))),
        el('tbody', {}, view.compensations.map((c) => el('tr', {}, el('td', {}, c.stepName || c.step), el('td', {}, c.activity), el('td', {}, badge(c.status)), el('td', {}, c.attempts), el('td', {}, c.error || ''))))) : null,
      view.errors.length ? el('ul', { id: 'errors' }, view.errors.map((e) => el('li', {}, `${e.step || ''} ${e.code || ''}: ${e.message || ''}`))) : null);
  }

  // The buttons of one dead letter; add an action here to show it on every open dead letter.
  const deadLetterActions = [
    (d, act) => el('button', { type: 'button', class: 'retry', onclick: () => act(d.retryUrl) }, 'Retry'),
    (d, act) => { const note = el('input', { placeholder: 'note', class: 'note' }); return [note, el('button', { type: 'button', class: 'resolve', onclick: () => act(d.resolveUrl, { note: note.value || undefined }) }, 'Resolve')]; },
  ];

  function deadLettersSection(view, act) {
    return el('section', { id: 'dead-letters' }, el('h2', {}, 'Dead letters'),
      view.deadLetters.length === 0 ? el('p', { class: 'muted' }, 'None.') : el('table', {},
        el('thead', {}, el('tr', {}, ['id', 'step', 'compensation', 'status', 'retries', 'last retry error', 'actions'].map((h) => el('th', {}, h)))),
        el('tbody', {}, view.deadLetters.map((d) => el('tr', { 'data-dead-letter': d.id }, el('td', {}, d.id), el('td', {}, d.step), el('td', {}, d.compensationActivity),
          el('td', { class: 'dl-status' }, badge(d.status)), el('td', {}, d.retryCount), el('td', {}, d.lastRetryError || ''),
          el('td', { class: 'actions' }, d.status !== 'resolved' ? deadLetterActions.map((a) => [a(d, act), ' ']) : (d.resolution || '')))))));
  }

  function auditSection(view) {
    const audit = view.audit || [];
    return el('section', { id: 'audit' }, el('h2', {}, 'Audit'),
      audit.length === 0 ? el('p', { class: 'muted' }, 'No operator actions.') : el('table', {},
        el('thead', {}, el('tr', {}, ['when', 'action', 'note', 'caller'].map((h) => el('th', {}, h)))),
        el('tbody', {}, audit.map((a) => el('tr', { 'data-action': a.action }, el('td', {}, when(a.at)), el('td', {}, badge(a.action)), el('td', {}, a.note || ''), el('td', {}, a.caller || ''))))));
  }

  // The instance actions while it runs; add an entry to sagaActions for another button next to Cancel and Terminate
  // (an entry returns null to hide its button for this view).
  const sagaActions = [
    (base, act, reason, view) => view.retries && view.retries.length ? el('button', { type: 'button', id: 'retry-step', onclick: () => act(`${base}/retry`, reason.value ? { note: reason.value } : {}) }, 'Retry now') : null,
    (base, act, reason) => el('button', { type: 'button', id: 'cancel', onclick: () => act(`${base}/cancel`, reason.value ? { reason: reason.value } : {}) }, 'Cancel (compensate)'),
    (base, act, reason) => el('button', { type: 'button', id: 'terminate', class: 'danger', onclick: () => confirm('Terminate? Nothing is compensated.') && act(`${base}/terminate`, reason.value ? { reason: reason.value } : {}) }, 'Terminate'),
  ];

  function actionsSection(view, base, act) {
    const actions = el('section', { id: 'actions' }, el('h2', {}, 'Actions'));
    if (['Completed', 'Failed', 'Terminated'].includes(view.runtimeStatus)) { actions.append(el('p', { class: 'muted' }, 'Finished: nothing to raise, cancel or terminate.')); return actions; }
    const eventName = el('input', { id: 'event-name', placeholder: 'event name, e.g. payment or approval' });
    const payload = el('textarea', { id: 'event-payload', rows: 3, cols: 50, placeholder: '{"succeeded": true, "paymentId": "PAY-1"}' });
    const reason = el('input', { id: 'reason', placeholder: 'reason' });
    actions.append(
      el('form', { id: 'event-form', onsubmit: (ev) => { ev.preventDefault(); let body; try { body = JSON.parse(payload.value || '{}'); } catch (err) { showProblem({ title: 'The payload is not JSON', detail: err.message }); return; } act(`${base}/events/${encodeURIComponent(eventName.value)}`, body); } },
        el('label', {}, 'event', eventName), el('label', {}, 'payload (JSON)', payload), el('button', { type: 'submit' }, 'Raise event')),
      el('form', { onsubmit: (ev) => ev.preventDefault() }, el('label', {}, 'reason / note', reason), sagaActions.map((a) => a(base, act, reason, view)).filter(Boolean).map((b) => [b, ' '])));
    return actions;
  }

  async function sagaPage(saga, id) {
    const base = `/api/sagas/${encodeURIComponent(saga)}/${encodeURIComponent(id)}`;
    let view;
    try { view = await api(base); } catch (e) { if (e.handled) { app.replaceChildren(el('p', {}, el('a', { href: '/monitor' }, '← all sagas'))); return; } throw e; }
    const definition = await definitionOf(view.saga);
    const finished = ['Completed', 'Failed', 'Terminated'].includes(view.runtimeStatus);
    const act = async (path, body) => {
      try { await api(path, { method: 'POST', body: JSON.stringify(body || {}) }); showProblem(null); } catch (e) { if (!e.handled) throw e; return; }
      await sagaPage(saga, id);
    };
    // Keep what the operator is typing across the live refresh.
    const typed = ['event-name', 'event-payload', 'reason'].map((k) => [k, document.getElementById(k)]).filter(([, e]) => e && e.value).map(([k, e]) => [k, e.value]);
    app.replaceChildren(el('p', {}, el('a', { href: '/monitor' }, '← all sagas')), summarySection(view), diagramSection(definition, view), timelineSection(view),
      deadLettersSection(view, act), actionsSection(view, base, act), auditSection(view),
      el('section', {}, el('h2', {}, 'Input and output'), el('pre', {}, JSON.stringify({ input: view.input, output: view.output }, null, 2))));
    for (const [k, v] of typed) { const e = document.getElementById(k); if (e) e.value = v; }
    // Live updates while it runs (or while a dead letter is being retried).
    clearTimeout(refreshTimer);
    if (!finished || view.deadLetters.some((d) => d.status === 'retrying')) refreshTimer = setTimeout(() => sagaPage(saga, id), 1500);
  }

  async function route() {
    clearTimeout(refreshTimer);
    const m = location.pathname.match(/^\/monitor\/sagas\/([^/]+)\/([^/]+)\/?$/);
    if (m) { statsBar(); await sagaPage(decodeURIComponent(m[1]), decodeURIComponent(m[2])); } else await listPage();
  }

  window.addEventListener('popstate', route);
  route();
})();
