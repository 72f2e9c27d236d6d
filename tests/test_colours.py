"""The map's colour classes stay apart for colour-blind readers: lightness-ordered, checked under protanopia.

Protanopia (no long-wavelength cones, about 1% of men) is simulated with the matrix of Machado,
Oliveira and Fernandes (2009, severity 1.0), applied to linear RGB; contrast is the WCAG ratio
of relative luminances, (L1 + 0.05) / (L2 + 0.05).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from uhc.output import charts, maps

PROTANOPIA = np.array(
    [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ]
)
# Neighbouring classes differ at least this much in luminance under protanopia (WCAG's ratio for
# large graphical objects is 3:1 against their background; 2:1 between two adjacent fills keeps
# them apart at a glance, where the old red/green pair fell to 1,65:1).
MIN_NEIGHBOUR_RATIO = 2.0


def linear(colour: str) -> np.ndarray:
    srgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def luminance(rgb_linear: np.ndarray) -> float:
    return float(np.clip(rgb_linear, 0, 1) @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a: float, b: float) -> float:
    low, high = sorted((a, b))
    return (high + 0.05) / (low + 0.05)


def test_the_simulation_is_the_published_one():
    # white stays white (each row sums to 1) and pure red loses most of its light: 0,152 / 0,115 / ~0
    assert PROTANOPIA.sum(axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    assert PROTANOPIA @ linear("#ff0000") == pytest.approx([0.152286, 0.114503, -0.003882])


def test_the_old_red_and_green_were_too_close_for_a_protanope():
    # the colours the classes had before (#c0392b below 95%, #1e8449 at the target): 1,65:1
    old = [luminance(PROTANOPIA @ linear(c)) for c in ("#c0392b", "#1e8449")]
    assert contrast(*old) < MIN_NEIGHBOUR_RATIO


@pytest.mark.parametrize(
    ("palette", "min_ratio"),
    [
        pytest.param(
            [charts.COLOUR_BELOW_95, charts.COLOUR_95_TO_98, charts.COLOUR_TARGET_MET], MIN_NEIGHBOUR_RATIO, id="policy"
        ),
        # four classes of one blue (other measures' quartiles): closer steps, still apart
        pytest.param(list(maps.QUANTILE_COLOURS), 1.5, id="quantiles"),
    ],
)
def test_classes_are_lightness_ordered_and_apart_under_protanopia(palette, min_ratio):
    seen = [luminance(linear(c)) for c in palette]
    simulated = [luminance(PROTANOPIA @ linear(c)) for c in palette]

    # ordered by lightness, for normal and protanope sight alike (one direction, no two equal)
    assert all(np.diff(seen) > 0) or all(np.diff(seen) < 0)
    assert all(np.diff(simulated) > 0) or all(np.diff(simulated) < 0)
    for a, b in itertools.pairwise(simulated):
        assert contrast(a, b) >= min_ratio
