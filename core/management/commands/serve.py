"""`stdbase serve`: the production web server (gunicorn, threaded workers, access log).

Workers default to the CPU count plus one and each runs threads, because a request mostly
waits on the database; SIGHUP reloads the code and settings gracefully (new workers start,
old ones finish their requests), SIGTERM stops after the requests in flight. Client
address and scheme headers are believed only from STDBASE_TRUSTED_PROXIES.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand

from core import env

ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'


def default_workers() -> int:
    """One worker per CPU plus one, overridable with STDBASE_WEB_WORKERS."""
    return env.get_int("WEB_WORKERS", (os.cpu_count() or 1) + 1, minimum=1)


def server_options(options: dict) -> dict:
    """The gunicorn settings for the given command-line options."""
    return {
        "bind": [options["bind"]],
        "workers": options["workers"],
        "worker_class": "gthread",
        "threads": options["threads"],
        "accesslog": options["access_log"],
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "forwarded_allow_ips": ",".join(settings.TRUSTED_PROXIES) or "127.0.0.1,::1",
        "proxy_allow_ips": ",".join(settings.TRUSTED_PROXIES) or "127.0.0.1,::1",
        "timeout": options["timeout"],
        "graceful_timeout": options["timeout"],
        "keepalive": 5,
        # Recycle workers now and then so that no slow leak can accumulate.
        "max_requests": 20000,
        "max_requests_jitter": 2000,
        "limit_request_line": 8190,
        "proc_name": "stdbase",
    }


class Command(BaseCommand):
    help = "Serve StdBase with the production server (gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=env.get_str("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument("--threads", type=int, default=env.get_int("WEB_THREADS", 4))
        parser.add_argument("--timeout", type=int, default=env.get_int("WEB_TIMEOUT", 60))
        parser.add_argument(
            "--access-log", default=env.get_str("ACCESS_LOG", "-"), help="file, or - for stdout"
        )

    def handle(self, *args, **options):
        from gunicorn.app.base import BaseApplication

        from stdbase.wsgi import application

        config = server_options(options)

        class Server(BaseApplication):
            def load_config(self):
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        Server().run()
