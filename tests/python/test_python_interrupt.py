"""Ctrl-C during a long run from Python: KeyboardInterrupt arrives between
two steps (the engine releases the GIL and checks Python's signal handlers
about every 50 ms), and the simulation stays usable; an interrupted run
resumed records exactly the rows of an uninterrupted one.
"""
import os
import signal
import threading
import time

import numpy as np
import pytest

try:
    import microcosm as mc
except ImportError as e:  # pragma: no cover
    pytest.fail(f"cannot import the microcosm Python module ({e}): build it (make build) or set "
                "MICROCOSM_PYTHONPATH", pytrace=False)


@pytest.fixture(autouse=True)
def ctrl_c_raises_keyboard_interrupt():
    """A shell that starts a command in the background without job control
    (`make test &`, nohup, some CI runners) starts it with SIGINT ignored,
    and Python then installs no KeyboardInterrupt handler: the signal these
    tests send would be dropped and the long run would go on for hours.
    Install Python's own handler for the test and restore what was there."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def long_scenario(steps=10_000_000):
    # Mean field, 100k agents: one step takes ~3 ms, the whole run hours.
    return mc.Scenario(model="deffuant", network={"kind": "mean_field", "n": 100_000},
                       steps=steps, record_every=100, stop_when_converged=False)


def test_sigint_interrupts_a_long_run_and_the_simulation_goes_on():
    sim = mc.Simulation(long_scenario())
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            sim.run()
    finally:
        timer.cancel()
    elapsed = time.monotonic() - start
    # Loose bound: uninterrupted, the run would take hours.
    assert elapsed < 20, f"the interrupt took {elapsed:.1f} s"
    t = sim.time
    assert 0 < t < 10_000_000
    assert all(step % 100 == 0 for step in sim.metrics["step"])
    sim.step(2)
    assert sim.time == t + 2
    assert np.isfinite(sim.positions).all()


def test_cancel_from_another_thread_and_resume_gives_the_same_rows():
    scenario = long_scenario(steps=300).replace(record_every=10)
    whole = mc.Simulation(scenario).run().metrics
    sim = mc.Simulation(scenario)
    timer = threading.Timer(0.2, sim.cancel)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            sim.run()
    finally:
        timer.cancel()
    assert sim.time < 300
    sim.run()  # resume
    assert sim.metrics.equals(whole)


def test_cancel_before_a_run_stops_it_at_once_then_it_goes_on():
    sim = mc.Simulation(long_scenario())
    sim.cancel()
    with pytest.raises(KeyboardInterrupt):
        sim.run()
    assert sim.time == 0
    sim.step(3)  # the cancel was consumed
    assert sim.time == 3


def test_sigint_stops_parallel_replicates():
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            mc.run(long_scenario(), seeds=[1, 2, 3], workers=2)
    finally:
        timer.cancel()
    assert time.monotonic() - start < 20
