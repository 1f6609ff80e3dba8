"""Redis stops or restarts empty: starts are refused with 503, lost jobs are sent again."""
import shutil
import socket
import subprocess
import time

import pytest

from alignment import jobs
from alignment.models import Alignment
from tests.e2e.conftest import wait_for
from tests.e2e.test_worker import demo_pair, done

pytestmark = [pytest.mark.redis, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A redis-server of this test's own, so stopping it disturbs nothing else."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail("the test's redis-server did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def own_redis(monkeypatch):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed")
    server = OwnRedis(free_port())
    server.start()
    monkeypatch.setenv("TEST_REDIS_URL", f"redis://127.0.0.1:{server.port}/0")
    yield server
    server.stop()


def test_a_start_while_redis_is_down_is_refused_and_work_resumes_when_it_returns(
    own_redis, start_worker, transactional_db
):
    worker = start_worker()
    source, target = demo_pair("003_e2bc4d2289b87061", "de", "en")

    own_redis.stop()
    with pytest.raises(jobs.QueueUnavailable):
        jobs.start_alignment(source, target)
    alignment = Alignment.objects.get(source=source, target=target)
    assert alignment.status == Alignment.Status.FAILED
    assert "not queued" in alignment.error and not alignment.beads.exists()

    own_redis.start()
    assert worker.alive(), worker.log()
    alignment = jobs.start_alignment(source, target)
    wait_for(done(alignment), timeout=240, worker=worker)
    assert alignment.status == Alignment.Status.DONE, alignment.error
    assert alignment.bead_count >= 12


def test_a_job_whose_message_redis_lost_in_a_restart_is_sent_again_and_done(
    own_redis, start_worker, transactional_db
):
    source, target = demo_pair("003_e2bc4d2289b87061", "de", "en")
    alignment = jobs.start_alignment(source, target)  # queued; no worker runs yet
    own_redis.stop()
    own_redis.start()  # a Redis that keeps nothing on disk comes back empty
    worker = start_worker(ALIGNMENT_REQUEUE_AFTER_SECONDS=1,
                          ALIGNMENT_RECOVERY_INTERVAL_SECONDS=1)
    wait_for(done(alignment), timeout=240, worker=worker)
    assert alignment.status == Alignment.Status.DONE, alignment.error
    assert "re-sent stalled alignment" in worker.log()
