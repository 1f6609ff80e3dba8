"""Persistent embedding cache keyed by (encoder id, sha256 of the text), shared by processes."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from abc import ABC, abstractmethod

import numpy as np

from .encoders.base import Encoder, empty


def text_key(text: str) -> bytes:
    """Return the sha256 digest that identifies a text in the cache."""
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache(ABC):
    """Maps (encoder id, text key) to a float32 vector."""

    @abstractmethod
    def get_many(self, encoder_id: str, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        """Return the cached vectors among `keys`."""

    @abstractmethod
    def put_many(self, encoder_id: str, items: dict[bytes, np.ndarray]) -> None:
        """Store vectors (existing entries are left as they are)."""


class SqliteEmbeddingCache(EmbeddingCache):
    """A SQLite file in WAL mode: many readers and one writer at a time, across processes."""

    _SCHEMA = (
        "CREATE TABLE IF NOT EXISTS embedding ("
        " encoder TEXT NOT NULL, key BLOB NOT NULL, vector BLOB NOT NULL,"
        " PRIMARY KEY (encoder, key)) WITHOUT ROWID"
    )
    _CHUNK = 500  # stays under SQLite's bound-parameter limit

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        self._local = threading.local()
        self._connect()  # create the file and table now, so errors show early

    def _connect(self) -> sqlite3.Connection:
        # One connection per process and thread: SQLite connections must not cross a fork.
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            return conn
        conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(self._SCHEMA)
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def get_many(self, encoder_id, keys):
        """Return the cached vectors among `keys`."""
        conn, found = self._connect(), {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), self._CHUNK):
            chunk = unique[start : start + self._CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = conn.execute(
                f"SELECT key, vector FROM embedding WHERE encoder = ? AND key IN ({marks})",
                [encoder_id, *chunk],
            )
            for key, blob in rows:
                found[bytes(key)] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, encoder_id, items):
        """Store vectors in one transaction (concurrent writers wait on SQLite's lock)."""
        if not items:
            return
        rows = [(encoder_id, k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()]
        conn = self._connect()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT OR IGNORE INTO embedding VALUES (?, ?, ?)", rows)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


class RedisEmbeddingCache(EmbeddingCache):
    """Vectors as Redis strings under 'emb:<encoder id>:<hex key>' (shared by machines)."""

    def __init__(self, url: str, prefix: str = "emb", ttl: int | None = None):
        import redis

        self.client = redis.Redis.from_url(url)
        self.prefix, self.ttl = prefix, ttl

    def _name(self, encoder_id: str, key: bytes) -> str:
        return f"{self.prefix}:{encoder_id}:{key.hex()}"

    def get_many(self, encoder_id, keys):
        """Return the cached vectors among `keys` (one MGET)."""
        unique = list(dict.fromkeys(keys))
        if not unique:
            return {}
        blobs = self.client.mget([self._name(encoder_id, k) for k in unique])
        pairs = zip(unique, blobs, strict=True)
        return {k: np.frombuffer(b, dtype=np.float32) for k, b in pairs if b is not None}

    def put_many(self, encoder_id, items):
        """Store vectors in one pipeline."""
        pipe = self.client.pipeline(transaction=False)
        for k, v in items.items():
            pipe.set(self._name(encoder_id, k), np.asarray(v, np.float32).tobytes(), ex=self.ttl)
        pipe.execute()


def open_cache(url: str | None) -> EmbeddingCache | None:
    """Open 'sqlite:///abs/path', 'redis://...' (or rediss://); None or '' means no cache."""
    if not url:
        return None
    if url.startswith("sqlite:///"):
        return SqliteEmbeddingCache(url[len("sqlite:///") - 1 :])
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisEmbeddingCache(url)
    raise ValueError(f"Unsupported embedding cache URL {url!r} (use sqlite:///path or redis://).")


class CachedEncoder(Encoder):
    """An encoder that only encodes the texts its cache lacks, and counts what it encoded."""

    def __init__(self, encoder: Encoder, cache: EmbeddingCache | None):
        self.encoder, self.cache = encoder, cache
        self.id = encoder.id
        self.check_dim, self.check_id = encoder.check_dim, encoder.check_id
        self.reset_counts()

    @property
    def dim(self) -> int:  # type: ignore[override]
        return self.encoder.dim

    def reset_counts(self) -> None:
        """Zero the counters the benchmark reads."""
        self.calls = 0  # calls that reached the real encoder
        self.sentences_encoded = 0
        self.chars_encoded = 0
        self.cache_hits = 0
        self.check_texts_encoded = 0  # texts (clauses) the checker alone encoded
        self.check_chars_encoded = 0

    def encode(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """Look texts up in the cache, encode the missing ones once, store them."""
        if not sentences:
            return empty(self.encoder.dim)
        vectors, texts = self._cached(self.id, self.encoder.encode, sentences, language)
        if texts:
            self.calls += 1
            self.sentences_encoded += len(texts)
            self.chars_encoded += sum(len(t) for t in texts)
        return vectors

    def encode_check(self, sentences: list[str], language: str | None = None) -> np.ndarray:
        """The checker's vectors alone, cached under the checker's own id."""
        if not sentences:
            return empty(self.check_dim)
        vectors, texts = self._cached(self.check_id, self.encoder.encode_check, sentences,
                                      language)
        self.check_texts_encoded += len(texts)
        self.check_chars_encoded += sum(len(t) for t in texts)
        return vectors

    def _cached(self, encoder_id: str, encode, sentences: list[str], language: str | None):
        """Vectors of the sentences, and the texts that had to be encoded."""
        keys = [text_key(s) for s in sentences]
        found = self.cache.get_many(encoder_id, keys) if self.cache else {}
        missing = {k: s for k, s in zip(keys, sentences, strict=True) if k not in found}
        self.cache_hits += len(sentences) - sum(1 for k in keys if k in missing)
        texts = list(missing.values())
        if texts:
            new = dict(zip(missing.keys(), encode(texts, language), strict=True))
            if self.cache:
                self.cache.put_many(encoder_id, new)
            found.update(new)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False), texts
