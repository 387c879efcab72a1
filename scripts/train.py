"""Train the Rasa model only when what it is trained from has changed.

The model's name carries a fingerprint of its inputs (config, domain, training data, the custom
NLU component and the Rasa version), so `make run` and `make test` reuse a model that is still
current and retrain exactly when something it depends on changed.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
DATA = ("data/nlu", "data/rules", "data/stories")
INPUTS = (
    "config.yml", "domain.yml",
    "bot/rasa_plugins/exact_answers.py", "bot/rasa_plugins/intent_classifier.py",
    "bot/rasa_plugins/payload_guard.py", "bot/rasa_plugins/conversation_language.py",
    "bot/rasa_plugins/stateless.py",
    "bot/inbound.py", "bot/languages.py", "bot/textnorm.py",
)
KEEP = 2


def inputs() -> list[Path]:
    files = [ROOT / name for name in INPUTS]
    for folder in DATA:
        files.extend(sorted((ROOT / folder).rglob("*.yml")))
    return files


def fingerprint() -> str:
    import rasa

    digest = hashlib.sha256(f"rasa {rasa.__version__}\n".encode())
    for path in inputs():
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONPATH": str(ROOT),
        "PYTHONWARNINGS": "ignore",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "TQDM_DISABLE": "1",
    })
    return env


def train(name: str, out: Path, data: tuple[str, ...] = DATA) -> Path:
    command = [sys.executable, "-m", "rasa", "train", "--data", *data, "--config", "config.yml",
               "--domain", "domain.yml", "--fixed-model-name", name, "--out", str(out)]
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, env=environment(), check=True)
    print(f"trained {name} in {time.monotonic() - started:.0f}s", flush=True)
    return out / f"{name}.tar.gz"


def main() -> int:
    name = f"veivis-{fingerprint()}"
    model = MODELS / f"{name}.tar.gz"
    if model.exists():
        model.touch()  # newest = the one `python -m bot up` loads
        print(f"model is up to date: {model.relative_to(ROOT)}")
        return 0
    print(f"training {name} (config, domain or data changed)...", flush=True)
    train(name, MODELS)
    for old in sorted(MODELS.glob("veivis-*.tar.gz"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
        old.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
