"""Intent accuracy per language on a held-out split of data/nlu.

Splits every (language, intent) 80/20 with a fixed seed, trains the NLU pipeline of config.yml
on the 80, parses the 20 with the conversation language as message metadata (as the gateway
sends it), and writes per-language accuracy, macro-F1, emergency recall and the worst confusions
to reports/nlu_eval.{md,json}.
"""
from __future__ import annotations

import asyncio
import json
import logging
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bot.languages import SUPPORTED  # noqa: E402
from bot.nlu_data import examples  # noqa: E402
from train import environment, train  # noqa: E402

REPORTS = ROOT / "reports"
SEED = 1
TEST_SHARE = 0.2


def load_examples() -> list[tuple[str, str, str]]:
    """(language, intent, text) for every training example."""
    return [tuple(example) for code in SUPPORTED for example in examples(code)]


def split(examples):
    groups = defaultdict(list)
    for example in examples:
        groups[example[:2]].append(example)
    rng = random.Random(SEED)
    train_part, test_part = [], []
    for key in sorted(groups):
        items = groups[key][:]
        rng.shuffle(items)
        cut = max(1, round(len(items) * TEST_SHARE))
        test_part += items[:cut]
        train_part += items[cut:]
    return train_part, test_part


def write_nlu(examples, path: Path) -> None:
    blocks = defaultdict(list)
    for code, intent, text in examples:
        blocks[(code, intent)].append(text)
    nlu = [
        {"intent": intent, "metadata": {"language": code},
         "examples": "".join(f"- {text}\n" for text in texts)}
        for (code, intent), texts in blocks.items()
    ]
    path.write_text(yaml.safe_dump({"version": "3.1", "nlu": nlu}, allow_unicode=True, sort_keys=False), encoding="utf-8")


async def parse_all(model: Path, examples, with_language: bool):
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa's debug log would print every test message
    agent = Agent.load(str(model))
    predictions = []
    for code, _, text in examples:
        metadata = {"language": code} if with_language else {}
        parsed = await agent.processor.parse_message(UserMessage(text, metadata=metadata))
        predictions.append(parsed["intent"]["name"])
    return predictions


def summarise(examples, predictions):
    from sklearn.metrics import f1_score

    per = {}
    for code in SUPPORTED:
        rows = [(i, p) for (c, i, _), p in zip(examples, predictions) if c == code]
        if not rows:
            continue
        truth, guess = [i for i, _ in rows], [p for _, p in rows]
        per[code] = {
            "accuracy": sum(t == g for t, g in rows) / len(rows),
            "macro_f1": f1_score(truth, guess, average="macro", labels=sorted(set(truth))),
            "n": len(rows),
        }
    truth = [i for _, i, _ in examples]
    emergencies = [p for (_, i, _), p in zip(examples, predictions) if i == "emergency"]
    flagged = [i for (_, i, _), p in zip(examples, predictions) if p == "emergency"]
    return {
        "accuracy": sum(t == p for t, p in zip(truth, predictions)) / len(truth),
        "macro_f1": f1_score(truth, predictions, average="macro", labels=sorted(set(truth))),
        "emergency_recall": emergencies.count("emergency") / len(emergencies),
        "emergency_precision": flagged.count("emergency") / len(flagged) if flagged else 0.0,
        "fallback_rate": predictions.count("nlu_fallback") / len(predictions),
        "per_language": per,
    }


def worst_confusions(examples, predictions, top: int = 15) -> list[dict]:
    """The commonest (intent, predicted) mistakes, each with up to three examples."""
    confusions = Counter((i, p) for (_, i, _), p in zip(examples, predictions) if i != p)
    samples = defaultdict(list)
    for (code, i, text), p in zip(examples, predictions):
        if i != p and len(samples[(i, p)]) < 3:
            samples[(i, p)].append(f"{code}: {text}")
    return [{"intent": i, "predicted": p, "count": n, "examples": samples[(i, p)]}
            for (i, p), n in confusions.most_common(top)]


def main() -> int:
    examples = load_examples()
    train_part, test_part = split(examples)
    workdir = Path(tempfile.mkdtemp(prefix="veivis-eval-"))
    try:
        write_nlu(train_part, workdir / "train.yml")
        started = time.monotonic()
        # A whole model (the payload guard reads the domain), trained on the split's NLU part.
        model = train("eval", workdir / "models", data=(str(workdir / "train.yml"), "data/rules", "data/stories"))
        training_seconds = time.monotonic() - started
        env = environment()
        for key, value in env.items():
            if key.isupper():
                import os
                os.environ.setdefault(key, value)
        with_language = asyncio.run(parse_all(model, test_part, with_language=True))
        without_language = asyncio.run(parse_all(model, test_part, with_language=False))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    result = summarise(test_part, with_language)
    result["accuracy_without_language_metadata"] = summarise(test_part, without_language)["accuracy"]
    result["training_seconds"] = round(training_seconds, 1)
    result["train_examples"], result["test_examples"] = len(train_part), len(test_part)
    result["worst_confusions"] = worst_confusions(test_part, with_language)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "nlu_eval.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [
        "# NLU: intent classification per language",
        "",
        f"Trained on {len(train_part)} examples, tested on {len(test_part)} held out "
        f"(20% of every language and intent, seed {SEED}); training took {training_seconds:.0f}s.",
        "",
        "| language | accuracy | macro-F1 | test examples |",
        "|---|---|---|---|",
    ] + [
        f"| {c} | {v['accuracy']:.1%} | {v['macro_f1']:.3f} | {v['n']} |"
        for c, v in result["per_language"].items()
    ] + [
        f"| **all** | **{result['accuracy']:.1%}** | **{result['macro_f1']:.3f}** | {len(test_part)} |",
        "",
        f"- emergency recall {result['emergency_recall']:.1%}, precision {result['emergency_precision']:.1%}",
        f"- fallback (not understood) rate {result['fallback_rate']:.1%}",
        f"- accuracy without the language metadata: {result['accuracy_without_language_metadata']:.1%}",
        "",
        "Worst confusions (intent -> predicted, count, examples):",
        "",
    ] + [
        f"- {c['intent']} -> {c['predicted']}: {c['count']} ({'; '.join(c['examples'])})"
        for c in result["worst_confusions"]
    ]
    (REPORTS / "nlu_eval.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
