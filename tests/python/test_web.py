"""The report and the live dashboard (docs/report_and_dashboard.md).

- the JSON API of `microcosm serve` validates every request and keeps
  serving after bad ones (plain HTTP, no browser);
- tests/web/dashboard.mjs drives the page in Debian's chromium: a run starts,
  charts fill, a branch with an intervention diverges from main, and a
  screenshot goes to build/test-artifacts/dashboard.png;
- tests/web/report.mjs opens a `microcosm report` file offline and checks every
  section and figure.
The browser tests skip only when chromium is not installed (scripts/deps.sh
installs it); missing node_modules are installed by `make web-deps`.
"""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = REPO / "build" / "test-artifacts"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, method="GET", body=None):
    # httplib answers a POST without Content-Length with 400: send an empty body.
    data = (b"" if method != "GET" else None) if body is None else \
        (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


@pytest.fixture(scope="module")
def server(microcosm_bin):
    port = free_port()
    proc = subprocess.Popen(
        [str(microcosm_bin), "serve", str(REPO / "scenarios/mim/baseline.toml"),
         "--set", "model.population=600", "--set", "simulation.steps=400",
         "--record-every", "1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while True:
        try:
            status, _ = request(url + "/api/info")
            if status == 200:
                break
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"microcosm serve did not start:\n{out}\n{err}")
        time.sleep(0.1)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("microcosm serve did not stop on SIGTERM")
    assert proc.returncode == 0, proc.stderr.read()


def wait_state(url, pred, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        _, s = request(url + "/api/state?since=1000000000")
        if pred(s):
            return s
        time.sleep(0.05)
    raise AssertionError(f"state never satisfied the condition; last: {s}")


def test_api_rejects_bad_requests_and_keeps_serving(server):
    bad = [
        ("POST", "/api/step?n=abc", None), ("POST", "/api/step?n=0", None),
        ("POST", "/api/step?n=99999999999999999999", None),
        ("GET", "/api/agents?sample=-1", None), ("GET", "/api/agents?instance=nope", None),
        ("GET", "/api/agents?instance=branch", None),  # no branch yet
        ("GET", "/api/edges?sample=x", None),
        ("POST", "/api/params", b"{not json"),
        ("POST", "/api/params", {"name": "model.population", "value": -5}),
        ("POST", "/api/params", {"name": "model.no_such_parameter", "value": 1}),
        ("POST", "/api/params", {"name": "network.n", "value": 1}),
        ("POST", "/api/params", {"name": "model.population", "value": "many"}),
        ("POST", "/api/params", {"name": "model.population", "value": 10**8}),
        ("POST", "/api/params", {"values": {"model.population": [1, {"a": 2}]}}),
        ("POST", "/api/params", [1, 2, 3]),
        ("POST", "/api/event", {"type": "no_such_event"}),
        ("POST", "/api/event", {"type": "lockdown", "params": {"magnitude": 1e9}}),
        ("POST", "/api/event", {"type": "lockdown", "duration": 0}),
        ("POST", "/api/event", {"type": "lockdown", "params": {"start": -3}}),
        ("POST", "/api/event", {"type": "disinformation_campaign"}),
        ("POST", "/api/event", {"type": "lockdown", "instance": "branch"}),
        ("POST", "/api/branch", {"event": {"type": "lockdown", "params": {"bogus": 1}}}),
        ("POST", "/api/branch", {"params": {"model.population": 0}}),
        ("POST", "/api/branch", "text"),
    ]
    for method, path, body in bad:
        status, j = request(server + path, method, body)
        assert status == 400, (method, path, body, status, j)
        assert j.get("error"), (path, j)
    status, j = request(server + "/api/nothing")
    assert status == 404 and "no API route" in j["error"]
    status, info = request(server + "/api/info")
    assert status == 200 and info["model"] == "mim" and info["agents"] == 600
    assert any(k["type"] == "need_support" for k in info["timeline_kinds"])
    assert set(info["metric_descriptions"]) == set(info["metric_names"])


def test_api_run_step_event_branch_params(server):
    assert request(server + "/api/reset", "POST")[0] == 200
    status, s = request(server + "/api/step?n=5", "POST")
    assert status == 200
    s = wait_state(server, lambda s: s["time"] >= 5 and s["pending_steps"] == 0)
    assert s["time"] == 5 and not s["running"]
    _, st = request(server + "/api/state")
    assert st["main"]["steps"] == [0, 1, 2, 3, 4, 5]
    assert len(st["main"]["values"][0]) == len(st["metric_names"])
    _, inc = request(server + "/api/state?since=4")
    assert inc["main"]["steps"] == [4, 5]

    status, a = request(server + "/api/agents?sample=500")
    assert status == 200 and len(a["id"]) == 500 == len(a["x"]) == len(a["community"])
    assert all(-1.0 <= v <= 1.0 for v in a["x"])
    status, e = request(server + "/api/edges?sample=300&agents=600")
    assert status == 200 and len(e["source"]) == len(e["target"]) <= 300 and e["total"] > 0

    status, r = request(server + "/api/event", "POST",
                        {"type": "lockdown", "duration": 10, "params": {"magnitude": 0.3}})
    assert status == 200 and r["added"][0]["start"] == 5 and r["added"][0]["end"] == 15

    # A plain clone replays main exactly (same seed, same timeline).
    status, r = request(server + "/api/branch", "POST", {"label": "clone"})
    assert status == 200 and r["branch"]["label"] == "clone"
    request(server + "/api/step?n=3", "POST")
    wait_state(server, lambda s: s["time"] >= 8 and s["branch"]["time"] >= 8)
    _, st = request(server + "/api/state")
    assert st["branch_metrics"]["steps"] == st["main"]["steps"]
    assert st["branch_metrics"]["values"] == st["main"]["values"]
    _, a1 = request(server + "/api/agents?sample=300")
    _, a2 = request(server + "/api/agents?sample=300&instance=branch")
    assert a1["x"] == a2["x"] and a1["community"] == a2["community"]
    assert request(server + "/api/branch", "DELETE")[1]["branch"] is None

    # A parameter change rebuilds from step 0 and survives in /api/info.
    status, r = request(server + "/api/params", "POST", {"name": "model.population", "value": 500})
    assert status == 200 and r["time"] == 0
    _, info = request(server + "/api/info")
    assert info["agents"] == 500 and info["scenario"]["model"]["population"] == 500
    request(server + "/api/params", "POST", {"values": {"model.population": 600}})

    # The horizon stops a run; start beyond it is refused with a message.
    request(server + "/api/params", "POST", {"values": {"simulation.steps": 12}})
    request(server + "/api/start", "POST")
    s = wait_state(server, lambda s: not s["running"] and s["time"] >= 12)
    assert s["time"] == 12 and s["finished"]
    status, j = request(server + "/api/start", "POST")
    assert status == 400 and "horizon" in j["error"]
    request(server + "/api/params", "POST", {"values": {"simulation.steps": 400}})


def node_ready():
    if not pathlib.Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not found: browser tests need Debian's chromium (make deps installs it)")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not found: browser tests need nodejs (make deps installs it)")
    if not (REPO / "web" / "node_modules" / "playwright-core").exists():
        subprocess.run(["make", "-C", str(REPO), "web-deps"], check=True)
    return node


def run_node(script, env):
    node = node_ready()
    proc = subprocess.run([node, str(REPO / "tests" / "web" / script)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "CHROMIUM": CHROMIUM,
                                                       "ARTIFACTS": str(ARTIFACTS), **env})
    print(proc.stdout)
    assert proc.returncode == 0, f"{script} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def test_dashboard_in_chromium(server):
    request(server + "/api/reset", "POST")
    out = run_node("dashboard.mjs", {"MICROCOSM_URL": server})
    assert "need_support raises significance" in out
    assert (ARTIFACTS / "dashboard.png").stat().st_size > 10000


def test_report_renders_offline(run_microcosm, tmp_path):
    run = tmp_path / "run"
    run_microcosm("run", REPO / "scenarios/mim/baseline.toml", "--set", "model.population=800",
                  "--set", "simulation.steps=40", "--set", 'output.network_formats=["edgelist"]',
                  "--out", run, "--quiet")
    assert (run / "network.edges.txt").stat().st_size > 1000  # the follow graph, not the mean field
    out = tmp_path / "report" / "r.html"
    proc = run_microcosm("report", run, "--out", out, "--max-network-nodes", "200")
    assert str(out) in proc.stdout
    for name in ("metrics", "opinions", "communities", "needs", "platforms", "network"):
        assert (tmp_path / "report" / "r_figures" / f"{name}.png").exists(), name
    text = out.read_text()
    assert "http://" not in text and "https://" not in text  # nothing loaded from outside
    # The metric table says what each column measures (the model's metric
    # dictionary, passed by `microcosm report`).
    assert "<th>what it measures</th>" in text
    assert "share of agents with at least one membership" in text
    # platforms.csv gives the platforms' state and the migration flow matrix.
    assert "moved to 1" in text and "(platforms.csv; row: from, column: to)" in text
    # Where the run's time went, phase by phase (run.json).
    assert "Where the run time of run went" in text and "feeds and influence" in text
    run_node("report.mjs", {"REPORT": str(out)})


def test_report_of_a_sweep_database(run_microcosm, tmp_path):
    """Replicates in a sweep database give confidence bands (drawn defensively
    from the runs and metrics tables)."""
    import sqlite3
    db = tmp_path / "sweep.db"
    con = sqlite3.connect(db)
    con.executescript("""
      CREATE TABLE sweep (id INTEGER PRIMARY KEY, model TEXT, design TEXT, axes TEXT,
                          resolved_toml TEXT, created TEXT, version TEXT);
      INSERT INTO sweep VALUES (1, 'deffuant', 'grid', '["model.epsilon"]', '[model]', 'now', '0');
      CREATE TABLE runs (run_id INTEGER PRIMARY KEY, cell_id INTEGER, replicate INTEGER,
                         seed INTEGER, params TEXT, "model.epsilon" REAL, status TEXT, run_s REAL);
      CREATE TABLE metrics (run_id INTEGER, step INTEGER, opinion_variance REAL, clusters REAL);
    """)
    rid = 0
    for cell, eps in enumerate((0.1, 0.3)):
        for rep in range(3):
            con.execute("INSERT INTO runs VALUES (?,?,?,?,?,?,?,?)",
                        (rid, cell, rep, rep, "{}", eps, "done", 0.1))
            for step in range(0, 50, 10):
                con.execute("INSERT INTO metrics VALUES (?,?,?,?)",
                            (rid, step, 1.0 / (1 + step * eps) + 0.01 * rep, 5 - cell + rep * 0.1))
            rid += 1
    con.commit()
    con.close()
    proc = run_microcosm("report", db)
    out = tmp_path / "sweep.db.report.html"
    assert out.exists(), proc.stdout
    text = out.read_text()
    assert "95 % confidence band" in text and "replicates per cell: 3–3" in text
    assert 'id="network"' in text and "holds no networks" in text


def test_report_errors_clearly(run_microcosm, tmp_path):
    proc = run_microcosm("report", tmp_path, check=False)
    assert proc.returncode != 0 and "not a run directory" in proc.stderr
