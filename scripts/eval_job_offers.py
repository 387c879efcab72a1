"""The job-offer checker on two corpora, each written by other people than the patterns.

data/eval/job_offers/ has been read while the patterns were improved, so its figures flatter the
checker; data/eval/job_offers_unseen/ was written later and is never read for tuning. For each:
risk accuracy, per-flag precision and recall and the misses, into reports/<corpus>.{md,json}.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.job_offers import FLAGS, check_job_offer  # noqa: E402

CORPORA = {
    "job_offers": "Job-offer checker on the corpus read while tuning",
    "job_offers_unseen": "Job-offer checker on unseen ads (never read for tuning)",
}


def corpus(name: str) -> list[dict]:
    ads = []
    for path in sorted((ROOT / "data" / "eval" / name).glob("*.yml")):
        ads.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return ads


def evaluate(name: str, title: str) -> None:
    ads = corpus(name)
    if not ads:
        print(f"# {title}\n\nno ads in data/eval/{name}/\n")
        return
    counts = {flag: Counter() for flag in FLAGS}
    right_risk, rows = 0, []
    for ad in ads:
        report = check_job_offer(ad["text"], ad.get("language"))
        expected = set(ad.get("expected_flags") or [])
        right_risk += report.risk == ad["expected_risk"]
        for flag in FLAGS:
            predicted, wanted = flag in report.flags, flag in expected
            counts[flag]["tp" if predicted and wanted else "fp" if predicted else "fn" if wanted else "tn"] += 1
        rows.append({"id": ad["id"], "expected_risk": ad["expected_risk"], "risk": report.risk,
                     "missed": sorted(expected - report.flags), "extra": sorted(report.flags - expected)})
    per_flag = {}
    for flag, c in sorted(counts.items()):
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
        per_flag[flag] = {"precision": precision, "recall": recall, "support": c["tp"] + c["fn"]}
    high = [r for r in rows if r["expected_risk"] == "high"]
    result = {
        "ads": len(ads),
        "risk_accuracy": right_risk / len(ads),
        "high_risk_recall": sum(r["risk"] == "high" for r in high) / len(high) if high else None,
        "per_flag": per_flag,
        "ads_detail": rows,
    }
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / f"{name}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    fmt = lambda v: "–" if v is None else f"{v:.0%}"
    lines = [
        f"# {title}",
        "",
        f"{len(ads)} ads in {len({a['language'] for a in ads})} languages. Risk right for "
        f"{right_risk} ({result['risk_accuracy']:.0%}); high-risk ads found as high: {fmt(result['high_risk_recall'])}.",
        "",
        "| flag | precision | recall | ads with it |",
        "|---|---|---|---|",
    ] + [f"| {f} | {fmt(v['precision'])} | {fmt(v['recall'])} | {v['support']} |" for f, v in per_flag.items()] + [
        "",
        "Differences (id: expected -> got; missed flags; extra flags):",
        "",
    ] + [
        f"- {r['id']}: {r['expected_risk']} -> {r['risk']}; missed {r['missed']}; extra {r['extra']}"
        for r in rows if r["missed"] or r["extra"] or r["risk"] != r["expected_risk"]
    ]
    (ROOT / "reports" / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:len(per_flag) + 7]) + "\n")


def main(names: list[str]) -> int:
    for name in names or CORPORA:
        evaluate(name, CORPORA[name])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
