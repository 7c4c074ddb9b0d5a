"""Shared fixtures: where the microcosm binary and the shared data live."""
import os
import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]

# The Python package as CMake builds it (<build>/python/microcosm), first on
# sys.path so tests never pick up an older installed copy.
PYTHONPATH = pathlib.Path(os.environ.get("MICROCOSM_PYTHONPATH",
                                         REPO / "build" / "release" / "python")).resolve()
if str(PYTHONPATH) not in sys.path:
    sys.path.insert(0, str(PYTHONPATH))


@pytest.fixture(scope="session")
def microcosm_bin():
    path = pathlib.Path(os.environ.get("MICROCOSM_BIN", REPO / "build" / "release" / "microcosm"))
    if not path.exists():
        pytest.fail(f"{path} not found: run `make build` first (or set MICROCOSM_BIN)")
    return path


@pytest.fixture(scope="session")
def shared_data():
    path = pathlib.Path(os.environ.get("MICROCOSM_SHARED_DIR", REPO.parent / "shared")) / "data"
    if not path.exists():
        pytest.fail(f"{path} not found (set MICROCOSM_SHARED_DIR)")
    return path


@pytest.fixture
def run_microcosm(microcosm_bin):
    def run(*args, check=True):
        proc = subprocess.run([str(microcosm_bin), *map(str, args)], capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise AssertionError(f"microcosm {' '.join(map(str, args))} failed:\n{proc.stderr}")
        return proc
    return run
