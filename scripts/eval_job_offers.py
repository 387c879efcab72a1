"""The job-offer checker on the held-out corpus (data/eval/job_offers/, written by other people
than the patterns): risk accuracy, per-flag precision and recall, the misses. Writes
reports/job_offers.{md,json}.
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

CORPUS = ROOT / "data" / "eval" / "job_offers"


def corpus() -> list[dict]:
    ads = []
    for path in sorted(CORPUS.glob("*.yml")):
        ads.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return ads


def main() -> int:
    ads = corpus()
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
    (ROOT / "reports" / "job_offers.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    fmt = lambda v: "–" if v is None else f"{v:.0%}"
    lines = [
        "# Job-offer checker on the held-out corpus",
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
    (ROOT / "reports" / "job_offers.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:len(per_flag) + 7]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
