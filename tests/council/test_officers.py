"""Who is an officer: local accounts with argon2 hashes, OpenID Connect claims, the settings."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type

from iop_core.council import officers
from iop_core.council.officers import (
    OfficerConfigError,
    SignInBusy,
    WeakPassword,
    authenticate,
    hash_password,
    load_officer_settings,
    officer_from_claims,
)

RIGHT = "rätt lösen för kontot"


def accounts_file(tmp_path, hashed: str, name: str = "o.toml") -> Path:
    path = tmp_path / name
    path.write_text(f'[[account]]\nusername = "bertil"\nname = "Bertil Berg"\npassword_hash = "{hashed}"\n',
                    encoding="utf-8")
    return path


@pytest.fixture
def accounts(tmp_path):
    return accounts_file(tmp_path, hash_password(RIGHT), "officers.toml")


def test_a_local_account_signs_in_with_its_password_only(accounts):
    officer = authenticate(accounts, "bertil", RIGHT)
    assert officer and officer.id == "bertil" and officer.name == "Bertil Berg" and officer.via == "local"
    assert authenticate(accounts, "bertil", "fel") is None
    assert authenticate(accounts, "okänd", RIGHT) is None
    assert authenticate(accounts, "", "") is None
    assert authenticate(accounts, "bertil", RIGHT + "x" * 2000) is None  # bounded before hashing
    assert RIGHT not in accounts.read_text(encoding="utf-8")


def test_a_broken_accounts_file_names_what_to_fix(tmp_path):
    bad = tmp_path / "o.toml"
    bad.write_text('[[account]]\nusername = "x"\npassword_hash = "klartext"\n', encoding="utf-8")
    with pytest.raises(OfficerConfigError, match="argon2"):
        authenticate(bad, "x", "klartext")
    with pytest.raises(OfficerConfigError, match="does not exist"):
        authenticate(tmp_path / "none.toml", "x", "y")
    bad.write_bytes(b"\xff\xfe[[account]]")
    with pytest.raises(OfficerConfigError, match="UTF-8"):
        authenticate(bad, "x", "y")
    bad.write_text("", encoding="utf-8")
    with pytest.raises(OfficerConfigError, match="no \\[\\[account\\]\\]"):
        authenticate(bad, "x", "y")


def test_a_hash_weaker_than_the_command_line_s_is_refused_when_the_file_is_loaded(tmp_path):
    for weak in (PasswordHasher(time_cost=1).hash(RIGHT), PasswordHasher(memory_cost=1024, parallelism=1).hash(RIGHT),
                 PasswordHasher(type=Type.I).hash(RIGHT)):
        with pytest.raises(OfficerConfigError, match="weaker than argon2id"):
            authenticate(accounts_file(tmp_path, weak), "bertil", RIGHT)


def test_a_password_below_the_policy_never_signs_in_even_when_it_matches(tmp_path):
    """An accounts file holding the hash of "a" (made without the command line) opens nothing."""
    path = accounts_file(tmp_path, hash_password("a"))
    with pytest.raises(WeakPassword) as raised:
        authenticate(path, "bertil", "a")
    assert "bertil" not in str(raised.value) and raised.value.account_ref in str(raised.value)
    assert authenticate(path, "bertil", "b") is None  # a wrong one is simply wrong


def test_password_checks_wait_for_a_free_slot_and_then_give_up(accounts, monkeypatch):
    monkeypatch.setattr(officers, "VERIFY_WAIT_S", 0.05)
    gate = threading.BoundedSemaphore(officers.VERIFY_SLOTS)
    monkeypatch.setattr(officers, "_VERIFY_GATE", gate)
    for _ in range(officers.VERIFY_SLOTS):
        gate.acquire()
    with pytest.raises(SignInBusy):
        authenticate(accounts, "bertil", RIGHT)
    gate.release()
    assert authenticate(accounts, "bertil", RIGHT).id == "bertil"


def test_password_checks_run_at_most_verify_slots_at_once(accounts, monkeypatch):
    """Six at once: the first check waits inside its slot until a second one runs beside it, so
    the most seen at once is exactly VERIFY_SLOTS (never more: the others queue)."""
    running, most, cond = [0], [0], threading.Condition()
    real = PasswordHasher()

    class Counting(PasswordHasher):
        def verify(self, hashed, password):
            with cond:
                running[0] += 1
                most[0] = max(most[0], running[0])
                cond.notify_all()
                cond.wait_for(lambda: most[0] >= officers.VERIFY_SLOTS, timeout=30)
            try:
                return real.verify(hashed, password)
            finally:
                with cond:
                    running[0] -= 1

    monkeypatch.setattr(officers, "_HASHER", Counting())
    monkeypatch.setattr(officers, "VERIFY_WAIT_S", 60)
    threads = [threading.Thread(target=authenticate, args=(accounts, "bertil", "fel lösen nummer x")) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == officers.VERIFY_SLOTS


CFG = {"auth": {}, "iop": {"register": True, "officers": {
    "subjects": ["00000000-aaaa-4bbb-8ccc-000000000001", "anna-sub"], "emails": ["Anna@Mora.example"],
    "claim": "groups", "claim_value": "iop-handlaggare"}}}


def test_oidc_officers_are_named_by_stable_subject_verified_email_or_claim():
    cfg = load_officer_settings({}, CFG, Path("/srv"))
    assert cfg.register and cfg.oidc and cfg.emails == ("anna@mora.example",)
    by_oid = officer_from_claims({"sub": "pairwise-x", "oid": "00000000-aaaa-4bbb-8ccc-000000000001", "name": "Eva"}, cfg)
    assert by_oid.id == "00000000-aaaa-4bbb-8ccc-000000000001" and by_oid.name == "Eva"
    assert officer_from_claims({"sub": "anna-sub", "name": "Anna"}, cfg).id == "anna-sub"
    verified = officer_from_claims({"sub": "1", "email": "anna@mora.example", "email_verified": True, "name": "Anna"}, cfg)
    assert verified.id == "1" and verified.actor == "Anna [oidc:1]"
    assert officer_from_claims({"sub": "2", "email": "c@x.example", "groups": ["iop-handlaggare"]}, cfg).id == "2"
    assert officer_from_claims({"sub": "3", "email": "org@forening.example", "email_verified": True}, cfg) is None
    assert officer_from_claims({}, cfg) is None
    assert officer_from_claims({"email": "anna@mora.example", "email_verified": True}, cfg) is None  # no subject


@pytest.mark.parametrize("flag", [False, "false", None, "yes", 1])
def test_an_unverified_email_names_no_one(flag):
    """Issue #22: a user of the provider with `email: ANNA@kommun.example` and `email_verified: false`."""
    cfg = load_officer_settings({}, CFG, Path("/srv"))
    claims = {"sub": "mallory", "email": "ANNA@Mora.example", "name": "Anna?"}
    if flag is not None:
        claims["email_verified"] = flag
    assert officer_from_claims(claims, cfg) is None


def test_the_register_is_off_unless_switched_on():
    cfg = load_officer_settings({}, {}, Path("/srv"))
    assert not cfg.register and not cfg.can_sign_in
    cfg = load_officer_settings({"IOP_REGISTER": "true", "IOP_OFFICER_ACCOUNTS": "officers.toml"}, {}, Path("/srv"))
    assert cfg.register and cfg.accounts_file == Path("/srv/officers.toml")
    with pytest.raises(OfficerConfigError):
        load_officer_settings({}, {"iop": {"officers": {"claim": "groups"}}}, Path("/srv"))


def test_the_command_line_makes_a_hash_that_signs_in(tmp_path, capsys, monkeypatch):
    import io

    from iop_core.__main__ import main

    monkeypatch.setattr("sys.stdin", io.StringIO("ett långt lösenord\n"))
    assert main(["hash-password"]) == 0
    hashed = capsys.readouterr().out.strip()
    path = tmp_path / "o.toml"
    path.write_text(f'[[account]]\nusername = "eva"\npassword_hash = "{hashed}"\n', encoding="utf-8")
    assert authenticate(path, "eva", "ett långt lösenord").id == "eva"
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["hash-password"]) == 2
