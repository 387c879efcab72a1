"""How well `detect_language` reads short messages, against plain seeded langdetect.

Data: data/eval/language/<code>.txt, one message of 1 to 8 words per line, written for this
purpose (not NLU training data). Prints a table and writes reports/language_detection.{md,json}.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import language as detection  # noqa: E402
from bot.languages import SUPPORTED, close_relatives  # noqa: E402

DATA = ROOT / "data" / "eval" / "language"
REPORTS = ROOT / "reports"


def samples() -> list[tuple[str, str]]:
    found = []
    for code in SUPPORTED:
        for line in (DATA / f"{code}.txt").read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append((code, line.strip()))
    return found


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def accuracy(pairs, predict) -> tuple[float, dict[str, float], list]:
    per = defaultdict(list)
    misses = []
    for code, text in pairs:
        guess = predict(text)
        per[code].append(guess == code)
        if guess != code:
            misses.append((code, guess, text))
    overall = sum(sum(v) for v in per.values()) / sum(len(v) for v in per.values())
    return overall, {c: sum(v) / len(v) for c, v in per.items()}, misses


def main() -> int:
    pairs = samples()
    before = rss_mb()
    detection._lingua_detector()  # built with every language's models preloaded
    lingua_mb = rss_mb() - before

    plain = accuracy(pairs, detection.plain_langdetect)
    ours = accuracy(pairs, detection.detect_language)
    lingua = detection._lingua_detector
    detection._lingua_detector = lambda: None  # the same rules with langdetect as the statistical step
    without_lingua = accuracy(pairs, detection.detect_language)
    detection._lingua_detector = lingua

    # With a hint: the hint must survive unclear text, and clear text must win over a wrong hint.
    kept = [detection.detect_language(text, hint=code) == code for code, text in pairs]
    overridden, close_asked = [], []
    for code, text in pairs:
        for hint in SUPPORTED:
            if hint != code:
                overridden.append(detection.detect_language(text, hint=hint) == code)
        for relative in close_relatives(code):
            state = detection.LanguageState(relative)
            close_asked.append(detection.follow(state, text).offer == (relative, code))

    started = time.perf_counter()
    for _, text in pairs:
        detection.detect_language(text)
    per_call_ms = (time.perf_counter() - started) * 1000 / len(pairs)

    report = {
        "messages": len(pairs),
        "plain_langdetect": {"accuracy": plain[0], "per_language": plain[1]},
        "detect_language": {"accuracy": ours[0], "per_language": ours[1]},
        "detect_language_without_lingua": {"accuracy": without_lingua[0], "per_language": without_lingua[1]},
        "correct_hint_kept": sum(kept) / len(kept),
        "wrong_hint_overridden_by_text": sum(overridden) / len(overridden),
        "close_language_offer_rate": sum(close_asked) / len(close_asked) if close_asked else None,
        "lingua_memory_mb": round(lingua_mb, 1),
        "ms_per_call": round(per_call_ms, 3),
        "misses": [{"language": c, "guess": g, "text": t} for c, g, t in ours[2]],
    }
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "language_detection.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [
        "# Language detection on short messages",
        "",
        f"{len(pairs)} messages of 1 to 8 words, {len(pairs) // len(SUPPORTED)} per language (data/eval/language/).",
        "",
        "| language | plain langdetect | detect_language | without lingua |",
        "|---|---|---|---|",
    ]
    for code in SUPPORTED:
        lines.append(
            f"| {code} | {plain[1][code]:.0%} | {ours[1][code]:.0%} | {without_lingua[1][code]:.0%} |"
        )
    lines += [
        f"| **all** | **{plain[0]:.1%}** | **{ours[0]:.1%}** | **{without_lingua[0]:.1%}** |",
        "",
        f"- correct hint kept: {report['correct_hint_kept']:.1%}",
        f"- wrong hint overridden by clear text: {report['wrong_hint_overridden_by_text']:.1%}",
        f"- close language (nb/da/sv, ru/uk/bg) offered instead of switched: {report['close_language_offer_rate']:.1%}",
        f"- lingua detector memory: {lingua_mb:.0f} MB; {per_call_ms:.2f} ms per call",
        "",
        "Misses of detect_language (language, guess, text):",
        "",
    ] + [f"- {c} -> {g}: {t}" for c, g, t in ours[2]]
    (REPORTS / "language_detection.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:len(SUPPORTED) + 13]))
    print(f"misses: {len(ours[2])}; full list in reports/language_detection.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
