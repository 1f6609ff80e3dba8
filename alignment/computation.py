"""Bridge between stored alignments and the pure engine: load sentences, align, store beads."""
from functools import lru_cache

from django.conf import settings

from alignment.engine.aligner import AlignParams, align
from alignment.engine.aligner import Bead as EngineBead
from alignment.engine.cache import CachedEncoder, open_cache
from alignment.engine.encoders import get_encoder
from alignment.models import Alignment, Bead


@lru_cache(maxsize=4)
def process_encoder(name: str) -> CachedEncoder:
    """Return this process's encoder, built on first use.

    Never at import: the bundled engine uses OpenMP, which a forked child cannot reuse.
    """
    return CachedEncoder(get_encoder(name), open_cache(settings.EMBEDDING_CACHE_URL))


def sentences_of(version) -> list[str]:
    """Return the version's sentence texts in order."""
    return list(version.segments.order_by("position").values_list("text", flat=True))


def compute(alignment: Alignment, progress=None):
    """Align the two versions, keeping every human-made bead as an anchor."""
    anchors = [
        EngineBead(b.src_start, b.src_end, b.tgt_start, b.tgt_end, b.confidence)
        for b in alignment.beads.exclude(state=Bead.State.AUTO)
    ]
    params = AlignParams(**alignment.params) if alignment.params else AlignParams()
    return align(
        sentences_of(alignment.source),
        sentences_of(alignment.target),
        process_encoder(alignment.encoder),
        src_lang=alignment.source.language,
        tgt_lang=alignment.target.language,
        params=params,
        anchors=anchors,
        progress=progress,
    )


def replace_beads(alignment: Alignment, engine_beads) -> None:
    """Store a new bead list, keeping the rows (state, author) of beads a person made."""
    kept = {b.ranges(): b for b in alignment.beads.exclude(state=Bead.State.AUTO)}
    new_ranges = {(b.src_start, b.src_end, b.tgt_start, b.tgt_end) for b in engine_beads}
    if not kept.keys() <= new_ranges:
        # Never drop a translator's work: refuse a result that does not keep every anchor.
        raise ValueError("The aligner's result does not keep every confirmed bead.")
    alignment.beads.all().delete()
    rows = []
    for eb in engine_beads:
        ranges = (eb.src_start, eb.src_end, eb.tgt_start, eb.tgt_end)
        human = kept.get(ranges)
        rows.append(
            Bead(
                alignment=alignment,
                src_start=eb.src_start, src_end=eb.src_end,
                tgt_start=eb.tgt_start, tgt_end=eb.tgt_end,
                confidence=1.0 if human else float(min(max(eb.confidence, 0.0), 1.0)),
                state=human.state if human else Bead.State.AUTO,
                revision=human.revision if human else 1,
                updated_by=human.updated_by if human else None,
            )
        )
    Bead.objects.bulk_create(rows)
    alignment.record_change()
