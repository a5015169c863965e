"""Leaky integrate-and-fire (LIF) neurons, simulated with forward-Euler steps.

Units are SI throughout: time in seconds (s), membrane potential in volts (V), current in
amperes (A), resistance in ohms (Ohm), firing rates in hertz (spikes per second).

Below its threshold the membrane potential ``V(t)`` follows

    tau dV/dt = -(V - v_rest) + R I(t)

a leaky capacitor charged by the input current ``I``. When ``V`` reaches ``v_threshold`` the
neuron emits a spike and ``V`` jumps to ``v_reset``; with a refractory period it is held there
for ``refractory`` seconds. The defaults (tau = 20 ms, v_rest = v_reset = -65 mV,
v_threshold = -50 mV, R = 10 MOhm) put the rheobase, the smallest constant current that ever
makes the neuron fire, at (v_threshold - v_rest) / R = 1.5 nA.

One Euler step of size ``dt`` is ``V <- V + dt / tau * (-(V - v_rest) + R I)``, then the
threshold test. ``time_axis(t_max, dt)`` is the grid ``0, dt, ..., t_max`` that
``simulate_lif`` returns; a time-varying current is given as an array sampled on that grid.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "DEFAULTS",
    "time_axis",
    "lif_step",
    "simulate_lif",
    "firing_rate",
    "rheobase",
    "analytic_rate",
]

#: The default neuron: membrane time constant, potentials and membrane resistance (SI units).
DEFAULTS: dict[str, float] = {
    "tau": 0.02,  # s
    "v_rest": -0.065,  # V
    "v_threshold": -0.050,  # V
    "v_reset": -0.065,  # V
    "resistance": 1e7,  # Ohm
}


def time_axis(t_max: float = 0.2, dt: float = 1e-4) -> np.ndarray:
    """The time grid ``0, dt, 2 dt, ..., t_max`` in seconds: shape ``(round(t_max / dt) + 1,)``."""
    if dt <= 0 or t_max <= 0:
        raise ValueError(f"t_max and dt must be positive, got t_max={t_max}, dt={dt}")
    n_steps = int(round(t_max / dt))
    return np.arange(n_steps + 1) * dt


def lif_step(
    v: ArrayLike,
    current: ArrayLike,
    *,
    dt: float = 1e-4,
    tau: float = DEFAULTS["tau"],
    v_rest: float = DEFAULTS["v_rest"],
    v_threshold: float = DEFAULTS["v_threshold"],
    v_reset: float = DEFAULTS["v_reset"],
    resistance: float = DEFAULTS["resistance"],
) -> tuple[np.ndarray | float, np.ndarray | bool]:
    """One Euler step of the LIF equation for one neuron or an array of neurons.

    ``v`` (volts) and ``current`` (amperes) are numbers or arrays that broadcast together.
    Returns ``(v_new, spiked)`` of the broadcast shape: the potential after the step (reset
    to ``v_reset`` where it reached ``v_threshold``) and a boolean array, True where the neuron
    spiked during this step. Scalars in give a float and a bool out.
    """
    v_arr = np.asarray(v, dtype=float)
    i_arr = np.asarray(current, dtype=float)
    v_new = v_arr + dt / tau * (-(v_arr - v_rest) + resistance * i_arr)
    spiked = v_new >= v_threshold
    v_new = np.where(spiked, v_reset, v_new)
    if v_new.ndim == 0:
        return float(v_new), bool(spiked)
    return v_new, spiked


def _params(overrides: dict[str, float]) -> dict[str, float]:
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown neuron parameter(s) {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    return {**DEFAULTS, **overrides}


def _run(
    current_at: Callable[[int], ArrayLike],
    shape: tuple[int, ...],
    n_steps: int,
    dt: float,
    refractory: float,
    params: dict[str, float],
    record: bool,
) -> tuple[np.ndarray | None, np.ndarray]:
    """Euler-integrate neurons of ``shape``; ``current_at(k)`` is the current during step k.

    The same arithmetic as ``lif_step``, written out so that long runs stay fast. Returns the
    potential trace ``(n_steps + 1, *shape)`` (None unless ``record``) and a boolean array
    ``(n_steps + 1, *shape)`` marking the time indices at which spikes occurred.
    """
    if refractory < 0:
        raise ValueError(f"refractory must be >= 0, got {refractory}")
    hold_steps = int(round(refractory / dt))
    rate = dt / params["tau"]
    v_rest, v_reset = params["v_rest"], params["v_reset"]
    v_threshold, resistance = params["v_threshold"], params["resistance"]
    trace = np.empty((n_steps + 1, *shape)) if record else None
    spikes = np.zeros((n_steps + 1, *shape), dtype=bool)
    if shape == ():  # one neuron: plain Python floats are much faster than 0-d arrays
        v, held = v_rest, 0
        if record:
            trace[0] = v
        for k in range(n_steps):
            if held > 0:
                held, v = held - 1, v_reset
            else:
                v = v + rate * (-(v - v_rest) + resistance * current_at(k))
                if v >= v_threshold:
                    v, held, spikes[k + 1] = v_reset, hold_steps, True
            if record:
                trace[k + 1] = v
        return trace, spikes
    v = np.full(shape, v_rest, dtype=float)
    held = np.zeros(shape, dtype=int)  # steps left in the refractory period
    if record:
        trace[0] = v
    for k in range(n_steps):
        v = v + rate * (-(v - v_rest) + resistance * current_at(k))
        spiked = v >= v_threshold
        if hold_steps:
            frozen = held > 0
            spiked &= ~frozen
            held = np.where(frozen, held - 1, np.where(spiked, hold_steps, 0))
            v[frozen] = v_reset
        v[spiked] = v_reset
        spikes[k + 1] = spiked
        if record:
            trace[k + 1] = v
    return trace, spikes


def simulate_lif(
    current: ArrayLike,
    *,
    t_max: float = 0.2,
    dt: float = 1e-4,
    refractory: float = 0.0,
    **params: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Simulate one LIF neuron from rest (``V(0) = v_rest``) for ``t_max`` seconds.

    ``current`` (amperes) is a constant, or an array sampled on ``time_axis(t_max, dt)``
    (``current[k]`` drives the step from ``t[k]`` to ``t[k + 1]``; the last entry is unused).
    ``params`` overrides any of ``DEFAULTS`` (tau, v_rest, v_threshold, v_reset, resistance).

    Returns ``(t, v, spike_times)``: the time grid ``(n_steps + 1,)`` in s, the membrane
    potential on it ``(n_steps + 1,)`` in V (already reset at spike times), and the times of
    the spikes ``(n_spikes,)`` in s.
    """
    p = _params(params)
    t = time_axis(t_max, dt)
    i_arr = np.asarray(current, dtype=float)
    if i_arr.ndim == 0:
        def current_at(_k: int) -> float:
            return float(i_arr)
    elif i_arr.shape == t.shape:
        def current_at(k: int) -> float:
            return float(i_arr[k])
    else:
        raise ValueError(
            f"current must be a number or an array of shape {t.shape} (one value per time "
            f"point of time_axis(t_max={t_max}, dt={dt})), got shape {i_arr.shape}"
        )
    trace, spikes = _run(current_at, (), len(t) - 1, dt, refractory, p, record=True)
    return t, trace, t[spikes]


def firing_rate(
    current: ArrayLike,
    *,
    t_max: float = 1.0,
    dt: float = 1e-4,
    refractory: float = 0.0,
    **params: float,
) -> np.ndarray | float:
    """Firing rate (Hz) of LIF neurons driven by constant currents, by simulation.

    ``current`` is one constant current or an array of them (amperes, any shape): every entry
    is a separate neuron, all simulated together from rest for ``t_max`` seconds. The rate is
    the number of spikes divided by ``t_max`` (so it is a multiple of ``1 / t_max``).
    Returns a float for a scalar current, else an array of the current's shape.
    """
    p = _params(params)
    i_arr = np.asarray(current, dtype=float)
    n_steps = len(time_axis(t_max, dt)) - 1
    drive = float(i_arr) if i_arr.ndim == 0 else i_arr
    _, spikes = _run(lambda _k: drive, i_arr.shape, n_steps, dt, refractory, p, record=False)
    rate = spikes.sum(axis=0) / t_max
    return float(rate) if i_arr.ndim == 0 else rate


def rheobase(
    *,
    v_rest: float = DEFAULTS["v_rest"],
    v_threshold: float = DEFAULTS["v_threshold"],
    resistance: float = DEFAULTS["resistance"],
) -> float:
    """The smallest constant current (A) that makes the neuron fire: (v_threshold - v_rest) / R.

    With a constant current I the potential settles at v_rest + R I; the neuron fires only if
    that steady state lies above the threshold.
    """
    return (v_threshold - v_rest) / resistance


def analytic_rate(
    current: ArrayLike,
    *,
    refractory: float = 0.0,
    **params: float,
) -> np.ndarray | float:
    """Exact firing rate (Hz) of the continuous-time LIF neuron for constant currents.

    From ``v_reset`` the potential approaches ``v_inf = v_rest + R I`` exponentially and
    reaches the threshold after ``T = tau ln((v_inf - v_reset) / (v_inf - v_threshold))``;
    the rate is ``1 / (refractory + T)`` above the rheobase and 0 at or below it.
    ``current``: a number or an array (A); returns a float or an array of the same shape.
    Assumes ``v_reset < v_threshold``.
    """
    p = _params(params)
    i_arr = np.asarray(current, dtype=float)
    v_inf = p["v_rest"] + p["resistance"] * i_arr
    fires = v_inf > p["v_threshold"]
    safe_inf = np.where(fires, v_inf, p["v_threshold"] + 1.0)  # avoids log of <= 0 below rheobase
    period = p["tau"] * np.log((safe_inf - p["v_reset"]) / (safe_inf - p["v_threshold"]))
    rate = np.where(fires, 1.0 / (refractory + period), 0.0)
    return float(rate) if i_arr.ndim == 0 else rate
