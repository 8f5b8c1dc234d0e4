"""The simulator draws a task's pictures shortly before its end when asked to (kie/simulator/preparing.py), so a
download just after the end serves a picture already drawn; without a preparer, pictures are drawn when asked for."""

from __future__ import annotations

import time

import requests

import kie.simulator.files as files
from kie.simulator import Simulator, SimulatorServer
from kie.simulator.preparing import LEAD


def _new_task(url: str, prompt: str) -> str:
    answer = requests.post(f"{url}/api/v1/gpt4o-image/generate", headers={"Authorization": "Bearer k"},
                           json={"prompt": prompt, "size": "1:1"}, timeout=10).json()
    return answer["data"]["taskId"]


def _counting_draws(monkeypatch) -> list[str]:
    drawn: list[str] = []
    real = files.render_result

    def counted(params, index, upload_for):
        drawn.append(params["prompt"])
        return real(params, index, upload_for)

    monkeypatch.setattr(files, "render_result", counted)
    return drawn


def test_pictures_are_drawn_before_the_end_and_a_download_draws_nothing_more(monkeypatch):
    drawn = _counting_draws(monkeypatch)
    sim = Simulator(["k"], task_seconds=LEAD + 1.5, null_seconds=0.0)
    server = SimulatorServer(sim, prepare_results=True).start()
    try:
        task_id = _new_task(server.url, "a lighthouse at dusk")
        end = sim.end_time(sim.state.tasks[task_id])
        deadline = time.time() + 30
        while not drawn and time.time() < deadline:
            time.sleep(0.02)
        assert drawn == ["a lighthouse at dusk"]
        assert sim.clock() < end, "drawn after the end, not before it"
        while sim.clock() < end:
            time.sleep(0.05)
        picture = requests.get(f"{server.url}/files/results/{task_id}/0.png", timeout=10)
        assert picture.status_code == 200 and picture.content[:8] == b"\x89PNG\r\n\x1a\n"
        assert drawn == ["a lighthouse at dusk"]  # served from what was prepared
    finally:
        server.stop()


def test_without_a_preparer_nothing_is_drawn_until_asked_for(monkeypatch):
    drawn = _counting_draws(monkeypatch)
    sim = Simulator(["k"], task_seconds=0.3, null_seconds=0.0)
    server = SimulatorServer(sim).start()
    try:
        task_id = _new_task(server.url, "a red kite")
        time.sleep(0.6)
        assert drawn == []
        assert requests.get(f"{server.url}/files/results/{task_id}/0.png", timeout=10).status_code == 200
        assert drawn == ["a red kite"]
    finally:
        server.stop()


def test_a_task_that_fails_is_not_drawn():
    sim = Simulator(["k"], task_seconds=0.2, null_seconds=0.0)
    server = SimulatorServer(sim, prepare_results=True).start()
    try:
        failing = _new_task(server.url, "[fail:500] a storm")
        ending = _new_task(server.url, "a calm sea")
        deadline = time.time() + 30
        while (ending, 0) not in sim._image_cache and time.time() < deadline:
            time.sleep(0.02)
        assert (ending, 0) in sim._image_cache  # the preparer ran
        assert not any(key[0] == failing for key in sim._image_cache)
        assert not sim._to_prepare
    finally:
        server.stop()
