"""Settings come from the environment, and bad values stop start-up with the variable's name."""
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


def start(env: dict) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **env}
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
