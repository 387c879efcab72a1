"""Helpline staff: accounts, logins, sessions.

Accounts are in a YAML file (STAFF_FILE, default config/staff.yml) with argon2 hashes; add one
with `python -m bot.staff add <name> --language nb`. Sessions live in memory behind an HttpOnly,
SameSite=Strict cookie and carry a CSRF token that every change must send back. Repeated wrong
passwords lock the account, and the address they came from, for a while.
"""
from __future__ import annotations

import argparse
import getpass
import hmac
import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import yaml
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.languages import SUPPORTED

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "config" / "staff.yml"
MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
SESSION_SECONDS = 8 * 3600
_hasher = PasswordHasher()
# Checked when the name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    username: str
    password_hash: str
    language: str = "en"
    display_name: str = ""


def staff_file() -> Path:
    return Path(os.environ.get("STAFF_FILE") or DEFAULT_FILE)


def load_accounts(path: Optional[Path] = None) -> Dict[str, Account]:
    path = path or staff_file()
    if not path.exists():
        return {}
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    accounts = {}
    for entry in document.get("staff") or []:
        language = entry.get("language") if entry.get("language") in SUPPORTED else "en"
        accounts[entry["username"]] = Account(entry["username"], entry["password_hash"], language,
                                              entry.get("display_name") or entry["username"])
    return accounts


@dataclass
class Session:
    username: str
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    expires: float = 0.0


class Staff:
    def __init__(self, accounts: Dict[str, Account], clock: Callable[[], float] = time.monotonic) -> None:
        self.accounts = accounts
        self._clock = clock
        self._sessions: Dict[str, Session] = {}
        self._failures: Dict[str, List[float]] = {}

    def locked(self, *keys: str) -> bool:
        now = self._clock()
        for key in keys:
            recent = [t for t in self._failures.get(key, []) if now - t < LOCK_SECONDS]
            self._failures[key] = recent
            if len(recent) >= MAX_FAILURES:
                return True
        return False

    def login(self, username: str, password: str, address: str) -> Optional[str]:
        """A new session id, or None (wrong name or password, or locked)."""
        keys = (f"user:{username}", f"address:{address}")
        if self.locked(*keys):
            return None
        account = self.accounts.get(username)
        try:
            ok = _hasher.verify(account.password_hash if account else _DUMMY_HASH, password) and account is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            for key in keys:
                self._failures.setdefault(key, []).append(self._clock())
            return None
        self._failures.pop(keys[0], None)
        session_id = secrets.token_urlsafe(32)
        self._sessions[session_id] = Session(username, expires=self._clock() + SESSION_SECONDS)
        return session_id

    def session(self, session_id: Optional[str]) -> Optional[Session]:
        session = self._sessions.get(session_id or "")
        if session is None:
            return None
        if self._clock() > session.expires:
            del self._sessions[session_id]
            return None
        return session

    def csrf_ok(self, session: Session, token: Optional[str]) -> bool:
        return bool(token) and hmac.compare_digest(session.csrf, token)

    def logout(self, session_id: Optional[str]) -> None:
        self._sessions.pop(session_id or "", None)

    def account(self, session: Session) -> Account:
        return self.accounts[session.username]


def add_account(path: Path, username: str, password: str, language: str, display_name: str) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    document = document or {"staff": []}
    document["staff"] = [e for e in document.get("staff") or [] if e.get("username") != username]
    document["staff"].append({"username": username, "password_hash": _hasher.hash(password),
                              "language": language, "display_name": display_name or username})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path.chmod(0o600)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.staff", description="Helpline staff accounts")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add or change an account (asks for the password)")
    add.add_argument("username")
    add.add_argument("--language", default="en", choices=SUPPORTED)
    add.add_argument("--name", default="", help="the name the person in the chat sees")
    args = parser.parse_args(argv)
    password = os.environ.get("STAFF_PASSWORD") or getpass.getpass("password: ")
    if len(password) < 12:
        print("use at least 12 characters", file=sys.stderr)
        return 2
    add_account(staff_file(), args.username, password, args.language, args.name)
    print(f"saved {args.username} in {staff_file()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
