"""The supervisor: order, health, restarts, shutdown, and what every child is started with."""
import asyncio
import os
import signal
import sys
from pathlib import Path

import yaml

from bot import config
from bot.supervisor import Child, Supervisor, child_environment, plan, write_endpoints
from bot.rendering import ROOT
from tests.stack import free_port


def test_every_child_runs_with_telemetry_off_and_one_shared_token(settings):
    env = child_environment(settings)
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert env["RASA_TOKEN"] == settings.rasa_token and len(settings.rasa_token) >= 32


def test_debug_logging_never_reaches_rasa_which_would_log_what_people_type(settings):
    from dataclasses import replace

    assert child_environment(replace(settings, log_level="DEBUG"))["LOG_LEVEL"] == "INFO"
    assert child_environment(replace(settings, log_level="WARNING"))["LOG_LEVEL"] == "WARNING"


def test_every_other_launch_path_switches_telemetry_off_too():
    assert "export RASA_TELEMETRY_ENABLED := false" in (ROOT / "Makefile").read_text()
    assert "rasa telemetry disable" in (ROOT / "scripts" / "setup.sh").read_text()
    from scripts.train import environment
    assert environment()["RASA_TELEMETRY_ENABLED"] == "false"


def test_rasa_listens_on_loopback_with_the_token(settings, tmp_path):
    children = {c.name: c for c in plan(settings, Path("model.tar.gz"), tmp_path / "endpoints.yml")}
    argv = children["rasa"].argv
    assert argv[argv.index("-i") + 1] == "127.0.0.1"
    assert argv[argv.index("--auth-token") + 1] == settings.rasa_token
    assert [c.name for c in plan(settings, Path("m"), tmp_path)] == ["actions", "rasa", "gateway"]


def test_the_run_endpoints_follow_the_configured_ports_and_lifetime(monkeypatch, tmp_path):
    monkeypatch.setenv("ACTIONS_PORT", "6123")
    monkeypatch.setenv("CONVERSATION_TTL_MINUTES", "7")
    endpoints = yaml.safe_load(write_endpoints(config.load(), tmp_path).read_text())
    assert endpoints["nlg"]["url"] == "http://127.0.0.1:6123/nlg"
    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:6123/webhook"
    assert endpoints["tracker_store"]["ttl_seconds"] == 420
    assert endpoints["tracker_store"]["type"].endswith("ExpiringInMemoryTrackerStore")


def http_child(name):
    port = free_port()
    return Child(name, [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                 f"http://127.0.0.1:{port}/", ready_timeout=20)


async def test_a_crashed_child_is_restarted_and_everything_stops_together():
    first, second = http_child("first"), http_child("second")
    supervisor = Supervisor([first, second], dict(os.environ))
    running = asyncio.create_task(supervisor.run())
    for _ in range(100):
        if second.process and await supervisor.wait_healthy(second):
            break
        await asyncio.sleep(0.1)
    crashed = first.process.pid
    os.killpg(crashed, signal.SIGKILL)
    for _ in range(100):
        await asyncio.sleep(0.1)
        if first.process.pid != crashed and await supervisor.wait_healthy(first):
            break
    assert first.process.pid != crashed
    supervisor.stopping.set()
    assert await asyncio.wait_for(running, 30) == 0
    assert first.process.returncode is not None and second.process.returncode is not None


async def test_a_child_that_never_becomes_healthy_stops_the_start():
    broken = Child("broken", [sys.executable, "-c", "import time; time.sleep(60)"],
                   f"http://127.0.0.1:{free_port()}/", ready_timeout=2)
    supervisor = Supervisor([broken], dict(os.environ))
    assert await asyncio.wait_for(supervisor.run(), 30) == 1
    assert broken.process.returncode is not None
