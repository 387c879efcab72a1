"""Keep the gettext catalogs in step with the code: `python scripts/catalogs.py update|check`.

update: pybabel extract + update, then writes each key's English text as a `#. en:` comment in
        every other catalog, so a translator sees what to translate next to the key.
check:  lists keys that are missing, fuzzy, or use other {variables} than English; exit 1 if any.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.i18n import LOCALES_DIR, po_path, read_catalog  # noqa: E402
from bot.languages import DEFAULT, SUPPORTED  # noqa: E402
from bot.rendering import placeholders  # noqa: E402

POT = LOCALES_DIR / "messages.pot"
WIDTH = 100


def _pybabel(*args: str) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), *args], cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT)})


def update() -> None:
    _pybabel("extract", "-F", "babel.cfg", "-k", "N_", "--no-location", "--sort-output",
             "--project", "Veivis", "--copyright-holder", "Veivis", "-w", str(WIDTH),
             "-o", str(POT), ".")
    for code in SUPPORTED:
        if not po_path(code).exists():
            _pybabel("init", "-i", str(POT), "-d", str(LOCALES_DIR), "-l", code, "-w", str(WIDTH))
    _pybabel("update", "-i", str(POT), "-d", str(LOCALES_DIR), "-w", str(WIDTH),
             "--no-fuzzy-matching", "--ignore-obsolete")
    english = {m.id: m.string for m in read_catalog(DEFAULT) if m.id}
    for code in SUPPORTED:
        if code == DEFAULT:
            continue
        catalog = read_catalog(code)
        for message in catalog:
            if message.id and message.id in english:
                source = english[message.id]
                text = " | ".join(source) if isinstance(source, tuple) else source
                message.auto_comments = [f"en: {line}" for line in text.splitlines()]
        with po_path(code).open("wb") as handle:
            write_po(handle, catalog, width=WIDTH, no_location=True)


def problems() -> list[str]:
    english = {m.id: m.string for m in read_catalog(DEFAULT) if m.id}
    found: list[str] = []
    for code in SUPPORTED:
        catalog = read_catalog(code)
        keys = {m.id for m in catalog if m.id}
        for key in sorted(set(english) - keys):
            found.append(f"{code}: {key!r} is missing")
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                found.append(f"{code}: {message.id!r} is fuzzy")
            if not all(s and s.strip() for s in strings):
                found.append(f"{code}: {message.id!r} is not translated")
                continue
            source = english.get(message.id)
            if source is None:
                continue
            sources = source if isinstance(source, tuple) else (source,)
            expected = set().union(*(placeholders(s) for s in sources))
            for string in strings:
                if placeholders(string) != expected:
                    found.append(
                        f"{code}: {message.id!r} uses {sorted(placeholders(string))}, "
                        f"English uses {sorted(expected)}"
                    )
    return found


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "update":
        update()
    found = problems()
    for line in found:
        print(line)
    print(f"{len(found)} catalog problem(s)")
    return 1 if found and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
