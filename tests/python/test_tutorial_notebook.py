"""examples/tutorial.ipynb runs end to end (nbclient, a python3 kernel of
/usr/bin/python3 with the built package on its path) and draws its figures.
"""
import json
import os
import sys
import time

import pytest

from conftest import PYTHONPATH, REPO

NOTEBOOK = REPO / "examples" / "tutorial.ipynb"
FIGURES = ["replicates", "sweep", "opinions", "communities", "polblogs"]


def kernel_spec(tmp_path, monkeypatch):
    """A temporary kernel spec running this interpreter, so the test never
    depends on (or picks up another Python from) the installed kernel specs."""
    kdir = tmp_path / "jupyter" / "kernels" / "microcosm-test"
    kdir.mkdir(parents=True)
    (kdir / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "microcosm test", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    return "microcosm-test"


def test_tutorial_notebook_runs_and_draws(tmp_path, monkeypatch, shared_data):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    figures = tmp_path / "figures"
    figures.mkdir()
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(PYTHONPATH)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    monkeypatch.setenv("MICROCOSM_FIGURES", str(figures))
    monkeypatch.setenv("MICROCOSM_SHARED_DIR", str(shared_data.parent))
    name = kernel_spec(tmp_path, monkeypatch)

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name=name,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    start = time.monotonic()
    client.execute()
    elapsed = time.monotonic() - start

    images = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])
              if "image/png" in o.get("data", {})]
    assert len(images) >= len(FIGURES), f"{len(images)} figures in the executed notebook"
    for fig in FIGURES:
        png = figures / f"{fig}.png"
        assert png.exists() and png.stat().st_size > 5000, png
    errors = [o for cell in nb.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert not errors
    print(f"notebook executed in {elapsed:.1f} s")
