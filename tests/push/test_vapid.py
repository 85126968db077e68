"""VAPID keys: the vapid-key command, the settings, the key `serve --embedded` keeps."""

from __future__ import annotations

import stat
import time
from datetime import UTC, datetime
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from remo_async.cli import main
from remo_async.embedded.workspace import vapid_overrides
from remo_async.push.vapid import VapidKey, audience, kept_key_file, load_vapid, new_private_pem
from remo_async.settings import SettingsError
from tests.conftest import make_settings

SUBJECT = "mailto:ops@example.com"


def test_the_command_prints_a_p256_key_and_its_public_key(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["vapid-key"]) == 0
    out, err = capsys.readouterr()
    key = VapidKey.from_pem(out.encode(), subject=SUBJECT)
    assert err.strip().endswith(key.public_key)
    assert main(["vapid-key"]) == 0
    assert capsys.readouterr().out != out  # a new key each time


def test_settings_off_on_and_half(tmp_path: Path) -> None:
    url = "http://127.0.0.1:1"
    assert load_vapid(make_settings(url)) is None
    pem = new_private_pem()
    on = load_vapid(make_settings(url, vapid_private_key=pem.decode(), vapid_subject=SUBJECT))
    assert on is not None
    path = tmp_path / "vapid.pem"
    path.write_bytes(pem)
    from_file = load_vapid(make_settings(url, vapid_private_key_file=path, vapid_subject=SUBJECT))
    assert from_file is not None
    assert from_file.public_key == on.public_key
    with pytest.raises(SettingsError, match="REMO_VAPID_SUBJECT"):
        load_vapid(make_settings(url, vapid_private_key=pem.decode()))
    with pytest.raises(SettingsError, match="REMO_VAPID_PRIVATE_KEY"):
        load_vapid(make_settings(url, vapid_subject=SUBJECT))
    with pytest.raises(SettingsError, match="REMO_VAPID_PRIVATE_KEY: not a PEM"):
        load_vapid(make_settings(url, vapid_private_key="junk", vapid_subject=SUBJECT))
    rsa_pem = rsa.generate_private_key(65537, 2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(SettingsError, match="P-256"):
        load_vapid(make_settings(url, vapid_private_key=rsa_pem.decode(), vapid_subject=SUBJECT))
    with pytest.raises(SettingsError, match="cannot read"):
        load_vapid(
            make_settings(url, vapid_private_key_file=tmp_path / "none", vapid_subject=SUBJECT)
        )
    with pytest.raises(Exception, match="vapid_subject"):
        make_settings(url, vapid_subject="ops@example.com")


def test_the_embedded_key_is_made_once_and_kept_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REMO_VAPID_PRIVATE_KEY", raising=False)
    monkeypatch.delenv("REMO_VAPID_PRIVATE_KEY_FILE", raising=False)
    first = vapid_overrides(tmp_path)
    path = first["vapid_private_key_file"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    pem = path.read_bytes()
    assert vapid_overrides(tmp_path) == first
    assert kept_key_file(tmp_path).read_bytes() == pem
    settings = make_settings("http://127.0.0.1:1", **first)
    assert load_vapid(settings) is not None
    monkeypatch.setenv("REMO_VAPID_PRIVATE_KEY_FILE", "/elsewhere.pem")
    assert vapid_overrides(tmp_path) == {}


def test_the_jwt_names_the_origin_and_expires_within_a_day() -> None:
    key = VapidKey(private_key=ec.generate_private_key(ec.SECP256R1()), subject=SUBJECT)
    endpoint = "https://push.example.com:8443/send/abc?x=1"
    assert audience(endpoint) == "https://push.example.com:8443"
    assert audience("https://fcm.googleapis.com:443/fcm/send/x") == "https://fcm.googleapis.com"
    header = key.authorization(endpoint, now=datetime.now(UTC))
    token = header.removeprefix("vapid t=").split(",k=")[0]
    claims = jwt.decode(
        token, key.private_key.public_key(), algorithms=["ES256"], audience=audience(endpoint)
    )
    assert time.time() < claims["exp"] <= time.time() + 24 * 3600
    assert claims["sub"] == SUBJECT
