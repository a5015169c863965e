"""Tests of helpers.neurons: the Euler step, the simulation and the firing rates."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import neurons
from helpers.neurons import (
    DEFAULTS,
    analytic_rate,
    firing_rate,
    lif_step,
    rheobase,
    simulate_lif,
    time_axis,
)

NANO = 1e-9


def test_time_axis():
    t = time_axis(0.2, 1e-4)
    assert t.shape == (2001,)
    assert t[0] == 0.0 and t[-1] == pytest.approx(0.2)
    assert np.allclose(np.diff(t), 1e-4)
    with pytest.raises(ValueError):
        time_axis(0.2, 0.0)


def test_lif_step_matches_the_euler_formula():
    # From rest with 2 nA: dV = dt/tau * R I = 0.005 * 0.02 = 1e-4 V.
    v, spiked = lif_step(-0.065, 2 * NANO)
    assert v == pytest.approx(-0.0649, abs=1e-12) and spiked is False
    # Pure leak towards v_rest: dV = 0.005 * -(0.01).
    v, spiked = lif_step(-0.055, 0.0)
    assert v == pytest.approx(-0.05505, abs=1e-12) and not spiked
    # Crossing the threshold during the step: spike and reset to v_reset.
    v, spiked = lif_step(-0.05001, 2 * NANO, v_reset=-0.070)
    assert v == -0.070 and spiked is True


def test_lif_step_broadcasts_and_returns_python_scalars_for_scalars():
    v, spiked = lif_step(np.full((2, 3), -0.065), np.array([0.0, 1e-9, 1e-6]))
    assert v.shape == (2, 3) and spiked.shape == (2, 3) and spiked.dtype == bool
    assert spiked[:, 2].all() and not spiked[:, :2].any()
    assert isinstance(lif_step(-0.065, 0.0)[0], float)


def test_lif_step_does_not_modify_its_input():
    v = np.array([-0.065, -0.0501])
    before = v.copy()
    lif_step(v, 5 * NANO)
    assert np.array_equal(v, before)


def test_subthreshold_trace_follows_the_exact_exponential():
    current = 1 * NANO  # below the 1.5 nA rheobase
    t, v, spikes = simulate_lif(current, t_max=0.2, dt=1e-5)
    assert spikes.size == 0
    v_inf = DEFAULTS["v_rest"] + DEFAULTS["resistance"] * current
    exact = v_inf + (DEFAULTS["v_rest"] - v_inf) * np.exp(-t / DEFAULTS["tau"])
    assert np.max(np.abs(v - exact)) < 1e-5  # Euler's error is O(dt)
    assert v[-1] == pytest.approx(v_inf, abs=1e-6)  # settles at v_rest + R I


def test_simulation_outputs_are_consistent():
    t, v, spikes = simulate_lif(3 * NANO, t_max=0.3)
    assert t.shape == v.shape == (3001,)
    assert spikes.ndim == 1 and spikes.size > 3
    assert np.all(np.diff(spikes) > 0)
    assert np.all(v < DEFAULTS["v_threshold"])  # reset happens within the step
    assert np.all(np.isin(np.round(spikes / 1e-4), np.arange(len(t))))
    spike_idx = np.round(spikes / 1e-4).astype(int)
    assert np.all(v[spike_idx] == DEFAULTS["v_reset"])
    assert spikes.size == round(firing_rate(3 * NANO, t_max=0.3) * 0.3)


def test_rheobase_default_is_1_5_nanoampere():
    assert rheobase() == pytest.approx(1.5 * NANO, rel=1e-12)
    assert rheobase(v_rest=-0.07, v_threshold=-0.05, resistance=2e7) == pytest.approx(1e-9)


def test_no_spikes_below_rheobase_and_spikes_above():
    rh = rheobase()
    assert firing_rate(0.95 * rh) == 0.0
    assert firing_rate(1.2 * rh) > 0.0
    assert analytic_rate(rh) == 0.0 and analytic_rate(0.5 * rh) == 0.0


@pytest.mark.parametrize("refractory", [0.0, 0.002])
def test_simulated_rate_matches_the_analytic_rate(refractory):
    currents = np.array([1.8, 2.5, 4.0, 8.0]) * NANO
    simulated = firing_rate(currents, t_max=2.0, dt=2e-5, refractory=refractory)
    exact = analytic_rate(currents, refractory=refractory)
    # Rate from a spike count: resolution 1 / t_max; Euler and the time grid add ~1 %.
    assert np.all(np.abs(simulated - exact) <= 0.5 + 0.02 * exact), (simulated, exact)


def test_one_neuron_and_a_population_agree():
    currents = np.array([1.8, 3.0, 6.0]) * NANO
    together = firing_rate(currents, t_max=0.5, refractory=0.003)
    alone = [firing_rate(c, t_max=0.5, refractory=0.003) for c in currents]
    assert np.array_equal(together, alone)
    for c in currents:
        _, _, spikes = simulate_lif(c, t_max=0.5, refractory=0.003)
        assert spikes.size == round(firing_rate(c, t_max=0.5, refractory=0.003) * 0.5)


def test_firing_rate_is_vectorised_over_currents():
    currents = np.array([[0.0, 2.0], [4.0, 8.0]]) * NANO
    rates = firing_rate(currents, t_max=0.5)
    assert rates.shape == (2, 2)
    for index in np.ndindex(2, 2):
        assert rates[index] == firing_rate(currents[index], t_max=0.5)
    assert isinstance(firing_rate(2 * NANO, t_max=0.1), float)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.floats(0.0, 20.0), min_size=2, max_size=6))
def test_rate_never_decreases_with_current(currents_na):
    currents = np.sort(np.array(currents_na)) * NANO
    rates = firing_rate(currents, t_max=0.5)
    assert np.all(np.diff(rates) >= 0)
    assert np.all(np.diff(analytic_rate(currents)) >= 0)


def test_refractory_period_caps_the_rate():
    rate = firing_rate(1e-6, t_max=0.5, refractory=0.005)  # a huge current
    assert rate <= 1 / 0.005
    assert rate == pytest.approx(1 / 0.0051, rel=0.02)  # 5 ms held + one step to fire again


def test_time_varying_current_only_fires_while_on():
    t = time_axis(0.4, 1e-4)
    current = np.where(t >= 0.2, 3 * NANO, 0.0)
    _, v, spikes = simulate_lif(current, t_max=0.4)
    assert spikes.size > 0 and spikes.min() > 0.2
    assert np.allclose(v[t < 0.2], DEFAULTS["v_rest"])


def test_parameters_can_be_overridden_and_are_checked():
    # A lower threshold fires earlier.
    default = firing_rate(3 * NANO, t_max=0.5)
    lower = firing_rate(3 * NANO, t_max=0.5, v_threshold=-0.055)
    assert lower > default
    with pytest.raises(TypeError):
        simulate_lif(1e-9, threshold=-0.05)
    with pytest.raises(ValueError):
        simulate_lif(np.zeros(10), t_max=0.2)


def test_analytic_rate_shapes_and_known_value():
    # I = 3 nA: v_inf = -35 mV, T = 20 ms * ln(30 / 15) = 13.86 ms.
    assert analytic_rate(3 * NANO) == pytest.approx(1 / (0.02 * np.log(2.0)))
    rates = analytic_rate(np.linspace(0, 5, 7).reshape(7, 1) * NANO)
    assert rates.shape == (7, 1)
    assert isinstance(analytic_rate(3 * NANO), float)


def test_module_is_reachable_lazily():
    import helpers

    assert helpers.neurons is neurons


def test_simulation_is_lif_step_in_a_loop():
    t = time_axis(0.1, 1e-4)
    current = 2.5 * NANO * (1 + np.sin(2 * np.pi * 30 * t))
    _, v_sim, spikes = simulate_lif(current, t_max=0.1)
    v, trace, fired = DEFAULTS["v_rest"], [DEFAULTS["v_rest"]], []
    for k in range(len(t) - 1):
        v, spiked = lif_step(v, current[k])
        trace.append(v)
        if spiked:
            fired.append(t[k + 1])
    assert np.allclose(v_sim, trace, rtol=0, atol=1e-15)
    assert np.array_equal(spikes, fired) and len(fired) > 0


def test_neuron_output_is_the_activation_of_the_affine_map():
    from helpers.neurons import neuron_output

    X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    np.testing.assert_allclose(neuron_output(X, [2.0, -1.0], 0.5, "relu"), [0.5, 0.0])
    np.testing.assert_allclose(neuron_output(X, [2.0, -1.0], 0.5), 1 / (1 + np.exp(-np.array([0.5, -2.0]))))
    np.testing.assert_allclose(neuron_output(X, [1.0, 1.0], 0.0, np.tanh), np.tanh([3.0, -0.5]))
    with pytest.raises(ValueError, match=r"w shape \(D,\)"):
        neuron_output(X, [1.0, 2.0, 3.0], 0.0)
