"""scripts/gold_from_public.py: public gold files in, the benchmark's gold layout out."""
import json
import re
import sys
from io import StringIO
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.management import call_command

from scripts import gold_from_public

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "demo" / "gold"
EQUAL_SIDES = "en-de_002"  # 31 sentences a side: either side order of the ids would fit
UNEQUAL_SIDES = "de-en_003"  # 15 / 17


def _demo(pair=EQUAL_SIDES):
    def text(side):
        (path,) = (DEMO / pair / side).iterdir()
        return path.read_text(encoding="utf-8")

    return text("src").splitlines(), text("tgt").splitlines(), text("gold")


def _convert(monkeypatch, kind, raw, out, *extra):
    monkeypatch.setattr(sys, "argv", ["gold_from_public", kind, str(raw), str(out),
                                      "--langs", "en-de", "--origin", "test", *extra])
    gold_from_public.main()


def _intertext_text(lines):
    body = "".join(f'<s id="1:{k + 1}">{escape(line)}</s>' for k, line in enumerate(lines))
    return f"<?xml version='1.0' encoding='utf-8'?><text><p id=\"1\">{body}</p></text>"


def _write_intertext(raw, src, tgt, gold_text, target_ids_first=True):
    """The demo pair as InterText files; like the MAC files, the target's ids come first."""
    raw.mkdir()
    (raw / "c.1_en.xml").write_text(_intertext_text(src), encoding="utf-8")
    (raw / "c.1_de.xml").write_text(_intertext_text(tgt), encoding="utf-8")
    links = []
    for line in gold_text.splitlines():
        s, t = (re.findall(r"\d+", part) for part in line.split(":"))
        s_ids = " ".join(f"1:{int(i) + 1}" for i in s)
        t_ids = " ".join(f"1:{int(j) + 1}" for j in t)
        xt = f"{t_ids};{s_ids}" if target_ids_first else f"{s_ids};{t_ids}"
        links.append(f"<link xtargets='{xt}'/>")
    (raw / "c.1_en.1_de.xml").write_text(
        f"<linkGrp fromDoc='c.1_en.xml' toDoc='c.1_de.xml'>{''.join(links)}</linkGrp>",
        encoding="utf-8")


def test_bleualign_files_become_a_gold_set_the_benchmark_scores(tmp_path, monkeypatch):
    src, tgt, gold = _demo()
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "d.en").write_text("\n".join(src) + "\n", encoding="utf-8")
    (raw / "d.de").write_text("\n".join(tgt) + "\n", encoding="utf-8")
    (raw / "d.ende").write_text(gold, encoding="utf-8")
    _convert(monkeypatch, "bleualign", raw, tmp_path / "held" / "demo_test")

    out = tmp_path / "held" / "demo_test"
    assert (out / "src" / "d").read_text(encoding="utf-8").splitlines() == src
    assert (out / "gold" / "d").read_text(encoding="utf-8") == gold
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["langs"] == "en-de" and manifest["gold_beads"] == len(gold.splitlines())

    text = StringIO()
    call_command("benchmark_alignment", "--gold-root", str(tmp_path / "held"), "--sets",
                 "demo_test", stdout=text)
    engine = re.search(r"^engine\s+([\d.]+)", text.getvalue(), re.M)
    assert engine and float(engine.group(1)) >= 0.9


@pytest.mark.parametrize("target_ids_first", [True, False])
def test_intertext_side_order_is_read_from_the_ids(tmp_path, monkeypatch, target_ids_first):
    src, tgt, gold = _demo(UNEQUAL_SIDES)
    _write_intertext(tmp_path / "raw", src, tgt, gold, target_ids_first)
    _convert(monkeypatch, "intertext", tmp_path / "raw", tmp_path / "out")
    assert (tmp_path / "out" / "gold" / "1").read_text(encoding="utf-8") == gold
    assert (tmp_path / "out" / "tgt" / "1").read_text(encoding="utf-8").splitlines() == tgt


def test_intertext_side_order_must_be_given_when_both_fit(tmp_path, monkeypatch):
    src, tgt, gold = _demo(EQUAL_SIDES)
    _write_intertext(tmp_path / "raw", src, tgt, gold, target_ids_first=True)
    with pytest.raises(SystemExit, match="pass --ids-first"):
        _convert(monkeypatch, "intertext", tmp_path / "raw", tmp_path / "out")
    _convert(monkeypatch, "intertext", tmp_path / "raw", tmp_path / "out", "--ids-first", "tgt")
    assert (tmp_path / "out" / "gold" / "1").read_text(encoding="utf-8") == gold


def test_gold_naming_missing_sentences_changes_nothing(tmp_path, monkeypatch):
    src, tgt, gold = _demo(UNEQUAL_SIDES)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "kept").write_text("earlier set", encoding="utf-8")
    _write_intertext(tmp_path / "raw", src[:-3], tgt[:-3], gold)
    with pytest.raises(SystemExit, match="do not match the texts"):
        _convert(monkeypatch, "intertext", tmp_path / "raw", tmp_path / "out")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["kept"]


def test_unreadable_files_get_a_clear_error(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "d.en").write_bytes(b"\xff\xfe not utf-8\n")
    (raw / "d.de").write_text("eins\n", encoding="utf-8")
    (raw / "d.ende").write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="cannot read"):
        _convert(monkeypatch, "bleualign", raw, tmp_path / "out")
    assert not (tmp_path / "out").exists()
