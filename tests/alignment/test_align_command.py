"""`manage.py align SRC TGT`: files in, beads out, no database; bad input refused in words."""
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from alignment.engine import scoring
from translations.segmentation import split_sentences

PAIR = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "gold" / "en-de_002"


def _file(side: str) -> Path:
    (path,) = (PAIR / side).iterdir()
    return path


def _align(*args) -> str:
    out = StringIO()
    call_command("align", *map(str, args), stdout=out)
    return out.getvalue()


def test_vecalign_output_covers_every_sentence_in_order_and_matches_the_gold():
    text = _align(_file("src"), _file("tgt"), "--src-lang", "en", "--tgt-lang", "de",
                  "--presegmented")
    parsed = [scoring.parse_bead_line(line) for line in text.splitlines()]
    beads = [ids for ids, _conf in parsed]
    assert [i for s, _ in beads for i in s] == list(range(31))
    assert [j for _, t in beads for j in t] == list(range(31))
    assert all(0.0 <= conf <= 1.0 for _ids, conf in parsed)
    gold = scoring.read_beads(str(_file("gold")))
    assert scoring.score_documents([(gold, beads)])["f1_strict"] >= 0.9


def test_tsv_and_json_carry_the_sentences_side_by_side():
    src = _file("src").read_text(encoding="utf-8").splitlines()
    args = (_file("src"), _file("tgt"), "--src-lang", "en", "--tgt-lang", "de", "--presegmented")
    rows = [line.split("\t") for line in _align(*args, "--format", "tsv").splitlines()]
    assert all(len(row) == 3 for row in rows) and rows[0][0] == src[0]
    beads = json.loads(_align(*args, "--format", "json"))
    assert beads[0]["src"] == [0, 1] and beads[0]["src_text"] == src[0]
    assert " ".join(b["src_text"] for b in beads if b["src_text"]) == " ".join(src)


def test_plain_text_is_cut_into_sentences_by_the_workbench(tmp_path):
    src = tmp_path / "en.txt"
    src.write_text(" ".join(_file("src").read_text(encoding="utf-8").splitlines()),
                   encoding="utf-8")
    tgt = tmp_path / "de.txt"
    tgt.write_text(" ".join(_file("tgt").read_text(encoding="utf-8").splitlines()),
                   encoding="utf-8")
    beads = json.loads(_align(src, tgt, "--src-lang", "en", "--tgt-lang", "de",
                              "--format", "json"))
    expected = len(split_sentences(src.read_text(encoding="utf-8"), "en"))
    assert beads[-1]["src"][1] == expected > 20


def test_no_cache_neither_reads_nor_writes_the_embedding_cache(tmp_path):
    cache = tmp_path / "embeddings.sqlite3"
    args = (_file("src"), _file("tgt"), "--src-lang", "en", "--tgt-lang", "de", "--presegmented")
    with override_settings(EMBEDDING_CACHE_URL=f"sqlite:///{cache}"):
        _align(*args, "--no-cache")
        assert not cache.exists()
        _align(*args)
        assert cache.stat().st_size > 0


@pytest.mark.parametrize(
    "content, extra, message",
    [
        (None, ("--src-lang", "en", "--tgt-lang", "xx", "--presegmented"), "Unknown language xx"),
        ("One. Two.", (), "Give --src-lang and --tgt-lang"),
        (b"", ("--presegmented",), "contains no text"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, ("--presegmented",), "binary file"),
        ("missing", ("--presegmented",), "No such file"),
        (None, ("--presegmented", "--encoder", "word2vec"), "Unknown encoder 'word2vec'"),
    ],
)
def test_bad_input_is_refused_in_words(tmp_path, content, extra, message):
    src = tmp_path / "src.txt"
    if isinstance(content, bytes):
        src.write_bytes(content)
    elif content == "missing":
        src = tmp_path / "nowhere.txt"
    else:
        src.write_text(content or "Hello.", encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        _align(src, _file("tgt"), *extra)
