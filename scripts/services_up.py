"""Exit 0 when the test PostgreSQL and Redis servers answer, 1 otherwise (used by bin/test)."""
import os
import socket
import sys
from urllib.parse import urlparse


def reachable(url: str, default_port: int) -> bool:
    """Say whether a TCP connection to the URL's host and port succeeds."""
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    ok = reachable(os.environ["TEST_POSTGRES_URL"], 5432) and reachable(
        os.environ["TEST_REDIS_URL"], 6379
    )
    sys.exit(0 if ok else 1)
