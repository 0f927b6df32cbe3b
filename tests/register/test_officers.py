"""Who is an officer: local accounts with argon2 hashes, OpenID Connect claims, the settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_core.register.officers import (
    OfficerConfigError,
    authenticate,
    hash_password,
    load_officer_settings,
    officer_from_claims,
)


@pytest.fixture
def accounts(tmp_path):
    path = tmp_path / "officers.toml"
    path.write_text(f'[[account]]\nusername = "bertil"\nname = "Bertil Berg"\npassword_hash = "{hash_password("rätt lösen")}"\n',
                    encoding="utf-8")
    return path


def test_a_local_account_signs_in_with_its_password_only(accounts):
    officer = authenticate(accounts, "bertil", "rätt lösen")
    assert officer and officer.id == "bertil" and officer.name == "Bertil Berg" and officer.via == "local"
    assert authenticate(accounts, "bertil", "fel") is None
    assert authenticate(accounts, "okänd", "rätt lösen") is None
    assert authenticate(accounts, "", "") is None
    assert "rätt lösen" not in accounts.read_text(encoding="utf-8")


def test_a_broken_accounts_file_names_what_to_fix(tmp_path):
    bad = tmp_path / "o.toml"
    bad.write_text('[[account]]\nusername = "x"\npassword_hash = "klartext"\n', encoding="utf-8")
    with pytest.raises(OfficerConfigError, match="argon2"):
        authenticate(bad, "x", "klartext")
    with pytest.raises(OfficerConfigError, match="does not exist"):
        authenticate(tmp_path / "none.toml", "x", "y")


def test_oidc_claims_name_an_officer_by_email_or_by_claim():
    cfg = load_officer_settings({}, {"auth": {}, "iop": {"register": True, "officers": {
        "emails": ["Anna@Mora.example"], "claim": "groups", "claim_value": "iop-handlaggare"}}}, Path("/srv"))
    assert cfg.register and cfg.oidc and cfg.emails == ("anna@mora.example",)
    assert officer_from_claims({"sub": "1", "email": "anna@mora.example", "name": "Anna"}, cfg).name == "Anna"
    assert officer_from_claims({"sub": "2", "email": "c@x.example", "groups": ["iop-handlaggare"]}, cfg).id == "c@x.example"
    assert officer_from_claims({"sub": "3", "email": "org@forening.example"}, cfg) is None
    assert officer_from_claims({}, cfg) is None


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
