"""Translations: every key in every language, none fuzzy, the same variables as English."""
import re

from babel.messages.pofile import read_po

from bot.i18n import LOCALES_DIR, read_catalog
from bot.i18n_extract import response_keys
from bot.rendering import response_book
from bot.webchat_labels import LABELS
from scripts.catalogs import problems

ROOT = LOCALES_DIR.parent


def test_every_catalog_is_complete_and_consistent():
    assert problems() == []


def key(message):
    return message.id[0] if isinstance(message.id, tuple) else message.id


def test_every_key_the_code_uses_exists_in_english():
    english = {key(m) for m in read_catalog("en") if m.id}
    used = set(response_keys({name: [spec] for name, spec in response_book().items()})) | set(LABELS)
    for path in list((ROOT / "bot").rglob("*.py")) + list((ROOT / "actions").rglob("*.py")):
        used |= set(re.findall(r'N_\("([a-z_.]+)"\)', path.read_text(encoding="utf-8")))
    template = (ROOT / "bot" / "templates" / "chat.html").read_text(encoding="utf-8")
    used |= set(re.findall(r"""_\(["']([a-z_.]+)["']\)""", template))
    assert used - english == set()


def test_the_template_lists_every_key_in_the_catalogs():
    with (LOCALES_DIR / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    english = {m.id for m in read_catalog("en") if m.id}
    assert template == english


def test_arabic_catalog_has_arabic_plural_rules():
    assert read_catalog("ar").num_plurals == 6
