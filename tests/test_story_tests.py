"""Rasa's own conversation tests (tests/test_stories.yml) against the trained model."""
import json
import subprocess
import sys

import pytest

from bot.rendering import ROOT
from scripts.train import environment

pytestmark = pytest.mark.stack


def test_the_core_conversations_hold_in_six_languages(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "rasa", "test", "core", "--stories", "tests/test_stories.yml",
         "--model", "models/", "--fail-on-prediction-errors", "--out", str(tmp_path)],
        cwd=ROOT, env=environment(), capture_output=True, text=True, timeout=600,
    )
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert "None of the test stories failed" in failed, failed
    report = json.loads((tmp_path / "story_report.json").read_text())
    assert report["conversation_accuracy"]["correct"] == report["conversation_accuracy"]["total"] == 6
    assert result.returncode == 0, result.stdout[-2000:]
