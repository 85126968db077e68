"""`make bench`'s request benchmarks still run and still measure what they claim.

Not a timing test: the samples are far too short for any figure to mean something. It
catches what broke benchmarks/api.py unnoticed once (from migration 0004 on, its raw
create no longer wrote the service's item and it stopped at its own check): every side
(service, bare floor, raw) answers every operation, the mirrors write the service's item,
and every figure line the README quotes is printed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from remo_async.embedded import java_command

ROOT = Path(__file__).resolve().parents[1]
OPERATIONS = ("create", "create_idem", "get", "list", "conversation")


@pytest.fixture(autouse=True)
def _need_java() -> None:
    if java_command() is None and os.environ.get("REMO_TEST_REQUIRE_DYNAMODB_LOCAL") != "1":
        pytest.skip("no Java: the benchmarks start DynamoDB Local")


def _run(script: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMO_")}
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout


def _figures(output: str) -> dict[str, float]:
    return {
        f"{kind} {name}": float(value)
        for kind, name, value in re.findall(r"^(\w+) (\w+) (-?[\d.]+)$", output, re.M)
    }


def test_the_api_benchmark_measures_every_side_of_every_operation() -> None:
    output = _run(
        "api.py",
        "--seconds",
        "0.2",
        "--runs",
        "1",
        "--warmup",
        "0.05",
        "--users",
        "3",
        "--idle",
        "0.2",
    )
    figures = _figures(output)
    for op in OPERATIONS:
        for kind in (
            f"ratio api_{op}",
            f"ratio floor_{op}",
            f"ratio api_of_floor_{op}",
            f"cpu_ratio api_{op}",
            f"cpu_ratio floor_{op}",
        ):
            assert figures[kind] > 0, kind
        assert f"overhead_ms {op}" in figures
        assert f"floor_overhead_ms {op}" in figures
        assert f"p50_gap_ms {op}" in figures
    assert "error lines in its log: 0" in output
    assert "server exit code 0" in output


def test_own_work_measures_every_operation() -> None:
    figures = _figures(_run("own_work.py", "--requests", "20"))
    for op in OPERATIONS:
        assert figures[f"own_ms {op}"] > 0
        assert figures[f"boto_ms {op}"] > 0
