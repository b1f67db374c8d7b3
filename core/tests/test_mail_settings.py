"""STDBASE_EMAIL_* take effect on every supported Django (MAILERS from 6.1, EMAIL_* before)."""

from __future__ import annotations

import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEND = """
import django
{pretend}
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "stdbase.settings"
django.setup()
from django.conf import settings
from django.core.mail import get_connection, send_mail
# Django 6.0 and 5.2 know only the classic settings: they must carry the values there.
print("classic", getattr(settings, "EMAIL_HOST", "-") if not hasattr(settings, "MAILERS") else "-")
connection = get_connection()
print(type(connection).__module__, connection.host, connection.port, connection.timeout)
send_mail("测试", "SMTP works", None, ["office@example.cn"], connection=connection)
"""


class _Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept one message and keep it."""

    def handle(self):
        self.wfile.write(b"220 test\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 go\r\n")
                body = b"".join(iter(self.rfile.readline, b".\r\n"))
                self.server.messages.append(body)
            if verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 test\r\n")
            elif verb != b"DATA":
                self.wfile.write(b"250 ok\r\n")
            else:
                self.wfile.write(b"250 queued\r\n")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Smtp)
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "pretend",
    ["", "django.VERSION = (6, 0, 0, 'final', 0)", "django.VERSION = (5, 2, 8, 'final', 0)"],
    ids=["installed-django", "as-django-6.0", "as-django-5.2"],
)
def test_smtp_settings_reach_the_mailer(smtp_server, tmp_path, pretend):
    port = smtp_server.server_address[1]
    env = {
        "PATH": "/usr/bin:/bin",
        "STDBASE_DATA_DIR": str(tmp_path),
        "STDBASE_EMAIL_HOST": "127.0.0.1",
        "STDBASE_EMAIL_PORT": str(port),
        "STDBASE_EMAIL_USE_TLS": "false",
        "STDBASE_EMAIL_TIMEOUT": "7",
        "PYTHONWARNINGS": "ignore",
    }
    result = subprocess.run(
        [sys.executable, "-c", SEND.format(pretend=pretend)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    classic = "127.0.0.1" if pretend else "-"
    assert result.stdout.split() == [
        "classic",
        classic,
        "django.core.mail.backends.smtp",
        "127.0.0.1",
        str(port),
        "7",
    ]
    assert len(smtp_server.messages) == 1 and b"SMTP works" in smtp_server.messages[0]
