"""Django settings for StdBase, read from STDBASE_* environment variables.

The defaults describe the embedded mode (SQLite + FTS5, SQLite-backed task queue,
data under ./var). Setting STDBASE_DATABASE_URL and STDBASE_REDIS_URL switches the
same code to PostgreSQL and Redis-backed workers.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url
import django

from core import env

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env.get_str("DATA_DIR", str(BASE_DIR / "var")))
DATA_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env.get_bool("PRODUCTION", False)
DEBUG = env.get_bool("DEBUG", False)


def _secret_key() -> str:
    """Use STDBASE_SECRET_KEY; in embedded mode generate one once and keep it in DATA_DIR."""
    key = env.get_str("SECRET_KEY", required=PRODUCTION)
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS", [])
# Absolute links in emails, webhooks and feeds.
SITE_URL = env.get_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Outgoing requests (webhooks) may use ports 80, 443 and these (core/net.py); loopback and
# private addresses are always refused (tests alone set OUTGOING_ALLOW_LOOPBACK).
OUTGOING_ALLOWED_PORTS = [int(p) for p in env.get_list("OUTGOING_ALLOWED_PORTS")]
# A running background job without a heartbeat for this long is re-queued or failed.
JOB_STALE_SECONDS = env.get_int("JOB_STALE_SECONDS", 300, minimum=30)
# A queued job no worker has started after this long is given up with a visible failure.
JOB_QUEUE_MAX_SECONDS = env.get_int("JOB_QUEUE_MAX_SECONDS", 24 * 3600, minimum=600)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "huey.contrib.djhuey",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "core",
    "accounts",
    "audit",
    "bodies",
    "workflows",
    "catalog",
    "checks",
    "jobs",
    "notifications",
    "forwarding",
    "development",
    "talent",
    "verification",
    "research",
    "consulting",
    "governance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RejectNullBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.i18n.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionIdleTimeoutMiddleware",
    "accounts.middleware.AccountPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "audit.middleware.DeniedRequestAuditMiddleware",
]

ROOT_URLCONF = "stdbase.urls"
WSGI_APPLICATION = "stdbase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env.get_str("DATABASE_URL")
# Keep connections between requests: a new SQLite connection starts with an empty page
# cache and runs the PRAGMAs below, which cost more than the search itself.
CONN_MAX_AGE = env.get_int("DB_CONN_MAX_AGE", 600, minimum=0)
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "stdbase.sqlite3",
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                    "PRAGMA cache_size=-65536;PRAGMA mmap_size=268435456;"
                    "PRAGMA temp_store=MEMORY;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            "CONN_MAX_AGE": CONN_MAX_AGE,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Task queue -----------------------------------------------------------------------
REDIS_URL = env.get_str("REDIS_URL")
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "stdbase",
        "url": REDIS_URL,
        "immediate": False,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "stdbase",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        # Embedded default: run tasks in-process unless a consumer is started explicitly.
        "immediate": env.get_bool("TASKS_IMMEDIATE", True),
    }

# --- Caches ---------------------------------------------------------------------------
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.get_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
DATA_UPLOAD_MAX_MEMORY_SIZE = env.get_int("UPLOAD_MAX_MEMORY", 5 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
UPLOAD_MAX_BYTES = env.get_int("UPLOAD_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
# Office files (zip packages): how far one part and all parts together may decompress.
UPLOAD_MAX_EXPANDED_ENTRY_BYTES = env.get_int(
    "UPLOAD_MAX_EXPANDED_ENTRY_BYTES", 32 * 1024 * 1024, minimum=1024 * 1024
)
UPLOAD_MAX_EXPANDED_BYTES = env.get_int(
    "UPLOAD_MAX_EXPANDED_BYTES", 80 * 1024 * 1024, minimum=1024 * 1024
)

# --- Authentication and accounts (owned by the accounts/audit engineer) ----------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.get_int("PASSWORD_MIN_LENGTH", 10, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Fernet keys for personal-data fields (first encrypts, all decrypt; comma-separated).
# Without them a key is derived from SECRET_KEY, so rotating SECRET_KEY needs them set.
FIELD_ENCRYPTION_KEYS = env.get_list("FIELD_ENCRYPTION_KEYS", [])
AUTHENTICATION_BACKENDS = ["accounts.backends.StdBaseBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "accounts:login"
# Consecutive failures before an account is locked; each further failure doubles the lock.
LOGIN_FAILURE_LIMIT = env.get_int("LOGIN_FAILURE_LIMIT", 5, minimum=3)
LOGIN_LOCKOUT_SECONDS = env.get_int("LOGIN_LOCKOUT_SECONDS", 300, minimum=60)
LOGIN_LOCKOUT_MAX_SECONDS = 24 * 3600
PASSWORD_RESET_TIMEOUT = env.get_int("PASSWORD_RESET_TIMEOUT", 3600, minimum=300)
# Sessions end after inactivity (idle) and in any case after SESSION_COOKIE_AGE.
SESSION_IDLE_TIMEOUT = env.get_int("SESSION_IDLE_TIMEOUT", 1800, minimum=60)
SESSION_COOKIE_AGE = env.get_int("SESSION_MAX_AGE", 12 * 3600, minimum=300)
OTP_TOTP_ISSUER = env.get_str("OTP_ISSUER", "StdBase")
API_TOKEN_MAX_DAYS = env.get_int("API_TOKEN_MAX_DAYS", 365, minimum=1)
# Rate limits as "count/seconds", per client address, counted in the default cache.
RATE_LIMITS = {
    "login": env.get_str("RATE_LIMIT_LOGIN", "20/300"),
    "register": env.get_str("RATE_LIMIT_REGISTER", "5/3600"),
    "password_reset": env.get_str("RATE_LIMIT_PASSWORD_RESET", "5/3600"),
    "upload": env.get_str("RATE_LIMIT_UPLOAD", "30/3600"),
    "two_factor": env.get_str("RATE_LIMIT_TWO_FACTOR", "10/300"),
    "certificate_verify": env.get_str("RATE_LIMIT_CERTIFICATE_VERIFY", "60/300"),
}

# --- Email ----------------------------------------------------------------------------
# Embedded default: the console. SMTP when STDBASE_EMAIL_HOST is set, and always in
# production (to localhost unless configured), since a console mailer sends nothing.
_EMAIL_HOST = env.get_str("EMAIL_HOST")
if _EMAIL_HOST or PRODUCTION:
    _MAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _MAIL_OPTIONS = {
        "host": _EMAIL_HOST or "localhost",
        "port": env.get_int("EMAIL_PORT", 587 if _EMAIL_HOST else 25, minimum=1),
        "username": env.get_str("EMAIL_HOST_USER", ""),
        "password": env.get_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env.get_bool("EMAIL_USE_TLS", bool(_EMAIL_HOST)),
        "use_ssl": env.get_bool("EMAIL_USE_SSL", False),
        "timeout": env.get_int("EMAIL_TIMEOUT", 20, minimum=1),
    }
else:
    _MAIL_BACKEND = env.get_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    _MAIL_OPTIONS = {}
# MAILERS exists from Django 6.1 on (which refuses the old EMAIL_* settings beside it); 6.0
# and 5.2 read only the classic settings, so the same values are written the classic way.
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": _MAIL_BACKEND}}
    if _MAIL_OPTIONS:
        MAILERS["default"]["OPTIONS"] = _MAIL_OPTIONS
else:
    EMAIL_BACKEND = _MAIL_BACKEND
    if _MAIL_OPTIONS:
        EMAIL_HOST = _MAIL_OPTIONS["host"]
        EMAIL_PORT = _MAIL_OPTIONS["port"]
        EMAIL_HOST_USER = _MAIL_OPTIONS["username"]
        EMAIL_HOST_PASSWORD = _MAIL_OPTIONS["password"]
        EMAIL_USE_TLS = _MAIL_OPTIONS["use_tls"]
        EMAIL_USE_SSL = _MAIL_OPTIONS["use_ssl"]
        EMAIL_TIMEOUT = _MAIL_OPTIONS["timeout"]
DEFAULT_FROM_EMAIL = env.get_str("EMAIL_FROM", "StdBase <noreply@stdbase.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Audit trail ----------------------------------------------------------------------
AUDIT_RETENTION_MIN_DAYS = 180
AUDIT_RETENTION_DAYS = env.get_int("AUDIT_RETENTION_DAYS", 365, minimum=AUDIT_RETENTION_MIN_DAYS)
# HMAC key of the audit hash chain, kept outside the database (STDBASE_AUDIT_KEY or
# STDBASE_AUDIT_KEY_FILE; embedded default: DATA_DIR/audit_key, created once).
AUDIT_HMAC_KEY = env.get_secret("AUDIT_KEY", DATA_DIR / "audit_key")
# Where the hourly task appends chain anchors (head hash + time); unset = no periodic export.
AUDIT_ANCHOR_FILE = env.get_str("AUDIT_ANCHOR_FILE")
# Only behind a reverse proxy that sets X-Forwarded-For may the header name the client.
TRUST_X_FORWARDED_FOR = env.get_bool("TRUST_X_FORWARDED_FOR", bool(env.get_list("TRUSTED_PROXIES")))

# --- Security -------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_NAME = "stdbase_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.middleware.csrf_failure"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.get_bool("SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env.get_int("HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Production server (`stdbase serve`) ----------------------------------------------
# Addresses of the reverse proxies whose X-Forwarded-For/-Proto headers are believed
# (comma-separated); setting them also makes the audit trail read X-Forwarded-For.
TRUSTED_PROXIES = env.get_list("TRUSTED_PROXIES", [])
# Check a kept database connection before reusing it, so that a restarted PostgreSQL
# costs the requests in flight at most, never the connections of every worker.
for _database in DATABASES.values():
    _database["CONN_HEALTH_CHECKS"] = True

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "core.api.exceptions.exception_handler",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.api.permissions.TokenScopePermission"],
    # Per-scope limits for anonymous clients (core.api.throttling), e.g. "60/min".
    "DEFAULT_THROTTLE_RATES": {
        "search": env.get_str("API_SEARCH_RATE", "60/min"),
        "export": env.get_str("API_EXPORT_RATE", "10/min"),
    },
}
SPECTACULAR_SETTINGS = {
    # ASCII: drf-spectacular names the schema download after it (Content-Disposition).
    "TITLE": "StdBase API",
    "DESCRIPTION": "标准化创新云服务平台的开放 API：标准目录、检索、分类与标准查新。"
    "Open API of the standardisation innovation cloud service platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and ReDoc assets from drf-spectacular-sidecar: no CDN (CSP).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StandardStatusEnum": "catalog.models.Status",
        "VerdictEnum": "catalog.editions.verdicts.Verdict",
        "AdoptionDegreeEnum": "catalog.models.AdoptionDegree",
        "ProjectLevelEnum": "development.models.projects.Level",
        "CourseLevelEnum": "talent.models.training.Level",
        "CommentKindEnum": "development.models.comments.CommentKind",
        "JudgementVerdictEnum": "verification.models.conformity.Verdict",
        "AccreditationKindEnum": "verification.models.centres.Accreditation.Kind",
        "RoundKindEnum": "verification.models.rounds.PrecisionRound.Kind",
        "ReportKindEnum": "research.models.library.ReportKind",
        "ConsultingKindEnum": "consulting.models.requests.Kind",
    },
}

# --- Search ---------------------------------------------------------------------------
# "auto" picks SQLite FTS5 or PostgreSQL full-text search from the database vendor.
SEARCH_BACKEND = env.get_str("SEARCH_BACKEND", "auto")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Phone numbers, ID numbers and email addresses are masked before anything is written.
    "filters": {"personal_data": {"()": "core.logging.PersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
