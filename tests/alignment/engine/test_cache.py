"""The embedding cache: hits avoid encoding, files are shared, CachedEncoder counts work."""
import os
import uuid

import numpy as np
import pytest

from alignment.engine.cache import CachedEncoder, SqliteEmbeddingCache, open_cache

from .conftest import ConceptEncoder


def test_cache_hit_avoids_reencoding_and_is_shared_across_objects(tmp_path):
    path = tmp_path / "emb.sqlite"
    inner = ConceptEncoder()
    first = CachedEncoder(inner, SqliteEmbeddingCache(str(path)))
    a = first.encode(["c1 x", "c2 y", "c1 x"])
    assert (inner.calls, inner.texts_encoded) == (1, 2)  # duplicates encoded once
    second = CachedEncoder(inner, open_cache(f"sqlite:///{path}"))
    b = second.encode(["c2 y", "c1 x", "c3 z"])
    assert (inner.calls, inner.texts_encoded) == (2, 3)  # only the new text
    assert second.cache_hits == 2 and second.sentences_encoded == 1
    np.testing.assert_allclose(b[1], a[0])
    assert b.dtype == np.float32 and b.shape == (3, inner.dim)


def test_cache_is_keyed_by_encoder_id(tmp_path):
    cache = SqliteEmbeddingCache(str(tmp_path / "e.sqlite"))
    one, other = ConceptEncoder(), ConceptEncoder()
    other.id = "test/other@1"
    CachedEncoder(one, cache).encode(["c1"])
    CachedEncoder(other, cache).encode(["c1"])
    assert other.calls == 1


def test_no_cache_and_empty_input():
    enc = CachedEncoder(ConceptEncoder(), open_cache(None))
    assert enc.encode([]).shape == (0, 64)
    enc.encode(["c1", "c1"])
    assert enc.sentences_encoded == 1


def test_unknown_cache_url_is_refused():
    with pytest.raises(ValueError):
        open_cache("ftp://nowhere")


def test_cache_survives_a_fork(tmp_path):
    cache = SqliteEmbeddingCache(str(tmp_path / "f.sqlite"))
    CachedEncoder(ConceptEncoder(), cache).encode(["c1"])
    pid = os.fork()
    if pid == 0:  # child: must open its own connection and see the parent's rows
        inner = ConceptEncoder()
        CachedEncoder(inner, cache).encode(["c1", "c2"])
        os._exit(0 if inner.texts_encoded == 1 else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert len(cache.get_many(ConceptEncoder.id, [])) == 0


@pytest.mark.redis
def test_redis_cache_round_trip():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    cache = open_cache(url)
    inner = ConceptEncoder()
    # Redis outlives test runs, and a fresh CI container can reuse a pid: a unique id
    # keeps an earlier run's vectors from turning the first encode into a cache hit.
    inner.id = f"test/redis-{uuid.uuid4().hex}"
    CachedEncoder(inner, cache).encode(["c1 r", "c2 r"])
    again = CachedEncoder(inner, open_cache(url))
    again.encode(["c2 r", "c1 r"])
    assert inner.calls == 1 and again.cache_hits == 2
