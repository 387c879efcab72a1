"""The real stack for end-to-end tests: `python -m bot up` on free ports, its output in a file."""
from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict

from bot.rendering import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Stack:
    process: subprocess.Popen
    log: Path
    port: int
    rasa_port: int
    actions_port: int
    token: str
    started: float = field(default_factory=time.time)

    @property
    def web(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def rasa(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def pids(self) -> Dict[str, int]:
        """The latest pid of each child, from the supervisor's own lines."""
        found: Dict[str, int] = {}
        for name, pid in re.findall(r"\[veivis\] (\w+): started \(pid (\d+)\)", self.output()):
            found[name] = int(pid)
        return found

    def wait_for(self, pattern: str, timeout: float, after: int = 0) -> bool:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if re.search(pattern, self.output()[after:]):
                return True
            if self.process.poll() is not None:
                return False
            time.sleep(0.5)
        return False

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait()


def start(workdir: Path, ttl_minutes: int = 30, telegram_api_url: str | None = None,
          extra_env: Dict[str, str] | None = None) -> Stack:
    if not list((ROOT / "models").glob("*.tar.gz")):
        raise RuntimeError("no trained model: run `make train` (make test does) before the stack tests")
    port, rasa_port, actions_port = free_port(), free_port(), free_port()
    token = secrets.token_urlsafe(24)
    env = dict(os.environ)
    env.update({
        "PORT": str(port), "RASA_PORT": str(rasa_port), "ACTIONS_PORT": str(actions_port),
        "RASA_TOKEN": token, "CONVERSATION_TTL_MINUTES": str(ttl_minutes), "HOST": "127.0.0.1",
    })
    env.pop("RASA_TELEMETRY_ENABLED", None)  # the supervisor must switch telemetry off by itself
    if telegram_api_url:
        env.update({"TELEGRAM_BOT_TOKEN": "123456:STACK-TEST", "TELEGRAM_API_URL": telegram_api_url})
    env.update(extra_env or {})
    log = workdir / "stack.log"
    handle = log.open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "up"], cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
    )
    stack = Stack(process, log, port, rasa_port, actions_port, token)
    if not stack.wait_for(r"Veivis is ready", timeout=420):
        stack.stop()
        raise RuntimeError("the stack did not start:\n" + stack.output()[-4000:])
    return stack
