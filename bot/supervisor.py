"""`python -m bot up`: start the action server, Rasa and the gateway in that order, wait until
each answers its health check, restart a child that dies, and stop them all together.

Children run in their own process groups, so Ctrl-C reaches only the supervisor, which then
stops them in reverse order (gateway first: nobody is left talking to a half-stopped stack).
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp
import yaml

from bot import config
from bot.rendering import ROOT

logger = logging.getLogger("veivis.supervisor")

STOP_GRACE_SECONDS = 10
# Library import chatter (deprecations, TensorFlow banners) that would bury the progress lines.
_WARNING = re.compile(r"\.py:\d+: \w*Warning\b")
_NOISE = re.compile(
    r"declare_namespace|Implementing implicit namespace|import pkg_resources|LooseVersion"
    r"|xla_computation|setParseAction|parseString|resetCache|fatal: bad revision|cuda|TensorRT"
    r"|cpu_feature_guard|rebuild TensorFlow|^\s*$"
)
MAX_BACKOFF_SECONDS = 30


def child_environment(settings: config.Settings) -> Dict[str, str]:
    """The environment every child gets: telemetry off, one shared token, quiet libraries."""
    env = dict(os.environ)
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "RASA_TOKEN": settings.rasa_token,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
            "PYTHONUNBUFFERED": "1",
            "PYTHONWARNINGS": "ignore",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "TQDM_DISABLE": "1",
            "CONVERSATION_TTL_MINUTES": str(settings.conversation_ttl_seconds // 60),
            # Rasa reads LOG_LEVEL too, and at DEBUG it logs every message a person types:
            # our own debug output may be wanted, Rasa's never.
            "LOG_LEVEL": "INFO" if settings.log_level == "DEBUG" else settings.log_level,
            "LOG_LEVEL_LIBRARIES": "WARNING",
        }
    )
    return env


def write_endpoints(settings: config.Settings, directory: Path) -> Path:
    """endpoints.yml with this run's ports and conversation lifetime."""
    with (ROOT / "endpoints.yml").open(encoding="utf-8") as handle:
        endpoints = yaml.safe_load(handle)
    endpoints["action_endpoint"]["url"] = f"{settings.actions_url}/webhook"
    endpoints["nlg"]["url"] = f"{settings.actions_url}/nlg"
    endpoints["tracker_store"]["ttl_seconds"] = settings.conversation_ttl_seconds
    path = directory / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints), encoding="utf-8")
    return path


def latest_model(models_dir: Path) -> Optional[Path]:
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


@dataclass
class Child:
    name: str
    argv: List[str]
    health_url: str
    ready_timeout: float
    process: Optional[asyncio.subprocess.Process] = None
    restarts: int = 0
    started_at: float = 0.0
    pump: Optional[asyncio.Task] = field(default=None, repr=False)


def plan(settings: config.Settings, model: Path, endpoints: Path) -> List[Child]:
    python = sys.executable
    return [
        Child(
            "actions",
            [python, "-m", "actions.server", "--port", str(settings.actions_port)],
            f"{settings.actions_url}/health",
            ready_timeout=60,
        ),
        Child(
            "rasa",
            [
                python, "-m", "rasa", "run", "--enable-api", "--auth-token", settings.rasa_token,
                "-i", "127.0.0.1", "-p", str(settings.rasa_port), "-m", str(model),
                "--endpoints", str(endpoints), "--credentials", str(ROOT / "credentials.yml"),
            ],
            f"{settings.rasa_url}/status?token={settings.rasa_token}",
            ready_timeout=300,
        ),
        Child(
            "gateway",
            [python, "-m", "bot.gateway"],
            f"http://127.0.0.1:{settings.port}/health",
            ready_timeout=60,
        ),
    ]


class Supervisor:
    def __init__(self, children: List[Child], env: Dict[str, str]) -> None:
        self.children = children
        self.env = env
        self.stopping = asyncio.Event()

    async def start(self, child: Child) -> None:
        child.process = await asyncio.create_subprocess_exec(
            *child.argv,
            cwd=str(ROOT),
            env=self.env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        child.started_at = time.monotonic()
        child.pump = asyncio.create_task(self._pump(child))
        logger.info("%s: started (pid %d)", child.name, child.process.pid)

    async def _pump(self, child: Child) -> None:
        assert child.process and child.process.stdout
        skip_next = False
        async for raw in child.process.stdout:
            line = raw.decode("utf-8", "replace").rstrip()
            if skip_next:  # the source line Python prints under a warning
                skip_next = False
                continue
            if _WARNING.search(line):
                skip_next = True
                continue
            if line and not _NOISE.search(line):
                print(f"[{child.name}] {line}", flush=True)

    async def wait_healthy(self, child: Child) -> bool:
        deadline = time.monotonic() + child.ready_timeout
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline and not self.stopping.is_set():
                if child.process is None or child.process.returncode is not None:
                    return False
                with contextlib.suppress(aiohttp.ClientError, asyncio.TimeoutError):
                    async with session.get(child.health_url, timeout=aiohttp.ClientTimeout(total=2)) as reply:
                        if reply.status == 200:
                            logger.info("%s: ready after %.1fs", child.name, time.monotonic() - child.started_at)
                            return True
                await asyncio.sleep(0.5)
        return False

    async def stop_child(self, child: Child) -> None:
        process = child.process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), STOP_GRACE_SECONDS)
        except asyncio.TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            await process.wait()
        logger.info("%s: stopped", child.name)

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.stopping.set)
        try:
            for child in self.children:
                await self.start(child)
                if not await self.wait_healthy(child):
                    if not self.stopping.is_set():
                        logger.error("%s did not become ready; stopping everything", child.name)
                        return 1
                    return 0
            logger.info("Veivis is ready: %s", self.children[-1].health_url.rsplit("/health", 1)[0])
            await self._watch()
            return 0
        finally:
            self.stopping.set()
            for child in reversed(self.children):
                await self.stop_child(child)

    async def _watch(self) -> None:
        waits = {}
        while not self.stopping.is_set():
            for child in self.children:
                if child.name not in waits or waits[child.name].done():
                    waits[child.name] = asyncio.ensure_future(child.process.wait())
            stop = asyncio.ensure_future(self.stopping.wait())
            done, _ = await asyncio.wait([stop, *waits.values()], return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
            if self.stopping.is_set():
                return
            for child in self.children:
                if child.process.returncode is not None:
                    await self._restart(child)

    async def _restart(self, child: Child) -> None:
        child.restarts += 1
        backoff = min(2 ** (child.restarts - 1), MAX_BACKOFF_SECONDS)
        logger.warning("%s exited with %s; restarting in %ds", child.name, child.process.returncode, backoff)
        try:
            await asyncio.wait_for(self.stopping.wait(), backoff)
            return
        except asyncio.TimeoutError:
            pass
        await self.start(child)
        if await self.wait_healthy(child):
            child.restarts = 0


def up(argv: List[str]) -> int:
    settings = config.load()
    logging.basicConfig(level=logging.INFO, format="[veivis] %(message)s", force=True)
    model = latest_model(ROOT / "models")
    if model is None:
        logger.error("no trained model in models/: run `make train` (or `make run`, which trains)")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="veivis-"))
    try:
        endpoints = write_endpoints(settings, workdir)
        supervisor = Supervisor(plan(settings, model, endpoints), child_environment(settings))
        return asyncio.run(supervisor.run())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
