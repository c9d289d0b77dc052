"""The short fault run (bench/fault.py --short): two instances, one killed, PostgreSQL
connections ended, supports and reports at once, two job workers, one killed mid-job; counts
exact, every verify command clean, the rate limit shared, every job done and every mail sent once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)"),
]


def test_short_fault_run_ends_without_drift():
    # The server that holds the test database also holds the bench's own database.
    admin_url, test_database = POSTGRES_URL.rsplit("/", 1)
    # A database of its own, named after the test database: runs from two checkouts do not meet.
    database = f"{test_database.split('?')[0]}_fault"
    done = subprocess.run(
        [
            sys.executable,
            "bench/fault.py",
            "--short",
            "--pg-admin-url",
            f"{admin_url}/postgres",
            "--database",
            database,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    assert "| requests |" in done.stdout
    assert "| jobs still claimed 1 s after the kill |" in done.stdout
