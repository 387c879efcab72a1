"""Simulated people chatting at once, through the web chat and straight to Rasa, in one run.

Starts the real stack on free ports, then for 10 and 50 concurrent people runs the same scripted
conversations (short messages in all sixteen languages, and button presses) through the gateway's
websocket and through Rasa's REST channel. Prints p50/p95/p99 turn latency, turns per second,
errors, and each process's peak memory; writes reports/bench.{md,json}.
"""
from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.languages import SUPPORTED  # noqa: E402
from tests.stack import start  # noqa: E402
from tests.telegram_double import ThreadedDouble  # noqa: E402

TURNS = 8
LEVELS = (10, 50)
BUTTONS = ("/show_menu", "/know_rights", "/check_job_offer", "/request_human")


def scripts(seed: int) -> list[tuple[str, list[str]]]:
    rng = random.Random(seed)
    lines = {c: (ROOT / "data/eval/language" / f"{c}.txt").read_text(encoding="utf-8").split("\n") for c in SUPPORTED}
    people = []
    for person in range(max(LEVELS)):
        code = SUPPORTED[person % len(SUPPORTED)]
        turns = [rng.choice(lines[code]) if i % 3 else rng.choice(BUTTONS) for i in range(TURNS)]
        people.append((code, turns))
    return people


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def web_person(url: str, code: str, turns: list[str], latencies: list, errors: list) -> None:
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(f"{url}/ws?lang={code}") as socket:
                await socket.receive_json(timeout=30)  # greeting
                for text in turns:
                    frame = {"type": "button", "payload": text} if text.startswith("/") else {"type": "text", "text": text}
                    started = time.perf_counter()
                    await socket.send_json(frame)
                    while True:
                        reply = await socket.receive_json(timeout=60)
                        if reply["type"] == "message":
                            break
                    latencies.append(time.perf_counter() - started)
                    while True:  # the rest of this turn's messages
                        try:
                            await socket.receive_json(timeout=0.05)
                        except asyncio.TimeoutError:
                            break
        except Exception as error:  # counted, and the run goes on
            errors.append(type(error).__name__)


async def rest_person(url: str, code: str, turns: list[str], latencies: list, errors: list) -> None:
    sender = uuid.uuid4().hex
    async with aiohttp.ClientSession() as session:
        for text in turns:
            body = {"sender": sender, "message": text, "metadata": {"language": code, "channel": "bench"}}
            started = time.perf_counter()
            try:
                async with session.post(f"{url}/webhooks/rest/webhook", json=body, timeout=aiohttp.ClientTimeout(total=60)) as reply:
                    await reply.read()
                    if reply.status != 200:
                        errors.append(str(reply.status))
                        continue
            except Exception as error:
                errors.append(type(error).__name__)
                continue
            latencies.append(time.perf_counter() - started)


async def level(stack, people: int, channel: str) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    person = web_person if channel == "web chat" else rest_person
    url = stack.web if channel == "web chat" else stack.rasa
    started = time.perf_counter()
    await asyncio.gather(*(person(url, code, turns, latencies, errors) for code, turns in scripts(people)[:people]))
    elapsed = time.perf_counter() - started
    return {
        "channel": channel, "people": people, "turns": len(latencies), "errors": len(errors),
        "p50_ms": 1000 * percentile(latencies, 0.50) if latencies else None,
        "p95_ms": 1000 * percentile(latencies, 0.95) if latencies else None,
        "p99_ms": 1000 * percentile(latencies, 0.99) if latencies else None,
        "mean_ms": 1000 * statistics.fmean(latencies) if latencies else None,
        "turns_per_second": len(latencies) / elapsed,
    }


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def run(stack) -> list[dict]:
    results = []
    for people in LEVELS:
        for channel in ("rest", "web chat"):
            results.append(await level(stack, people, channel))
    return results


TELEGRAM_TURNS = 40


def telegram_latency(stack, telegram: ThreadedDouble) -> dict:
    """One message at a time: Telegram (poll, gateway, Rasa, send) against Rasa's REST channel."""
    import urllib.request

    texts = [line for code in SUPPORTED for line in (ROOT / "data/eval/language" / f"{code}.txt")
             .read_text(encoding="utf-8").split("\n")[:3]][:TELEGRAM_TURNS]
    via_telegram, via_rest = [], []
    for n, text in enumerate(texts):
        chat = 800000000 + n
        before = len(telegram.double.sent(chat))
        started = time.perf_counter()
        telegram.push_message(chat, text, language=SUPPORTED[n % len(SUPPORTED)])
        while len(telegram.double.sent(chat)) == before:
            time.sleep(0.002)
        via_telegram.append(time.perf_counter() - started)
        body = json.dumps({"sender": uuid.uuid4().hex, "message": text,
                           "metadata": {"language": SUPPORTED[n % len(SUPPORTED)], "channel": "bench"}}).encode()
        started = time.perf_counter()
        request = urllib.request.Request(f"{stack.rasa}/webhooks/rest/webhook", data=body,
                                         headers={"Content-Type": "application/json"})
        urllib.request.urlopen(request, timeout=60).read()
        via_rest.append(time.perf_counter() - started)
    p50 = lambda values: 1000 * statistics.median(values)
    return {"turns": len(texts), "telegram_p50_ms": p50(via_telegram), "rest_p50_ms": p50(via_rest),
            "added_p50_ms": p50(via_telegram) - p50(via_rest)}


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="veivis-bench-"))
    telegram = ThreadedDouble().start()
    stack = start(workdir, telegram_api_url=telegram.url)
    try:
        results = asyncio.run(run(stack))
        telegram_result = telegram_latency(stack, telegram)
        memory = {name: round(peak_memory_mb(pid), 1) for name, pid in stack.pids().items()}
    finally:
        stack.stop()
        telegram.stop()
    overhead = {
        people: next(r["p50_ms"] for r in results if r["people"] == people and r["channel"] == "web chat")
        - next(r["p50_ms"] for r in results if r["people"] == people and r["channel"] == "rest")
        for people in LEVELS
    }
    report = {"results": results, "peak_memory_mb": memory, "gateway_overhead_p50_ms": overhead,
              "turns_per_person": TURNS, "telegram": telegram_result}
    lines = [
        "# Benchmark: simulated people chatting at once",
        "",
        f"Each person sends {TURNS} turns (short messages in the 16 languages, and button presses) with no pause.",
        "",
        "| channel | people | turns | errors | p50 ms | p95 ms | p99 ms | turns/s |",
        "|---|---|---|---|---|---|---|---|",
    ] + [
        f"| {r['channel']} | {r['people']} | {r['turns']} | {r['errors']} | {r['p50_ms']:.0f} | "
        f"{r['p95_ms']:.0f} | {r['p99_ms']:.0f} | {r['turns_per_second']:.1f} |"
        for r in results
    ] + [
        "",
        "Gateway overhead over bare Rasa (p50): " + ", ".join(f"{p} people {v:+.0f} ms" for p, v in overhead.items()),
        "",
        "Peak resident memory per process: " + ", ".join(f"{k} {v:.0f} MB" for k, v in memory.items()),
        "",
        f"Telegram path, one message at a time ({telegram_result['turns']} turns, Bot API double on loopback): "
        f"p50 {telegram_result['telegram_p50_ms']:.0f} ms against {telegram_result['rest_p50_ms']:.0f} ms straight "
        f"to Rasa's REST channel: {telegram_result['added_p50_ms']:+.0f} ms per message.",
    ]
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "bench.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    (ROOT / "reports" / "bench.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
