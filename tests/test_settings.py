"""Settings come from the environment, and bad values stop start-up with the variable's name."""
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


def clean_env(env: dict) -> dict:
    """Return this environment plus env, without what browser tests set for themselves."""
    full_env = {**os.environ, **env}
    full_env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return full_env


def start(env: dict) -> subprocess.CompletedProcess:
    full_env = clean_env(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=REPO, env=full_env,
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
        ({"MAX_UPLOAD_BYTES": "lots"}, "MAX_UPLOAD_BYTES must be an integer"),
        ({"WORKBENCH_MODE": "production", "SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"WORKBENCH_MODE": "staging"}, "WORKBENCH_MODE must be embedded or production"),
        ({"DATABASE_URL": "nosuchdb://x"}, "DATABASE_URL is not a usable database URL"),
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable(env, message, tmp_path):
    result = start({"DATA_DIR": str(tmp_path), **env})
    assert result.returncode != 0
    assert message in result.stderr


def test_the_embedded_default_starts_with_no_configuration(tmp_path):
    result = start({"DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "secret_key").exists()


def test_production_settings_pass_the_deploy_checks(tmp_path):
    env = {
        "DATA_DIR": str(tmp_path), "WORKBENCH_MODE": "production",
        "SECRET_KEY": "k3J9-vQ2_xP8#mZ4@tR7!wL1%nB6^cY5" * 2,
        "ALLOWED_HOSTS": "workbench.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=clean_env(env), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_mode_turns_debug_off_by_default(tmp_path):
    code = "from django.conf import settings; print(settings.DEBUG)"
    env = {**os.environ, "DATA_DIR": str(tmp_path), "WORKBENCH_MODE": "production",
           "SECRET_KEY": "x7" * 40, "DJANGO_SETTINGS_MODULE": "workbench.settings"}
    env.pop("DEBUG", None)
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.django_db
def test_every_page_forbids_inline_script(client):
    response = client.get("/accounts/login/", follow=True)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_an_unreachable_database_gives_a_clear_503_not_a_crash(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        "client.cookies['sessionid'] = 'x' * 32\n"
        "page = client.get('/')\n"
        "api = client.get('/api/v1/projects/')\n"
        "print(page.status_code, api.status_code, api.json()['error']['code'])\n"
    )
    env = {**os.environ, "DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "workbench.settings",
           "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["503", "503", "database_unavailable"], result.stderr[-2000:]
