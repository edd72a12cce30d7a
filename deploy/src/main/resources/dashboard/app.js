'use strict';
// NeuroLoop live dashboard: traces, events and counters from the run's server (server-sent events and
// /api/sessions); control with the run's token, which the console printed in the page's address (#token=...).
const WINDOW_S = 10;           // seconds of trace on screen
const SPACING_UV = 100;        // vertical distance between stacked channels
const SCALE_UV = 50;           // height of the scale bar
const SPECTRUM_EVERY_MS = 500; // the spectrum's DFT is the page's costliest step: twice a second is enough
const FLAG_NAMES = ['NaN/Inf', 'flat', 'clipped', 'gap', 'clock jump', 'stale', 'wrong channel count', 'end'];
const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
const state = {};              // per session: trace buffers, events, commands, scores, latencies
let setup = {sessions: []};
let current = null;
let sessionsJson = [];

function session(id) {
  if (!state[id]) {
    state[id] = {t: [], ch: [], events: [], commands: [], scores: [], latencies: [], rate: 0, dirty: {}};
  }
  return state[id];
}

function trimTo(s, tMin) {
  let k = 0;
  while (k < s.t.length && s.t[k] < tMin) k++;
  if (k > 0) {
    s.t.splice(0, k);
    s.ch.forEach(c => c.splice(0, k));
  }
  while (s.events.length && s.events[0].t < tMin) s.events.shift();
  while (s.commands.length && s.commands[0].t < tMin) s.commands.shift();
}

function onMessage(m) {
  const s = session(m.session);
  if (m.type === 'chunks') {
    s.rate = m.rate;
    m.ch.forEach((vals, c) => {
      if (!s.ch[c]) s.ch[c] = [];
      for (const v of vals) s.ch[c].push(v);
    });
    for (const t of m.t) s.t.push(t);
    if (s.t.length) trimTo(s, s.t[s.t.length - 1] - WINDOW_S);
    s.dirty.traces = s.dirty.spectrum = true;
  } else if (m.type === 'event') {
    const r = m.record;
    s.events.push({t: r.onset, kind: r.kind});
    s.scores.push([r.firedAt, r.value, r.threshold]);
    if (s.scores.length > 200) s.scores.shift();
    s.dirty.traces = s.dirty.score = true;
  } else if (m.type === 'prediction') {
    const r = m.record;
    s.scores.push([r.timestamp].concat(r.probabilities));
    if (s.scores.length > 200) s.scores.shift();
    s.dirty.score = true;
  } else if (m.type === 'command') {
    s.commands.push({t: m.record.causeTimestamp, action: m.record.action});
    if (m.latencyMicros !== undefined) {
      s.latencies.push(m.latencyMicros / 1000);
      if (s.latencies.length > 1024) s.latencies.shift();
    }
    s.dirty.traces = s.dirty.latency = true;
  }
}

function markersHook(u) {
  const s = state[current];
  if (!s) return;
  const ctx = u.ctx;
  const {top, height, left, width} = u.bbox;
  ctx.save();
  const line = (t, color) => {
    const x = u.valToPos(t, 'x', true);
    if (x < left || x > left + width) return;
    ctx.strokeStyle = color;
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, top + height); ctx.stroke();
  };
  s.events.forEach(e => line(e.t, '#ef6c00'));
  s.commands.forEach(c => line(c.t, '#c62828'));
  // scale bar, bottom left: SCALE_UV microvolts
  const y0 = u.valToPos(-SPACING_UV / 2, 'y', true);
  const y1 = u.valToPos(-SPACING_UV / 2 + SCALE_UV, 'y', true);
  ctx.strokeStyle = '#000';
  ctx.lineWidth = 3 * devicePixelRatio;
  ctx.beginPath(); ctx.moveTo(left + 8, y0); ctx.lineTo(left + 8, y1); ctx.stroke();
  ctx.fillStyle = '#000';
  ctx.font = (11 * devicePixelRatio) + 'px sans-serif';
  ctx.fillText(SCALE_UV + ' µV', left + 14, (y0 + y1) / 2);
  ctx.restore();
}

let traces = null;
let spectrum = null;
let score = null;
let latency = null;

function width(id) {
  return Math.max(300, document.getElementById(id).clientWidth - 4);
}

function makeTraces(labels) {
  if (traces) traces.destroy();
  const colors = ['#1565c0', '#2e7d32', '#6a1b9a', '#00838f'];
  const series = [{}].concat(labels.map((l, c) => ({label: l, stroke: colors[c % colors.length], width: 1})));
  const n = Math.max(1, labels.length);
  traces = new uPlot({
    width: width('traces'), height: 90 + 70 * n, series,
    scales: {x: {time: false}, y: {auto: false, range: [-SPACING_UV * (n - 0.5), SPACING_UV / 2]}},
    axes: [{label: 'LSL time (s)'}, {show: false}],
    legend: {show: true}, cursor: {show: false},
    hooks: {draw: [markersHook]},
  }, [[]].concat(labels.map(() => [])), document.getElementById('traces'));
}

function makeSpectrum() {
  spectrum = new uPlot({
    width: width('spectrum'), height: 200,
    series: [{}, {label: 'power (µV²/Hz)', stroke: '#1565c0', width: 1}],
    scales: {x: {time: false}, y: {distr: 3}},
    axes: [{label: 'Hz'}, {}], cursor: {show: false},
  }, [[], []], document.getElementById('spectrum'));
}

function makeScore(prediction) {
  if (score) score.destroy();
  const series = prediction
    ? [{}, {label: 'p(class 0)', stroke: '#1565c0', points: {show: true}}, {label: 'p(class 1)', stroke: '#c62828'}]
    : [{}, {label: 'score', stroke: '#1565c0', width: 0, points: {show: true, size: 6}},
       {label: 'threshold', stroke: '#c62828', dash: [4, 4]}];
  score = new uPlot({
    width: width('score'), height: 200, series,
    scales: {x: {time: false}}, axes: [{label: 'LSL time (s)'}, {}], cursor: {show: false},
  }, series.map(() => []), document.getElementById('score'));
}

function makeLatency() {
  latency = new uPlot({
    width: width('latency'), height: 200,
    series: [{}, {label: 'stimulations', stroke: '#6a1b9a', fill: 'rgba(106,27,154,0.3)',
      paths: uPlot.paths.bars({size: [0.9, 40]})}],
    scales: {x: {time: false}}, axes: [{label: 'ms'}, {}], cursor: {show: false},
  }, [[], []], document.getElementById('latency'));
}

// Power spectrum of the newest 2 s of the first channel (a direct DFT: 250 points at the trace's 125 Hz)
function powerSpectrum(s) {
  const fs = s.t.length > 1 ? (s.t.length - 1) / (s.t[s.t.length - 1] - s.t[0]) : 0;
  const x = s.ch[0] ? s.ch[0].slice(-Math.round(2 * fs)) : [];
  const n = x.length;
  if (n < 16 || !(fs > 0)) return [[], []];
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const f = [], p = [];
  for (let k = 1; k <= n / 2 && k * fs / n <= 45; k++) {
    let re = 0, im = 0;
    for (let i = 0; i < n; i++) {
      const w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
      const a = 2 * Math.PI * k * i / n;
      re += (x[i] - mean) * w * Math.cos(a);
      im -= (x[i] - mean) * w * Math.sin(a);
    }
    f.push(k * fs / n);
    p.push(Math.max(1e-6, (re * re + im * im) / (fs * n * 0.375) * 2));
  }
  return [f, p];
}

function histogram(values) {
  if (!values.length) return [[], []];
  const max = Math.max(...values);
  const bin = max <= 1 ? 0.05 : max <= 5 ? 0.25 : max <= 50 ? 2.5 : Math.ceil(max / 20);
  const counts = new Map();
  values.forEach(v => { const b = Math.floor(v / bin) * bin; counts.set(b, (counts.get(b) || 0) + 1); });
  const xs = [...counts.keys()].sort((a, b) => a - b);
  return [xs.map(b => b + bin / 2), xs.map(b => counts.get(b))];
}

// Redraws, once per animation frame, only the plots whose data changed since the last frame: data come about ten
// times a second, the frames sixty times, and redrawing everything every frame kept a core busy.
let lastSpectrum = 0;
function render(now) {
  const s = state[current];
  if (s && traces) {
    const d = s.dirty;
    if (d.traces) {
      const data = [s.t.slice()];
      for (let c = 0; c < traces.series.length - 1; c++) {
        const vals = s.ch[c] || [];
        data.push(vals.map(v => v - c * SPACING_UV));
      }
      if (data.every(x => x.length === data[0].length)) traces.setData(data);
    }
    if (d.spectrum && now - lastSpectrum >= SPECTRUM_EVERY_MS) {
      spectrum.setData(powerSpectrum(s));
      lastSpectrum = now;
      d.spectrum = false;
    }
    if (d.score) {
      const cols = score.series.length;
      const sd = [];
      for (let c = 0; c < cols; c++) sd.push(s.scores.map(r => r[c]));
      score.setData(sd);
    }
    if (d.latency) latency.setData(histogram(s.latencies));
    d.traces = d.score = d.latency = false;
  }
  requestAnimationFrame(render);
}

function showCounters() {
  const j = sessionsJson.find(x => x.id === current);
  if (!j) return;
  for (const k of ['samples', 'chunks', 'flagged_chunks', 'detections', 'stimulations', 'budget_left']) {
    document.getElementById('c-' + k).textContent = j[k];
  }
  for (const k of ['latency_p50_ms', 'latency_p99_ms']) {
    document.getElementById('c-' + k).textContent = j[k] === null ? '-' : j[k].toFixed(3);
  }
  document.getElementById('c-lag').textContent = j.lag_ms === null ? '-' : j.lag_ms.toFixed(0) + ' ms';
  const armed = document.getElementById('c-armed');
  armed.textContent = j.stopped ? 'STOPPED' : j.armed ? 'armed' : 'disarmed';
  armed.className = j.armed ? 'armed' : 'disarmed';
  const names = FLAG_NAMES.filter((_, b) => j.last_flags & (1 << b));
  const seen = FLAG_NAMES.filter((_, b) => j.flags & (1 << b));
  document.getElementById('c-flags').textContent =
    (names.length ? 'now: ' + names.join(', ') : 'now: none') + (seen.length ? '; seen: ' + seen.join(', ') : '');
}

async function poll() {
  try {
    const r = await fetch('api/sessions', {cache: 'no-store'});
    sessionsJson = await r.json();
    showCounters();
  } catch (e) {
    document.getElementById('clock').textContent = 'server gone';
  }
}

function select(id) {
  current = id;
  const conf = setup.sessions.find(x => x.id === id);
  const s = session(id);
  const labels = conf && conf.channels.length ? conf.channels : s.ch.map((_, c) => 'ch' + c);
  makeTraces(labels.length ? labels : ['ch0']);
  makeScore(!setup.detector);
  s.dirty = {traces: true, spectrum: true, score: true, latency: true};
  lastSpectrum = 0;
  document.getElementById('spectrum-channel').textContent = labels[0] || 'ch0';
  showCounters();
}

async function control(action) {
  const status = document.getElementById('control-status');
  const r = await fetch('api/control?session=' + encodeURIComponent(current) + '&action=' + action,
    {method: 'POST', headers: {'X-NeuroLoop-Token': token}});
  status.textContent = r.ok ? action + ' sent' : 'refused (' + r.status + ')';
  poll();
}

async function main() {
  setup = await (await fetch('api/setup')).json();
  document.getElementById('run-name').textContent = setup.name;
  document.getElementById('score-title').textContent =
    setup.detector ? 'Detector score (' + setup.detector + ') and threshold' : 'Class probabilities';
  const sel = document.getElementById('session');
  setup.sessions.forEach(s => sel.add(new Option(s.id, s.id)));
  sel.onchange = () => select(sel.value);
  for (const a of ['arm', 'disarm', 'stop']) {
    const b = document.getElementById(a);
    b.disabled = !setup.control;
    b.onclick = () => control(a);
  }
  if (!setup.control) document.getElementById('control-status').textContent = 'no control on the recording clock';
  makeSpectrum();
  makeLatency();
  select(setup.sessions.length ? setup.sessions[0].id : null);
  const es = new EventSource('events');
  es.onmessage = e => onMessage(JSON.parse(e.data));
  setInterval(poll, 500);
  poll();
  requestAnimationFrame(render);
}
main();
