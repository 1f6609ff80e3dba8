"""Load test: concurrent translators reading and editing beads of one long alignment.

Runs the production shape on this machine (PostgreSQL, Redis, gunicorn with several
workers, Celery workers aligning the demo corpus meanwhile), loopback only and bounded in
time, then prints requests per second, latency percentiles, errors, and checks that no
edit was lost by comparing the operation log with the final beads.

    .venv/bin/python scripts/loadtest.py --users 50 --beads 5000 --seconds 60
"""
import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PORT = 8765


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--beads", type=int, default=5000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause of a translator between two actions, in seconds")
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    parser.add_argument("--celery-workers", type=int, default=2)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/workbench_load")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    return parser.parse_args()


def production_env(args, data_dir: Path) -> dict:
    return {
        **os.environ, "WORKBENCH_MODE": "production", "SECRET_KEY": "load-test-" + "k" * 50,
        "DATABASE_URL": args.postgres, "CELERY_BROKER_URL": args.redis,
        "EMBEDDING_CACHE_URL": f"sqlite:///{data_dir / 'embeddings.sqlite3'}",
        "DATA_DIR": str(data_dir), "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1", "API_THROTTLE_USER": "100000/minute",
        "DJANGO_SETTINGS_MODULE": "workbench.settings", "LOG_LEVEL": "WARNING",
    }


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed(args) -> tuple[int, dict[str, str]]:
    """Create reviewers with tokens and an alignment of N 1-1 beads; return its id and tokens."""
    import django

    django.setup()
    from alignment.models import Alignment, Bead
    from tests.factories import UserFactory
    from translations import services
    from translations.importers import import_text
    from translations.tokens import create_token

    owner = UserFactory(username="load-owner")
    project = services.create_project("Load test", owner)
    document = services.create_document(project, "Long report", "de")
    source = services.add_version(document, import_text(
        "\n\n".join(f"Satz Nummer {i} steht hier." for i in range(args.beads))), language="de")
    target = services.add_version(document, import_text(
        "\n\n".join(f"Sentence number {i} stands here." for i in range(args.beads))),
        language="en")
    alignment = Alignment.objects.create(source=source, target=target, encoder="e5-small",
                                         status=Alignment.Status.DONE)
    Bead.objects.bulk_create(
        Bead(alignment=alignment, src_start=i, src_end=i + 1, tgt_start=i, tgt_end=i + 1,
             confidence=random.random()) for i in range(args.beads))
    alignment.record_change()
    tokens = {}
    for n in range(args.users):
        user = UserFactory(username=f"reviewer{n}")
        services.set_member(project, user, "reviewer")
        tokens[user.username] = create_token(user, "load test")[1]
    return alignment.pk, tokens


def start_servers(args, env: dict, data_dir: Path) -> list[subprocess.Popen]:
    log = (data_dir / "servers.log").open("w")
    servers = [subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "workbench.wsgi", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(args.gunicorn_workers), "--timeout", "60"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)]
    # Workers encode at low priority with one thread each, as on a shared machine; the web
    # server must stay responsive while they work.
    worker_env = {**env, "OMP_NUM_THREADS": "1"}
    for n in range(args.celery_workers):
        servers.append(subprocess.Popen(
            ["nice", "-n", "19", sys.executable, "-m", "celery", "-A", "workbench", "worker", "-Q",
             "celery,alignment", "--concurrency", "1", "-n", f"load{n}@%h",
             "--loglevel", "WARNING"],
            cwd=REPO, env=worker_env, stdout=log, stderr=subprocess.STDOUT))
    wait_until_up()
    return servers


def wait_until_up(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/api/schema/")
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not come up")


def keep_aligning(stop: threading.Event) -> None:
    """Re-run the demo alignments in the background so workers are busy during the test."""
    from alignment import jobs
    from translations.demo import load_demo

    documents = [d for d in load_demo().documents if d.versions.count() > 1]
    while not stop.is_set():
        for document in documents:
            jobs.align_document(document)
        stop.wait(15)


class Client:
    """One translator: a keep-alive connection, a token, and a record of what happened."""

    def __init__(self, token: str, alignment_id: int, beads: int, stats, think: float) -> None:
        self.think = think
        self.headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
        self.base = f"/api/v1/alignments/{alignment_id}/beads/"
        self.pages = max(1, beads // 50)
        self.stats = stats
        self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)

    def call(self, kind: str, method: str, path: str, body: dict | None = None):
        started = time.perf_counter()
        try:
            self.conn.request(method, path, json.dumps(body) if body else None, self.headers)
            response = self.conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.stats.record(kind, time.perf_counter() - started, 599)
            return 599, None
        self.stats.record(kind, time.perf_counter() - started, response.status)
        return response.status, json.loads(payload) if payload else None

    def session(self, until: float) -> None:
        while time.monotonic() < until:
            time.sleep(random.uniform(0.5, 1.5) * self.think)
            page = random.randint(1, self.pages)
            status, body = self.call("list", "GET", f"{self.base}?page={page}&page_size=50")
            if status != 200 or not body["results"]:
                continue
            bead = random.choice(body["results"])
            action = "unconfirm" if bead["state"] == "confirmed" else "confirm"
            status, result = self.call(action, "POST", f"{self.base}{bead['id']}/{action}/",
                                       {"revision": bead["revision"]})
            if status == 200:
                self.stats.landed(result["beads"][0])


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.status = defaultdict(int)
        self.edits: dict[tuple, str] = {}
        self.edit_count = 0

    def record(self, kind: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latency[kind].append(seconds)
            self.status[status] += 1

    def landed(self, bead: dict) -> None:
        with self.lock:
            self.edits[(bead["src_start"], bead["tgt_start"])] = bead["state"]
            self.edit_count += 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def report(stats: Stats, seconds: float) -> None:
    total = sum(len(v) for v in stats.latency.values())
    print(f"requests: {total} in {seconds:.0f} s = {total / seconds:.0f} req/s")
    print(f"status codes: {dict(sorted(stats.status.items()))}")
    print("kind        count   p50 ms   p95 ms   p99 ms   mean ms")
    for kind, values in sorted(stats.latency.items()):
        print(f"{kind:10} {len(values):6} {percentile(values, .5):8.1f} "
              f"{percentile(values, .95):8.1f} {percentile(values, .99):8.1f} "
              f"{statistics.mean(values) * 1000:8.1f}")


def check_no_lost_edit(alignment_id: int, stats: Stats) -> bool:
    """Every edit a client saw land is in the log, and each bead ends as its last edit left it."""
    from alignment.models import Alignment, Operation

    alignment = Alignment.objects.get(pk=alignment_id)
    logged = Operation.objects.filter(alignment=alignment).count()
    final = {(b.src_start, b.tgt_start): b.state for b in alignment.beads.all()}
    last_logged = {}
    for op in Operation.objects.filter(alignment=alignment).order_by("created", "id"):
        for item in op.after:
            last_logged[(item["src"][0], item["tgt"][0])] = item["state"]
    mismatches = sum(final[key] != state for key, state in last_logged.items())
    covered = sorted(final) == [(i, i) for i in range(len(final))]
    print(f"edits landed: {stats.edit_count}, operations logged: {logged}, "
          f"beads differing from their last logged state: {mismatches}, "
          f"every sentence still in exactly one bead: {covered}")
    return logged == stats.edit_count and mismatches == 0 and covered


def main() -> int:
    args = parse_args()
    data_dir = Path(os.environ.get("LOAD_DATA_DIR", "/tmp/workbench-load"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env = production_env(args, data_dir)
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    recreate_database(args.postgres)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    alignment_id, tokens = seed(args)
    servers = start_servers(args, env, data_dir)
    stop = threading.Event()
    background = threading.Thread(target=keep_aligning, args=(stop,), daemon=True)
    background.start()
    stats = Stats()
    try:
        started = time.monotonic()
        until = started + args.seconds
        clients = [Client(t, alignment_id, args.beads, stats, args.think) for t in tokens.values()]
        threads = [threading.Thread(target=c.session, args=(until,)) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    print(f"{args.users} users (think time {args.think} s), {args.beads} beads, "
          f"{args.gunicorn_workers} gunicorn workers, "
          f"{args.celery_workers} Celery workers aligning meanwhile")
    report(stats, elapsed)
    errors = sum(count for status, count in stats.status.items() if status >= 500)
    intact = check_no_lost_edit(alignment_id, stats)
    print(f"server errors: {errors}; no lost edit: {intact}")
    return 0 if errors == 0 and intact else 1


if __name__ == "__main__":
    sys.exit(main())
