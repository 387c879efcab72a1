"""How long the screening check is, and where it ends, for the vignettes of
data/eval/screening.yml (the case stories of chapter 2 and three more), into reports/screening.md."""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.screening_plan import simulate  # noqa: E402
from actions.triage import triage  # noqa: E402


def main() -> int:
    vignettes = yaml.safe_load((ROOT / "data" / "eval" / "screening.yml").read_text(encoding="utf-8"))["vignettes"]
    rows, clear_counts, right = [], [], 0
    for v in vignettes:
        asked, answers = simulate(v["answered_yes"], v["work"])
        result = triage(answers)
        ok = result.level == v["level"] and result.forms == set(v["forms"])
        right += ok
        if v["clear"]:
            clear_counts.append(len(asked))
        rows.append(f"| {v['name']} | {len(asked)} | {result.level} | {', '.join(sorted(result.forms)) or '-'} "
                    f"| {'yes' if ok else 'NO: expected ' + v['level']} |")
    lines = [
        "# Screening check: questions asked per vignette", "",
        "Each person answers yes to the vignette's questions and no to the others (scripts/eval_screening.py).", "",
        "| vignette | questions | level | forms | as expected |", "|---|---|---|---|---|", *rows, "",
        f"- outcome as expected: {right} of {len(vignettes)}",
        f"- clear cases: {sum(clear_counts) / len(clear_counts):.1f} questions on average (the issue asks for at most 12)",
    ]
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "screening.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if right == len(vignettes) else 1


if __name__ == "__main__":
    sys.exit(main())
