"""The sample nginx configuration in deploy/ is valid for the nginx installed here."""

import shutil
import subprocess
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or (Path("/usr/sbin/nginx") if Path("/usr/sbin/nginx").exists() else None)
OPENSSL = shutil.which("openssl")
CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"

pytestmark = pytest.mark.skipif(not (NGINX and OPENSSL), reason="needs nginx and openssl")


def test_the_sample_nginx_configuration_passes_nginx_t(tmp_path):
    # A throw-away certificate and log folder stand in for the server's own.
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=agora.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    text = CONFIG.read_text()
    text = text.replace("/etc/letsencrypt/live/agora.example.org/fullchain.pem", str(cert))
    text = text.replace("/etc/letsencrypt/live/agora.example.org/privkey.pem", str(key))
    text = text.replace("/var/log/nginx/", f"{tmp_path}/")
    text = text.replace("/run/agora-nginx.pid", str(tmp_path / "nginx.pid"))
    config = tmp_path / "nginx.conf"
    config.write_text(text)
    result = subprocess.run(
        [str(NGINX), "-t", "-c", str(config), "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr
