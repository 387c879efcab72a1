"""Helplines: only verified numbers, never another country's, hours in the person's language."""
import pytest

from bot import helplines


def test_only_verified_helplines_with_known_hours_are_offered():
    ids = {h.id for h in helplines.verified_helplines()}
    assert "no_rosa" in ids
    assert "dk_cmm_hotline" not in ids  # verified number, but opening hours not verified


@pytest.mark.parametrize("country", ["SE", "DK", "DE"])
def test_a_country_without_a_verified_helpline_gets_none_not_a_foreign_one(country):
    assert helplines.select(None, country) is None
    assert helplines.context(None, "en") == {}


def test_the_configured_helpline_wins_over_the_country():
    assert helplines.select("pl_la_strada", "NO").id == "pl_la_strada"


def test_numbers_are_shown_in_international_format_and_short_numbers_as_dialled():
    assert helplines.format_phone("+47 22 33 11 60", "NO") == "+47 22 33 11 60"
    assert helplines.format_phone("116 006", "EE") == "116 006"
    with pytest.raises(ValueError):
        helplines.format_phone("+47 123", "NO")


def test_opening_hours_are_written_in_the_persons_language():
    rosa = helplines.select(None, "NO")
    assert helplines.hours_text(rosa.opening, "en") == "open 24 hours, every day"
    latvia = helplines.select(None, "LV")
    assert "Monday" in helplines.hours_text(latvia.opening, "en")
    assert "poniedziałek" in helplines.hours_text(latvia.opening, "pl")
    assert "09:00" in helplines.hours_text(latvia.opening, "pl")


def test_every_shown_number_has_a_source_and_a_check_date():
    import yaml
    for path in sorted(helplines.COUNTRIES_DIR.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert document.get("checked"), path.name
        for entry in document.get("helplines") or []:
            if entry.get("verified"):
                assert str(entry.get("source", "")).startswith("http"), (path.name, entry["id"])
