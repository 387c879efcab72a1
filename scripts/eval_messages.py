"""The deployed NLU model on messages it has never seen (data/eval/messages/).

Those files were written by other people than the training data, without reading it, and are
never trained on; the split in eval_nlu.py shares its writers with the training data and so
flatters the model. Parses with the model `make train` built (the one `make run` serves), with
the conversation language as metadata, and writes reports/messages_eval.{md,json}.
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bot.languages import SUPPORTED  # noqa: E402
from bot.nlu_data import examples  # noqa: E402
from bot.textnorm import normalise  # noqa: E402
from eval_nlu import parse_all, summarise, worst_confusions  # noqa: E402
from train import MODELS, environment, fingerprint  # noqa: E402

CORPUS = ROOT / "data" / "eval" / "messages"
REPORTS = ROOT / "reports"


def corpus() -> list[tuple[str, str, str]]:
    rows = []
    for path in sorted(CORPUS.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows.extend((data["language"], m["intent"], str(m["text"])) for m in data["messages"])
    return rows


def main() -> int:
    model = MODELS / f"veivis-{fingerprint()}.tar.gz"
    if not model.exists():
        print(f"no model for the current data at {model}: run `make train` first", file=sys.stderr)
        return 1
    for key, value in environment().items():
        if key.isupper():
            os.environ.setdefault(key, value)
    messages = corpus()
    predictions = asyncio.run(parse_all(model, messages, with_language=True))
    result = summarise(messages, predictions)
    result["messages"] = len(messages)
    # Short answers ("yes", "stop") are naturally in the training data too; the messages that
    # are not show how the model does on wording it has never seen.
    trained = {normalise(text) for code in SUPPORTED for _, _, text in examples(code)}
    novel = [k for k, (_, _, text) in enumerate(messages) if normalise(text) not in trained]
    result["novel_messages"] = len(novel)
    result["novel_accuracy"] = sum(messages[k][1] == predictions[k] for k in novel) / len(novel)
    result["worst_confusions"] = worst_confusions(messages, predictions)
    missed = [f"{c}: {t} -> {p}" for (c, i, t), p in zip(messages, predictions) if i == "emergency" and p != "emergency"]
    result["emergencies_missed"] = missed
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "messages_eval.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    lines = [
        "# NLU on unseen messages (data/eval/messages, never trained on)",
        "",
        f"{len(messages)} messages in {len(result['per_language'])} languages, model {model.name}.",
        "",
        "| language | accuracy | macro-F1 | messages |",
        "|---|---|---|---|",
    ] + [f"| {c} | {v['accuracy']:.1%} | {v['macro_f1']:.3f} | {v['n']} |" for c, v in result["per_language"].items()] + [
        f"| **all** | **{result['accuracy']:.1%}** | **{result['macro_f1']:.3f}** | {len(messages)} |",
        "",
        f"- on the {len(novel)} messages not word for word in data/nlu: {result['novel_accuracy']:.1%}",
        f"- emergency recall {result['emergency_recall']:.1%}, precision {result['emergency_precision']:.1%}",
        f"- fallback (not understood) rate {result['fallback_rate']:.1%}",
        "",
        "Emergencies not recognised as such:",
        "",
    ] + [f"- {m}" for m in missed] + ["", "Worst confusions (intent -> predicted, count, examples):", ""] + [
        f"- {c['intent']} -> {c['predicted']}: {c['count']} ({'; '.join(c['examples'])})"
        for c in result["worst_confusions"]
    ]
    (REPORTS / "messages_eval.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[: len(result["per_language"]) + 10]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
