"""The benchmarks still run (no timings are asserted here: those are written down in bench/RESULTS.md)."""

from __future__ import annotations

from bench import images, polling
from kie.polling import DEFAULT_POLICY


def test_polling_rig_measures_a_task():
    rig = polling.Rig()
    try:
        lag, requests = polling.one_run(rig, DEFAULT_POLICY, 30.0, uneven=False)
        shared_lag, shared = polling.one_run(rig, DEFAULT_POLICY, 30.0, uneven=False, viewers=3, workspace="tabs")
    finally:
        rig.close()
    assert 0 <= lag < 5 and 1 <= requests <= 4
    assert shared == requests  # three viewers, one stream of requests


def test_mask_alternatives_agree_on_size():
    png = images.canvas_png((300, 200))
    from io import BytesIO

    from PIL import Image

    assert Image.open(BytesIO(images.ours(images.drawing((300, 200)), (300, 200)))).size == (300, 200)
    assert Image.open(BytesIO(images.naive(png, (300, 200)))).size == (300, 200)
