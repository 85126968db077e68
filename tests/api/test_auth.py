"""Token verification: what Privy and dev tokens must look like, and everything refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from remo_async.api.auth import (
    DEV_AUDIENCE,
    ISSUER,
    AuthError,
    TokenVerifier,
    load_verification_key,
    mint_dev_token,
)
from remo_async.settings import Settings, SettingsError

APP_ID = "app-123"
USER = "did:privy:abc"
DEV_SECRET = "d" * 32
T0 = 1_800_000_000.0
DROP = object()


class FakeClock:
    """A clock the test sets by hand."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Settings still reads REMO_* variables; a developer's shell must not leak into these tests.
    for name in list(os.environ):
        if name.startswith("REMO_"):
            monkeypatch.delenv(name)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("token verification must never fetch anything")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


@pytest.fixture(scope="module")
def app_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def wrong_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def app_pem(app_key: ec.EllipticCurvePrivateKey) -> str:
    return _public_pem(app_key)


@pytest.fixture
def settings(app_pem: str) -> Settings:
    return _privy_settings(privy_verification_key=app_pem)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def verifier(settings: Settings, clock: FakeClock) -> TokenVerifier:
    return TokenVerifier(settings, clock=clock)


@pytest.fixture
def sign(app_key: ec.EllipticCurvePrivateKey) -> Callable[..., str]:
    """Signs claims (defaults overridden by keywords; DROP removes one) with the app's key."""

    def _sign(*, headers: dict[str, Any] | None = None, **overrides: Any) -> str:
        # The JWS layer, because jwt.encode refuses some of the bad claims tested here.
        payload = json.dumps(_claims(**overrides)).encode()
        return jwt.api_jws.encode(payload, app_key, algorithm="ES256", headers=headers)

    return _sign


@pytest.fixture
def decode_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every call to jwt.decode, i.e. every full signature check."""
    calls: list[str] = []
    real_decode = jwt.decode

    def spy(token: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(token)
        return real_decode(token, *args, **kwargs)

    monkeypatch.setattr(jwt, "decode", spy)
    return calls


def _privy_settings(**fields: Any) -> Settings:
    return Settings(
        _env_file=None, auth_mode="privy", privy_app_id=APP_ID, cursor_secret="x" * 16, **fields
    )


def _dev_settings(**fields: Any) -> Settings:
    return Settings(_env_file=None, auth_mode="dev", dev_secret=DEV_SECRET, **fields)


def _public_pem(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def _claims(**overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "aud": APP_ID,
        "sub": USER,
        "sid": "session-1",
        "iat": int(T0),
        "exp": int(T0) + 3600,
    }
    claims.update(overrides)
    return {name: value for name, value in claims.items() if value is not DROP}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unsigned(header: dict[str, Any], payload: bytes) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(payload)}"


def _hs256(header: dict[str, Any], claims: dict[str, Any], secret: bytes) -> str:
    """An HS256 token built by hand: PyJWT refuses to sign with a PEM as the HMAC secret."""
    signing_input = _unsigned(header, json.dumps(claims).encode())
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(mac)}"


def _refused(verifier: TokenVerifier, token: str) -> str:
    with pytest.raises(AuthError) as caught:
        verifier.verify(token)
    reason = str(caught.value)
    assert reason
    assert "\n" not in reason
    return reason


# Privy mode: acceptance


def test_a_valid_privy_token_gives_its_subject(
    verifier: TokenVerifier, sign: Callable[..., str]
) -> None:
    assert verifier.verify(sign()) == USER


def test_a_float_exp_and_a_missing_iat_are_accepted(
    verifier: TokenVerifier, sign: Callable[..., str]
) -> None:
    assert verifier.verify(sign(exp=T0 + 10.5, iat=DROP)) == USER


@pytest.mark.parametrize(
    "headers",
    [
        {"kid": "somewhere-else"},
        {"jku": "https://attacker.example/jwks.json"},
        {"x5u": "https://attacker.example/cert.pem"},
        {"kid": "x", "jku": "https://attacker.example/jwks.json", "x5u": "https://a.example/c"},
    ],
)
def test_key_location_headers_are_ignored_on_a_genuine_token(
    verifier: TokenVerifier, sign: Callable[..., str], headers: dict[str, Any]
) -> None:
    assert verifier.verify(sign(headers=headers)) == USER


# Privy mode: algorithms and keys


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
@pytest.mark.parametrize("signature", ["", "c2lnbmF0dXJl"])
def test_alg_none_is_refused(verifier: TokenVerifier, alg: str, signature: str) -> None:
    token = _unsigned({"alg": alg, "typ": "JWT"}, json.dumps(_claims()).encode())
    _refused(verifier, f"{token}.{signature}")


@pytest.mark.parametrize("variant", ["as-configured", "stripped", "with-newline"])
def test_hs256_signed_with_the_public_key_pem_is_refused(
    verifier: TokenVerifier, app_pem: str, variant: str
) -> None:
    secret = {
        "as-configured": app_pem,
        "stripped": app_pem.strip(),
        "with-newline": app_pem.strip() + "\n",
    }[variant]
    token = _hs256({"alg": "HS256", "typ": "JWT"}, _claims(), secret.encode())
    assert _refused(verifier, token) == "algorithm not allowed"


def test_hs256_is_refused_even_with_a_kid(verifier: TokenVerifier, app_pem: str) -> None:
    token = _hs256({"alg": "HS256", "kid": APP_ID}, _claims(), app_pem.encode())
    _refused(verifier, token)


def test_rs256_is_refused(verifier: TokenVerifier, rsa_key: rsa.RSAPrivateKey) -> None:
    token = jwt.encode(_claims(), rsa_key, algorithm="RS256")
    assert _refused(verifier, token) == "algorithm not allowed"


def test_es384_is_refused(verifier: TokenVerifier) -> None:
    token = jwt.encode(_claims(), ec.generate_private_key(ec.SECP384R1()), algorithm="ES384")
    _refused(verifier, token)


def test_es256_signed_by_another_key_is_refused(
    verifier: TokenVerifier, wrong_key: ec.EllipticCurvePrivateKey
) -> None:
    token = jwt.encode(_claims(), wrong_key, algorithm="ES256")
    assert _refused(verifier, token) == "bad signature"


@pytest.mark.parametrize("header", ["kid", "jku", "x5u", "jwk"])
def test_another_key_named_in_the_header_is_not_used(
    verifier: TokenVerifier, wrong_key: ec.EllipticCurvePrivateKey, header: str
) -> None:
    values: dict[str, Any] = {
        "kid": "attacker-key",
        "jku": "https://attacker.example/jwks.json",
        "x5u": "https://attacker.example/cert.pem",
        # CVE-2018-0114 style: the attacker embeds their own public key.
        "jwk": jwt.algorithms.ECAlgorithm.to_jwk(wrong_key.public_key(), as_dict=True),
    }
    token = jwt.encode(_claims(), wrong_key, algorithm="ES256", headers={header: values[header]})
    assert _refused(verifier, token) == "bad signature"


def test_a_tampered_payload_is_refused(verifier: TokenVerifier, sign: Callable[..., str]) -> None:
    header, _payload, signature = sign().split(".")
    forged = _b64(json.dumps(_claims(sub="did:privy:someone-else")).encode())
    assert _refused(verifier, f"{header}.{forged}.{signature}") == "bad signature"


# Privy mode: claims


@pytest.mark.parametrize(
    "overrides",
    [
        {"aud": "another-app"},
        {"aud": [APP_ID, "another-app"]},
        {"aud": [APP_ID]},
        {"aud": ""},
    ],
)
def test_wrong_audience_is_refused(
    verifier: TokenVerifier, sign: Callable[..., str], overrides: dict[str, Any]
) -> None:
    _refused(verifier, sign(**overrides))


@pytest.mark.parametrize("iss", ["https://privy.io", "auth.privy.io", "attacker", ["privy.io"]])
def test_wrong_issuer_is_refused(
    verifier: TokenVerifier, sign: Callable[..., str], iss: Any
) -> None:
    _refused(verifier, sign(iss=iss))


@pytest.mark.parametrize("claim", ["exp", "iss", "aud", "sub"])
def test_a_missing_claim_is_refused(
    verifier: TokenVerifier, sign: Callable[..., str], claim: str
) -> None:
    assert _refused(verifier, sign(**{claim: DROP})) == f"missing claim: {claim}"


@pytest.mark.parametrize("sub", ["", 42, ["did:privy:abc"], {"id": USER}, True])
def test_a_subject_that_is_not_a_non_empty_string_is_refused(
    verifier: TokenVerifier, sign: Callable[..., str], sub: Any
) -> None:
    _refused(verifier, sign(sub=sub))


@pytest.mark.parametrize("exp", [str(int(T0) + 3600), True, None, [int(T0) + 3600]])
def test_an_exp_that_is_not_a_number_is_refused(
    verifier: TokenVerifier, sign: Callable[..., str], exp: Any
) -> None:
    _refused(verifier, sign(exp=exp))


@pytest.mark.parametrize("literal", ["1e999", "NaN", "Infinity", "9" * 400])
def test_an_exp_that_never_ends_is_refused(
    verifier: TokenVerifier, app_key: ec.EllipticCurvePrivateKey, literal: str
) -> None:
    body = json.dumps(_claims(exp=0)).replace('"exp": 0', f'"exp": {literal}')
    token = jwt.api_jws.encode(body.encode(), app_key, algorithm="ES256")
    _refused(verifier, token)


def test_a_string_iat_is_refused(verifier: TokenVerifier, sign: Callable[..., str]) -> None:
    _refused(verifier, sign(iat=str(int(T0))))


@pytest.mark.parametrize(
    "token",
    [
        "",
        "garbage",
        "a.b",
        "a.b.c",
        "a.b.c.d",
        "...",
        "eyJhbGciOiJFUzI1NiJ9..",
        _unsigned({"alg": "ES256"}, b"not json") + ".c2ln",
        _unsigned({"alg": "ES256"}, b"[1, 2]") + ".c2ln",
        _b64(b"[]") + "." + _b64(b"{}") + ".c2ln",
        _b64(b"not json") + "." + _b64(b"{}") + ".c2ln",
        _unsigned({"alg": ["ES256"]}, b"{}") + ".c2ln",
        _unsigned({"typ": "JWT"}, b"{}") + ".c2ln",
        _unsigned({"alg": "ES256", "kid": 7}, b"{}") + ".c2ln",
        _unsigned({"alg": "ES256", "crit": ["exp"]}, b"{}") + ".c2ln",
        "Bearer x.y.z",
        "é.é.é",
        "a" * 10_000,
    ],
)
def test_malformed_tokens_are_refused(verifier: TokenVerifier, token: str) -> None:
    _refused(verifier, token)


def test_a_valid_token_with_trailing_garbage_is_refused(
    verifier: TokenVerifier, sign: Callable[..., str]
) -> None:
    _refused(verifier, sign() + "x")
    _refused(verifier, sign() + ".extra")


# Time and leeway


def test_exp_has_sixty_seconds_of_leeway(sign: Callable[..., str], settings: Settings) -> None:
    exp = int(T0) + 100
    token = sign(exp=exp)
    assert TokenVerifier(settings, clock=FakeClock(exp + 59.9)).verify(token) == USER
    assert _refused(TokenVerifier(settings, clock=FakeClock(exp + 60)), token) == "token expired"
    assert _refused(TokenVerifier(settings, clock=FakeClock(exp + 3600)), token) == "token expired"


def test_iat_in_the_future_is_accepted_only_within_the_leeway(
    verifier: TokenVerifier, sign: Callable[..., str]
) -> None:
    assert verifier.verify(sign(iat=int(T0) + 59)) == USER
    assert _refused(verifier, sign(iat=int(T0) + 61)) == "token not yet valid"


def test_nbf_in_the_future_beyond_the_leeway_is_refused(
    verifier: TokenVerifier, sign: Callable[..., str]
) -> None:
    assert verifier.verify(sign(nbf=int(T0) + 30)) == USER
    _refused(verifier, sign(nbf=int(T0) + 600))


def test_the_wall_clock_is_not_consulted(settings: Settings, sign: Callable[..., str]) -> None:
    # Long expired by the real clock, fresh by the injected one.
    past = 1_000_000_000
    token = sign(iat=past, exp=past + 300)
    assert TokenVerifier(settings, clock=FakeClock(past + 10)).verify(token) == USER


# The verification key


def test_the_key_can_come_from_a_file(
    tmp_path: Path, app_pem: str, sign: Callable[..., str]
) -> None:
    path = tmp_path / "privy.pem"
    path.write_text(app_pem)
    settings = _privy_settings(privy_verification_key_file=path)
    assert load_verification_key(settings) == app_pem.strip()
    assert TokenVerifier(settings, clock=FakeClock()).verify(sign()) == USER


def test_a_pem_on_one_line_with_escaped_newlines_is_accepted(
    app_pem: str, sign: Callable[..., str]
) -> None:
    settings = _privy_settings(privy_verification_key=app_pem.replace("\n", "\\n"))
    assert load_verification_key(settings) == app_pem.strip()
    assert TokenVerifier(settings, clock=FakeClock()).verify(sign()) == USER


def test_the_key_in_the_variable_wins_over_the_file(
    tmp_path: Path, app_pem: str, sign: Callable[..., str]
) -> None:
    settings = _privy_settings(
        privy_verification_key=app_pem, privy_verification_key_file=tmp_path / "missing.pem"
    )
    assert TokenVerifier(settings, clock=FakeClock()).verify(sign()) == USER


@pytest.mark.parametrize("name", ["missing.pem", "."])
def test_an_unreadable_key_file_is_a_settings_error(tmp_path: Path, name: str) -> None:
    settings = _privy_settings(privy_verification_key_file=tmp_path / name)
    with pytest.raises(SettingsError, match="REMO_PRIVY_VERIFICATION_KEY_FILE") as caught:
        load_verification_key(settings)
    assert "\n" not in str(caught.value)
    with pytest.raises(SettingsError):
        TokenVerifier(settings)


def test_a_key_file_that_is_not_text_is_a_settings_error(tmp_path: Path) -> None:
    path = tmp_path / "key.der"
    path.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(SettingsError, match="REMO_PRIVY_VERIFICATION_KEY_FILE"):
        load_verification_key(_privy_settings(privy_verification_key_file=path))


def _bad_pems() -> dict[str, str]:
    ec_private = ec.generate_private_key(ec.SECP256R1())
    return {
        "garbage": "not a key",
        "truncated": _public_pem(ec_private)[:80],
        "rsa-public": _public_pem(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        "p384-public": _public_pem(ec.generate_private_key(ec.SECP384R1())),
        "ec-private": ec_private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
    }


@pytest.mark.parametrize(("kind", "pem"), list(_bad_pems().items()))
def test_a_bad_pem_is_a_settings_error(tmp_path: Path, kind: str, pem: str) -> None:
    settings = _privy_settings(privy_verification_key=pem)
    with pytest.raises(SettingsError, match="not a PEM EC P-256 public key") as caught:
        load_verification_key(settings)
    assert "\n" not in str(caught.value)
    assert pem.strip() not in str(caught.value)
    with pytest.raises(SettingsError):
        TokenVerifier(settings)
    path = tmp_path / f"{kind}.pem"
    path.write_text(pem)
    with pytest.raises(SettingsError, match="REMO_PRIVY_VERIFICATION_KEY_FILE"):
        TokenVerifier(_privy_settings(privy_verification_key_file=path))


# The cache


def test_a_cached_token_is_not_verified_again(
    verifier: TokenVerifier, sign: Callable[..., str], decode_calls: list[str]
) -> None:
    token = sign()
    assert verifier.verify(token) == USER
    assert verifier.verify(token) == USER
    assert verifier.verify(token) == USER
    assert decode_calls == [token]


def test_a_cached_token_stops_working_after_exp_plus_leeway(
    verifier: TokenVerifier, clock: FakeClock, sign: Callable[..., str], decode_calls: list[str]
) -> None:
    exp = int(T0) + 100
    token = sign(exp=exp)
    assert verifier.verify(token) == USER
    clock.now = exp + 59
    assert verifier.verify(token) == USER
    clock.now = exp + 60
    assert _refused(verifier, token) == "token expired"
    assert _refused(verifier, token) == "token expired"
    assert len(decode_calls) == 2


def test_failures_are_not_cached(
    verifier: TokenVerifier, sign: Callable[..., str], decode_calls: list[str]
) -> None:
    token = sign(aud="another-app")
    _refused(verifier, token)
    _refused(verifier, token)
    assert decode_calls == [token, token]


def test_the_cache_is_bounded_and_keeps_the_recently_used(
    settings: Settings, sign: Callable[..., str], decode_calls: list[str]
) -> None:
    verifier = TokenVerifier(settings, clock=FakeClock(), cache_size=2)
    first, second, third = (sign(sub=f"did:privy:{n}") for n in range(3))
    verifier.verify(first)
    verifier.verify(second)
    verifier.verify(first)  # now the most recently used
    verifier.verify(third)  # evicts second
    assert decode_calls == [first, second, third]
    assert verifier.verify(first) == "did:privy:0"
    assert verifier.verify(third) == "did:privy:2"
    assert len(decode_calls) == 3
    assert verifier.verify(second) == "did:privy:1"
    assert decode_calls == [first, second, third, second]


def test_a_cache_size_of_zero_disables_the_cache(
    settings: Settings, sign: Callable[..., str], decode_calls: list[str]
) -> None:
    verifier = TokenVerifier(settings, clock=FakeClock(), cache_size=0)
    token = sign()
    verifier.verify(token)
    verifier.verify(token)
    assert decode_calls == [token, token]


def test_a_negative_cache_size_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="cache_size"):
        TokenVerifier(settings, cache_size=-1)


# Dev mode


def test_a_minted_dev_token_round_trips() -> None:
    settings = _dev_settings()
    token = mint_dev_token(settings, USER, now=T0)
    assert TokenVerifier(settings, clock=FakeClock()).verify(token) == USER
    claims = jwt.decode(token, options={"verify_signature": False})
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    assert claims == {
        "iss": ISSUER,
        "aud": DEV_AUDIENCE,
        "sub": USER,
        "iat": int(T0),
        "exp": int(T0) + 3600,
    }


def test_dev_tokens_use_the_app_id_as_audience_when_set() -> None:
    settings = _dev_settings(privy_app_id=APP_ID)
    token = mint_dev_token(settings, USER, now=T0)
    assert jwt.decode(token, options={"verify_signature": False})["aud"] == APP_ID
    assert TokenVerifier(settings, clock=FakeClock()).verify(token) == USER
    other = mint_dev_token(_dev_settings(), USER, now=T0)
    _refused(TokenVerifier(settings, clock=FakeClock()), other)


def test_dev_tokens_expire() -> None:
    settings = _dev_settings()
    token = mint_dev_token(settings, USER, expires_in=10, now=T0)
    assert TokenVerifier(settings, clock=FakeClock(T0 + 69)).verify(token) == USER
    assert _refused(TokenVerifier(settings, clock=FakeClock(T0 + 70)), token) == "token expired"


def test_minting_without_now_uses_the_current_time() -> None:
    settings = _dev_settings()
    assert TokenVerifier(settings).verify(mint_dev_token(settings, USER)) == USER


def test_a_dev_token_with_another_secret_is_refused() -> None:
    token = mint_dev_token(
        Settings(_env_file=None, auth_mode="dev", dev_secret="e" * 32), USER, now=T0
    )
    assert _refused(TokenVerifier(_dev_settings(), clock=FakeClock()), token) == "bad signature"


def test_a_dev_token_is_refused_in_privy_mode(verifier: TokenVerifier) -> None:
    token = mint_dev_token(_dev_settings(privy_app_id=APP_ID), USER, now=T0)
    assert _refused(verifier, token) == "algorithm not allowed"


def test_dev_mode_accepts_only_hs256(sign: Callable[..., str]) -> None:
    dev = TokenVerifier(_dev_settings(privy_app_id=APP_ID), clock=FakeClock())
    assert _refused(dev, sign()) == "algorithm not allowed"
    hs512 = jwt.encode(_claims(), DEV_SECRET * 2, algorithm="HS512")
    assert _refused(dev, hs512) == "algorithm not allowed"
    none = _unsigned({"alg": "none"}, json.dumps(_claims()).encode()) + "."
    _refused(dev, none)


def test_dev_mode_checks_the_same_claims() -> None:
    settings = _dev_settings()
    dev = TokenVerifier(settings, clock=FakeClock())
    for overrides in ({"iss": "elsewhere"}, {"aud": APP_ID}, {"sub": DROP}, {"exp": DROP}):
        claims = _claims(aud=DEV_AUDIENCE) | overrides
        claims = {name: value for name, value in claims.items() if value is not DROP}
        _refused(dev, jwt.encode(claims, DEV_SECRET, algorithm="HS256"))


def test_minting_in_privy_mode_is_refused(settings: Settings) -> None:
    with pytest.raises(AuthError, match="dev mode"):
        mint_dev_token(settings, USER)


@pytest.mark.parametrize(("user_id", "expires_in"), [("", 3600), (USER, 0), (USER, -5)])
def test_minting_needs_a_user_and_a_positive_lifetime(user_id: str, expires_in: int) -> None:
    with pytest.raises(ValueError, match=r"user_id|expires_in"):
        mint_dev_token(_dev_settings(), user_id, expires_in=expires_in)
