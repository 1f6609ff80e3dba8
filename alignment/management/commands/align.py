"""`manage.py align SRC TGT`: align two plain text files; prints beads, touches no database."""
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alignment.engine.aligner import align
from alignment.engine.cache import CachedEncoder, open_cache
from alignment.engine.encoders import DEFAULT_ENCODER, get_encoder
from alignment.engine.scoring import format_bead
from translations.importers import check_text, decode_text
from translations.segmentation import split_sentences
from translations.services import check_language
from workbench.errors import WorkbenchError


def read_text(path: str) -> str:
    """The file's text, decoded as an upload is; unreadable files are refused in words."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        return check_text(decode_text(data)[0])
    except OSError as exc:
        raise CommandError(f"{path}: {exc.strerror}") from None
    except WorkbenchError as exc:
        raise CommandError(f"{path}: {exc.message}") from None


def read_sentences(path: str, language: str | None, presegmented: bool) -> list[str]:
    """One sentence per line when presegmented, else the workbench's own segmentation."""
    text = read_text(path)
    if presegmented:
        return text.splitlines()
    if not language:
        raise CommandError("Give --src-lang and --tgt-lang to segment, or use --presegmented.")
    return [s.text for s in split_sentences(text, language)]


def render(beads, src, tgt, fmt: str) -> str:
    """Beads as vecalign lines, TSV of sentence pairs, or JSON."""
    if fmt == "vecalign":
        return "\n".join(
            format_bead(range(b.src_start, b.src_end), range(b.tgt_start, b.tgt_end),
                        b.confidence) for b in beads)
    if fmt == "tsv":
        return "\n".join(
            "\t".join((" ".join(src[b.src_start:b.src_end]), " ".join(tgt[b.tgt_start:b.tgt_end]),
                       f"{b.confidence:.2f}")) for b in beads)
    return json.dumps([
        {"src": [b.src_start, b.src_end], "tgt": [b.tgt_start, b.tgt_end],
         "confidence": round(b.confidence, 4),
         "src_text": " ".join(src[b.src_start:b.src_end]),
         "tgt_text": " ".join(tgt[b.tgt_start:b.tgt_end])} for b in beads
    ], ensure_ascii=False, indent=1)


class Command(BaseCommand):
    help = "Align two text files sentence by sentence and print the beads."

    def add_arguments(self, parser):
        parser.add_argument("src")
        parser.add_argument("tgt")
        parser.add_argument("--src-lang")
        parser.add_argument("--tgt-lang")
        parser.add_argument("--presegmented", action="store_true",
                            help="each line is one sentence as given")
        parser.add_argument("--format", choices=("vecalign", "tsv", "json"), default="vecalign")
        parser.add_argument("--no-cache", action="store_true",
                            help="neither read nor write the embedding cache")
        parser.add_argument("--encoder", default=None,
                            help=f"default {DEFAULT_ENCODER}; e5-small, use-m3, st:<model>")
        parser.add_argument("--stats", action="store_true", help="print run statistics to stderr")

    def handle(self, *args, **opts):
        try:
            for code in (opts["src_lang"], opts["tgt_lang"]):
                if code is not None:
                    check_language(code)
        except WorkbenchError as exc:
            raise CommandError(exc.message) from None
        try:
            encoder = get_encoder(opts["encoder"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        src = read_sentences(opts["src"], opts["src_lang"], opts["presegmented"])
        tgt = read_sentences(opts["tgt"], opts["tgt_lang"], opts["presegmented"])
        url = None if opts["no_cache"] else getattr(settings, "EMBEDDING_CACHE_URL", None)
        result = align(src, tgt, CachedEncoder(encoder, open_cache(url)),
                       src_lang=opts["src_lang"], tgt_lang=opts["tgt_lang"])
        self.stdout.write(render(result.beads, src, tgt, opts["format"]))
        if opts["stats"]:
            stats = {k: v for k, v in result.stats.items() if k != "params"}
            self.stderr.write(json.dumps(stats, default=str))
