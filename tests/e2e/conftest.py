"""Real Celery worker processes (prefork pool) on the test database and the test broker."""
import os
import signal
import subprocess
import sys
import time

import pytest
import redis
from django.db import connection

from tests.conftest import REPO


def database_url() -> str:
    """Return a URL for the test database this pytest process created."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """One `celery worker` process group, started as a user would start it."""

    def __init__(self, env: dict, log_path) -> None:
        self.log_path = log_path
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workbench", "worker",
             "-Q", "celery,alignment", "--pool", "prefork", "--concurrency", "1",
             "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=REPO, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text()[-4000:]

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole group: the main process and its pool child, mid-work."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def redis_broker(monkeypatch):
    """Send this process's tasks to the test Redis, whatever the default broker is."""
    from workbench.celery import app

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    # The test database is new each run but Redis is not: messages an earlier run left
    # queued would name alignments whose ids this run reuses. The test Redis is ours to empty.
    redis.Redis.from_url(url).flushdb()
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", url)
    monkeypatch.setattr(app.conf, "broker_url", url)
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    yield url
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def start_worker(transactional_db, redis_broker, tmp_path):
    """Return a function that starts a worker (with extra environment); all stop afterwards."""
    workers = []

    def start(**extra_env) -> Worker:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": redis_broker,
            "EMBEDDING_CACHE_URL": f"sqlite:///{tmp_path / 'embeddings.sqlite3'}",
            **{key: str(value) for key, value in extra_env.items()},
        }
        worker = Worker(env, tmp_path / f"worker{len(workers)}.log")
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def wait_for(predicate, timeout: float, worker: Worker) -> None:
    """Poll until predicate() is true; fail with the worker's log otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if not worker.alive():
            break
        time.sleep(0.2)
    pytest.fail(f"timed out; worker log:\n{worker.log()}")
