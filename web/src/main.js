// Front end of `microcosm serve` (docs/report_and_dashboard.md): polls the
// JSON API, draws live metric charts (uPlot) and the agent network (sigma.js
// on WebGL, graphology as the graph store), and sends the controls' requests.
// Bundled by build.mjs (esbuild) into dist/; no network access at run time.
import Graph from "graphology";
import Sigma from "sigma";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./style.css";

const KEY_METRICS = ["affiliated_share", "micro_identities", "hostility", "radical_share",
  "x0_variance", "esteban_ray"];
const N_CHARTS = 6;
const POLL_MS = 400;
const AGENT_POLL_MS = 1200;
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
  "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39", "#7b4173", "#3182bd", "#e6550d"];

const $ = (id) => document.getElementById(id);

const app = {
  info: null,
  generation: -1,
  names: [],
  main: { steps: [], rows: [] },
  branch: null,  // { label, steps: [], rows: [] }
  branchKey: null,
  charts: [],
  views: {},  // main / branch: { sigma, graph }
  status: null,
  lastAgentTime: { main: -1, branch: -1 },
  agentBusy: false,
};
window.__dashboard = app;  // read by the browser tests

// ------------------------------------------------------------------ API ---

async function api(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  let data = null;
  try { data = await res.json(); } catch (e) { data = { error: `${res.status} ${res.statusText}` }; }
  if (!res.ok) throw new Error(data && data.error ? data.error : `${res.status}`);
  return data;
}

function showError(err) {
  const box = $("error");
  if (!err) { box.hidden = true; box.textContent = ""; return; }
  box.hidden = false;
  box.textContent = String(err.message || err);
}

async function act(method, path, body) {
  try {
    const r = await api(method, path, body);
    showError(null);
    applyStatus(r);
    return r;
  } catch (e) {
    showError(e);
    return null;
  }
}

// ------------------------------------------------------------- controls ---

function schemaValue(p, text) {
  if (p.type === "bool") return text === "true" || text === "1";
  if (p.type === "int") return Number.isInteger(Number(text)) && text.trim() !== "" ? Number(text) : text;
  if (p.type === "real") return text.trim() !== "" && !isNaN(Number(text)) ? Number(text) : text;
  if (p.type === "list") return text.split(",").map((s) => s.trim()).filter((s) => s);
  return text;
}

function fillControls() {
  const info = app.info;
  $("model-name").textContent = `${info.model} · ${info.agents} agents · seed ${info.seed}`;
  const sel = $("param-name");
  sel.innerHTML = "";
  const params = [...info.model_schema.map((p) => ({ ...p, section: "model" })),
    ...info.simulation_schema.filter((p) => ["steps", "seed", "record_every"].includes(p.name))
      .map((p) => ({ ...p, section: "simulation" }))];
  app.params = params;
  for (const p of params) {
    const o = document.createElement("option");
    o.value = `${p.section}.${p.name}`;
    o.textContent = `${p.section}.${p.name}`;
    sel.appendChild(o);
  }
  const showParam = () => {
    const p = params[sel.selectedIndex];
    if (!p) return;
    const cur = (info.scenario[p.section] || {})[p.name];
    $("param-value").value = Array.isArray(cur) ? cur.join(", ") : (cur ?? p.default);
    $("param-hint").textContent = `${p.description} · ${p.type} ${p.range}`;
  };
  sel.onchange = showParam;
  showParam();

  const ev = $("event-type");
  ev.innerHTML = "";
  const quick = $("event-buttons");
  quick.innerHTML = "";
  for (const k of info.timeline_kinds) {
    const o = document.createElement("option");
    o.value = k.type;
    o.textContent = `${k.section === "events" ? "event" : "intervention"}: ${k.type}`;
    ev.appendChild(o);
    if (k.type === "disinformation_campaign") continue;  // needs accounts from the start
    const b = document.createElement("button");
    b.className = "small";
    b.textContent = k.type.replace(/_/g, " ");
    b.dataset.type = k.type;
    b.title = k.description;
    b.onclick = () => { ev.value = k.type; ev.onchange(); triggerEvent(); };
    quick.appendChild(b);
  }
  ev.onchange = () => {
    const k = info.timeline_kinds.find((x) => x.type === ev.value);
    if (!k) return;
    const mag = k.schema.find((p) => p.name === "magnitude");
    $("event-magnitude-label").hidden = !mag;
    if (mag) $("event-magnitude").value = mag.default;
    $("event-hint").textContent = k.description;
  };
  if (info.timeline_kinds.length === 0) {
    $("event-hint").textContent = "This model takes no events or interventions.";
  } else {
    ev.onchange();
  }
}

function eventBody() {
  const type = $("event-type").value;
  const k = app.info.timeline_kinds.find((x) => x.type === type);
  const body = { type, duration: Number($("event-duration").value) || 30, params: {} };
  if (k && k.schema.some((p) => p.name === "magnitude") && $("event-magnitude").value !== "") {
    body.params.magnitude = Number($("event-magnitude").value);
  }
  return body;
}

function triggerEvent() {
  const body = eventBody();
  body.instance = $("event-instance").value;
  return act("POST", "/api/event", body);
}

function paramChange() {
  const p = app.params[$("param-name").selectedIndex];
  return { [`${p.section}.${p.name}`]: schemaValue(p, $("param-value").value) };
}

function bindControls() {
  $("btn-start").onclick = () => act("POST", "/api/start");
  $("btn-pause").onclick = () => act("POST", "/api/pause");
  $("btn-step").onclick = () => act("POST", `/api/step?n=${encodeURIComponent($("step-n").value)}`);
  $("btn-reset").onclick = () => act("POST", "/api/reset");
  $("btn-param").onclick = async () => {
    const r = await act("POST", "/api/params", { values: paramChange() });
    if (r) await loadInfo();
  };
  $("btn-event").onclick = triggerEvent;
  $("btn-branch-event").onclick = () => {
    const ev = eventBody();
    return act("POST", "/api/branch", { event: ev, label: `+ ${ev.type}` });
  };
  $("btn-branch-param").onclick = () => {
    const change = paramChange();
    const [k, v] = Object.entries(change)[0];
    return act("POST", "/api/branch", { params: change, label: `${k} = ${v}` });
  };
  $("btn-branch-clone").onclick = () => act("POST", "/api/branch", { label: "clone" });
  $("btn-branch-close").onclick = () => act("DELETE", "/api/branch");
  $("color-mode").onchange = () => { app.lastAgentTime = { main: -1, branch: -1 }; };
  $("sample-size").onchange = () => { app.lastAgentTime = { main: -1, branch: -1 }; };
  $("edge-size").onchange = () => { app.lastAgentTime = { main: -1, branch: -1 }; };
}

// --------------------------------------------------------------- charts ---

function describe(metric) {
  const d = app.info && app.info.metric_descriptions;
  return (d && d[metric]) || "";
}

function buildCharts() {
  const box = $("charts");
  box.innerHTML = "";
  app.charts = [];
  const picks = KEY_METRICS.filter((m) => app.names.includes(m));
  for (const m of app.names) if (picks.length < N_CHARTS && !picks.includes(m)) picks.push(m);
  for (let c = 0; c < Math.min(N_CHARTS, picks.length); ++c) {
    const div = document.createElement("div");
    div.className = "chart";
    div.dataset.points = "0";
    const sel = document.createElement("select");
    for (const m of app.names) {
      const o = document.createElement("option");
      o.value = m; o.textContent = m; o.title = describe(m);
      sel.appendChild(o);
    }
    sel.value = picks[c];
    // What the chosen column measures (the model's metric dictionary).
    const caption = document.createElement("div");
    caption.className = "metric-help";
    caption.textContent = caption.title = describe(picks[c]);
    const holder = document.createElement("div");
    div.append(sel, caption, holder);
    box.appendChild(div);
    const width = Math.max(300, div.clientWidth || 330);
    const plot = new uPlot({
      width, height: 180,
      scales: { x: { time: false } },
      legend: { show: true },
      series: [{ label: "step" },
        { label: "main", stroke: "#23395d", width: 1.5, spanGaps: true },
        { label: "branch", stroke: "#e6550d", width: 1.5, spanGaps: true, show: false }],
      axes: [{ size: 28 }, { size: 48 }],
    }, [[], [], []], holder);
    const chart = { div, sel, plot, metric: picks[c] };
    sel.onchange = () => {
      chart.metric = sel.value;
      caption.textContent = caption.title = describe(sel.value);
      sel.title = describe(sel.value);
      updateChart(chart);
    };
    sel.title = describe(picks[c]);
    app.charts.push(chart);
  }
}

function updateChart(chart) {
  const col = app.names.indexOf(chart.metric);
  if (col < 0) return;
  const xs = app.main.steps;
  const ys = app.main.rows.map((r) => r[col]);
  let bs = xs.map(() => null);
  if (app.branch) {
    const at = new Map();
    app.branch.steps.forEach((s, k) => at.set(s, app.branch.rows[k][col]));
    bs = xs.map((s) => (at.has(s) ? at.get(s) : null));
  }
  const showBranch = !!app.branch;
  if (chart.plot.series[2].show !== showBranch) chart.plot.setSeries(2, { show: showBranch });
  chart.plot.setData([xs, ys, bs]);
  chart.div.dataset.points = String(xs.length);
  chart.div.dataset.metric = chart.metric;
}

// ---------------------------------------------------------------- state ---

function applyStatus(s) {
  if (!s || s.time === undefined) return;
  app.status = s;
  $("time").textContent = s.time;
  $("horizon").textContent = s.horizon;
  const badge = $("run-state");
  badge.textContent = s.running ? "running" : (s.finished ? "finished" : "paused");
  badge.className = "badge" + (s.running ? " running" : "");
  $("branch-state").textContent = s.branch
    ? `· branch "${s.branch.label}" at step ${s.branch.time}${s.branch.caught_up ? "" : " (catching up)"}`
    : "";
  if (s.error) showError(`simulation stopped: ${s.error}`);
}

async function poll() {
  try {
    const since = app.main.steps.length;
    const sinceB = app.branch ? app.branch.steps.length : 0;
    const s = await api("GET", `/api/state?since=${since}&since_branch=${sinceB}`);
    if (s.generation !== app.generation) {
      // reset or parameter change: start over
      app.generation = s.generation;
      await loadInfo();
      return;
    }
    applyStatus(s);
    if (s.main.from === app.main.steps.length) {
      app.main.steps.push(...s.main.steps);
      app.main.rows.push(...s.main.values);
    }
    const key = s.branch ? s.branch.id : null;
    if (key !== app.branchKey) {
      app.branchKey = key;
      app.branch = s.branch ? { label: s.branch.label, steps: [], rows: [] } : null;
      app.lastAgentTime.branch = -1;
      setBranchView(s.branch);
    } else if (app.branch && s.branch_metrics && s.branch_metrics.from === app.branch.steps.length) {
      app.branch.steps.push(...s.branch_metrics.steps);
      app.branch.rows.push(...s.branch_metrics.values);
    }
    for (const c of app.charts) updateChart(c);
  } catch (e) {
    showError(`lost contact with the server: ${e.message}`);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

async function loadInfo() {
  app.info = await api("GET", "/api/info");
  app.generation = app.info.generation;
  app.names = app.info.metric_names;
  app.main = { steps: [], rows: [] };
  app.branch = null;
  app.branchKey = null;
  app.lastAgentTime = { main: -1, branch: -1 };
  fillControls();
  buildCharts();
  setBranchView(null);
  applyStatus(app.info);
}

// -------------------------------------------------------------- network ---

function opinionColor(v) {
  // diverging blue (-1) - light grey (0) - red (+1)
  const t = Math.max(-1, Math.min(1, v ?? 0));
  const a = Math.abs(t);
  const base = [220, 220, 220];
  const end = t < 0 ? [33, 102, 172] : [178, 24, 43];
  const c = base.map((b, i) => Math.round(b + (end[i] - b) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function nodeColor(mode, a, k) {
  if (mode === "opinion") return opinionColor(a.opinion[k]);
  if (mode === "platform" && a.platform) return PALETTE[a.platform[k] % PALETTE.length];
  if (a.community) {
    const g = a.community[k];
    return g < 0 ? "#c8c8c8" : PALETTE[g % PALETTE.length];
  }
  return opinionColor(a.opinion[k]);
}

function makeView(name) {
  const container = $(name === "main" ? "net-main" : "net-branch");
  container.innerHTML = "";
  const graph = new Graph({ type: "directed", multi: false });
  let sigma = null;
  try {
    sigma = new Sigma(graph, container, {
      renderLabels: false,
      defaultEdgeColor: "rgba(90,90,90,0.22)",
      defaultNodeColor: "#999",
      minCameraRatio: 0.05,
      maxCameraRatio: 4,
      hideEdgesOnMove: true,
    });
    sigma.setCustomBBox({ x: [-1, 1], y: [-1, 1] });
  } catch (e) {
    container.innerHTML = `<div class="msg">network view unavailable (WebGL): ${e.message}</div>`;
  }
  app.views[name] = { graph, sigma, container };
  container.dataset.nodes = "0";
  container.dataset.edges = "0";
}

function setBranchView(branch) {
  const panel = $("net-branch-panel");
  if (branch) {
    panel.hidden = false;
    $("net-branch-title").textContent = `branch: ${branch.label}`;
    if (!app.views.branch) makeView("branch");
  } else {
    panel.hidden = true;
    if (app.views.branch && app.views.branch.sigma) app.views.branch.sigma.kill();
    delete app.views.branch;
  }
}

async function refreshView(name) {
  const view = app.views[name];
  if (!view) return;
  const n = Number($("sample-size").value);
  const e = Number($("edge-size").value);
  const [a, ed] = await Promise.all([
    api("GET", `/api/agents?instance=${name}&sample=${n}`),
    e > 0 ? api("GET", `/api/edges?instance=${name}&sample=${e}&agents=${n}`) : Promise.resolve(null),
  ]);
  const mode = $("color-mode").value;
  const g = view.graph;
  const size = a.id.length > 8000 ? 1.6 : a.id.length > 3000 ? 2.2 : 3;
  const keep = new Set();
  for (let k = 0; k < a.id.length; ++k) {
    const key = String(a.id[k]);
    keep.add(key);
    const attrs = { x: a.x[k], y: a.y[k], size, color: nodeColor(mode, a, k) };
    if (g.hasNode(key)) g.mergeNodeAttributes(key, attrs); else g.addNode(key, attrs);
  }
  g.forEachNode((key) => { if (!keep.has(key)) g.dropNode(key); });
  g.clearEdges();
  if (ed) {
    for (let k = 0; k < ed.source.length; ++k) {
      const s = String(ed.source[k]), t = String(ed.target[k]);
      if (g.hasNode(s) && g.hasNode(t) && !g.hasEdge(s, t)) g.addEdge(s, t);
    }
  }
  view.container.dataset.nodes = String(g.order);
  view.container.dataset.edges = String(g.size);
  view.container.dataset.time = String(a.time);
  $("view-hint").textContent = `positions: ${a.positions}; ${g.order} of ${a.total} agents` +
    (ed ? `, ${g.size} of ${ed.total} edges` : "");
  app.lastAgentTime[name] = a.time;
}

async function agentLoop() {
  try {
    if (app.info && app.status) {
      for (const name of ["main", "branch"]) {
        const t = name === "main" ? app.status.time : app.status.branch && app.status.branch.time;
        if (app.views[name] && t !== undefined && t !== app.lastAgentTime[name]) await refreshView(name);
      }
    }
  } catch (e) {
    // the next round retries; errors show in the status poll
  } finally {
    setTimeout(agentLoop, AGENT_POLL_MS);
  }
}

// ----------------------------------------------------------------- boot ---

async function boot() {
  bindControls();
  makeView("main");
  try {
    await loadInfo();
  } catch (e) {
    showError(`cannot load /api/info: ${e.message}`);
  }
  poll();
  agentLoop();
}

boot();
