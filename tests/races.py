"""Run edits at the same moment in threads, each with its own database connection."""
import threading

from django.db import connection


def race(*edits):
    """Run the edits in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(edits))
    outcomes = [None] * len(edits)

    def run(index, edit):
        barrier.wait(timeout=20)
        try:
            outcomes[index] = edit()
        except Exception as exc:  # the outcome under test may be any refusal
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, e)) for i, e in enumerate(edits)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def in_thread(work):
    """Start `work` in a thread with its own connection; return the thread and its outcome."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except Exception as exc:  # the outcome under test may be any failure
            outcome["value"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome
