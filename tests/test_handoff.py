"""The handoff's pure parts: cases and their order, the summary, chat hours, redaction, staff logins."""
from datetime import datetime

import pytest

from bot.handoff import HandoffQueue, Summary
from bot.helpline import ChatHours
from bot.privacy import parse_phone, redact
from bot.staff import MAX_FAILURES, Staff, add_account, load_accounts


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


def test_the_most_urgent_case_comes_first_then_the_longest_waiting():
    clock = Clock()
    queue = HandoffQueue(3600, clock)
    low = queue.open(Summary("pl", level="low"), "a", "web")
    clock.now += 10
    urgent = queue.open(Summary("ar", level="urgent"), "b", "web")
    clock.now += 10
    unknown = queue.open(Summary("en"), "c", "telegram")
    clock.now += 10
    high = queue.open(Summary("de", level="high"), "d", "web")
    assert [c.id for c in queue.waiting()] == [urgent.id, high.id, low.id, unknown.id]


def test_only_one_staff_member_can_claim_a_case():
    queue = HandoffQueue(3600)
    case = queue.open(Summary("en"), "a", "web")
    assert queue.claim(case.id, "anna")
    assert not queue.claim(case.id, "bo")
    assert case.claimed_by == "anna"


def test_a_closed_case_is_deleted_and_only_anonymous_counts_stay():
    clock = Clock()
    queue = HandoffQueue(3600, clock)
    case = queue.open(Summary("uk", level="high", forms=("labour",), note="my name is Olena"), "key", "web")
    queue.say(case, "person", "please help")
    clock.now += 90
    queue.claim(case.id, "anna")
    queue.close(case.id)
    assert queue.get(case.id) is None and len(queue) == 0
    assert queue.counts == {("language", "uk"): 1, ("level", "high"): 1, ("form", "labour"): 1}
    assert queue.waits == [90]
    assert "Olena" not in repr(queue.__dict__)


def test_a_case_nobody_closes_expires():
    clock = Clock()
    queue = HandoffQueue(3600, clock)
    queue.open(Summary("en"), "key", "web")
    clock.now += 3601
    assert len(queue.expire()) == 1 and len(queue) == 0


def test_the_summary_keeps_only_what_it_knows():
    summary = Summary.from_data({
        "language": "pl", "share": "answers", "want": "callback", "level": "high", "forms": ["labour", "evil"],
        "yes": ["documents_withheld", "<script>"], "phone": "+48600100200", "extra": "dropped",
        "note": "x" * 5000,
    })
    assert summary.forms == ("labour",) and summary.yes == ("documents_withheld",)
    assert len(summary.note) == 2000 and summary.want == "callback"
    assert Summary.from_data({"share": "everything", "level": "apocalyptic"}).share == "nothing"


@pytest.mark.parametrize("hours, moment, open_", [
    ("always", datetime(2026, 11, 29, 3, 0), True),
    ("mon-fri 09:00-17:00", datetime(2026, 11, 30, 9, 30), True),   # a Monday
    ("mon-fri 09:00-17:00", datetime(2026, 11, 30, 17, 30), False),
    ("mon-fri 09:00-17:00", datetime(2026, 11, 29, 12, 0), False),  # a Sunday
])
def test_chat_hours(hours, moment, open_):
    assert ChatHours.parse(hours).open_at(moment) is open_


def test_what_a_person_wrote_loses_contact_details_and_document_numbers():
    text = "I am Jan, passport AB1234567, call +47 412 34 567 or mail jan@example.com, see www.x.example"
    redacted = redact(text)
    for secret in ("AB1234567", "412 34 567", "jan@example.com", "www.x.example"):
        assert secret not in redacted
    assert "I am Jan" in redacted and "[phone]" in redacted and "[e-mail]" in redacted


def test_a_number_given_for_the_call_back_stays():
    phone = parse_phone("+47 412 34 567")
    assert phone == "+4741234567"
    assert "+47 412 34 567" in redact("call me on +47 412 34 567", keep_phones=[phone])
    assert parse_phone("412 34 567", "NO") == phone and parse_phone("call me") is None


@pytest.fixture
def staff(tmp_path):
    path = tmp_path / "staff.yml"
    add_account(path, "anna", "a long enough password", "nb", "Anna")
    assert oct(path.stat().st_mode)[-3:] == "600"
    assert "a long enough password" not in path.read_text()  # only the argon2 hash is stored
    return Staff(load_accounts(path), Clock())


def test_staff_log_in_with_the_right_password_only(staff):
    assert staff.login("anna", "wrong", "1.2.3.4") is None
    assert staff.login("nobody", "a long enough password", "1.2.3.4") is None
    session_id = staff.login("anna", "a long enough password", "1.2.3.4")
    session = staff.session(session_id)
    assert session.username == "anna" and staff.account(session).language == "nb"
    assert staff.csrf_ok(session, session.csrf) and not staff.csrf_ok(session, "guess") and not staff.csrf_ok(session, None)


def test_repeated_wrong_passwords_lock_the_account(staff):
    for _ in range(MAX_FAILURES):
        assert staff.login("anna", "wrong", "5.6.7.8") is None
    assert staff.login("anna", "a long enough password", "9.9.9.9") is None  # locked, even from elsewhere
    staff._clock.now += 15 * 60 + 1
    assert staff.login("anna", "a long enough password", "9.9.9.9") is not None


def test_sessions_end(staff):
    session_id = staff.login("anna", "a long enough password", "1.2.3.4")
    staff.logout(session_id)
    assert staff.session(session_id) is None
