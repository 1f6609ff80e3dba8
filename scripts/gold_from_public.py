"""Turn public gold alignments into the aligngold layout, for held-out benchmark runs.

    python -m scripts.gold_from_public bleualign RAW_DIR OUT_DIR --langs de-fr --origin TEXT
    python -m scripts.gold_from_public intertext RAW_DIR OUT_DIR --langs zh-en --origin TEXT

`bleualign`: RAW_DIR holds NAME.<src>, NAME.<tgt> and NAME.<src><tgt> (one sentence a line,
and Vecalign-style beads), as in thompsonb/vecalign `bleualign_data/`.
`intertext`: RAW_DIR holds InterText XML, P.N_<src>.xml, P.N_<tgt>.xml and the alignment
P.N_<src>.N_<tgt>.xml, as in bfsujason/bertalign `corpus/mac/test/intertext/`.

OUT_DIR gets {src,tgt,gold}/<doc> and manifest.json; `manage.py benchmark_alignment
--gold-root PARENT --sets NAME` then scores the aligner on it. The data itself stays out
of the repository: it is not ours to ship.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter

from alignment.engine.scoring import format_bead, read_beads


def _write_doc(out: str, name: str, src: list[str], tgt: list[str], beads: list) -> None:
    for side, lines in (("src", src), ("tgt", tgt)):
        with open(os.path.join(out, side, name), "w", encoding="utf-8") as fh:
            fh.write("".join(line + "\n" for line in lines))
    with open(os.path.join(out, "gold", name), "w", encoding="utf-8") as fh:
        fh.write("".join(format_bead(s, t) + "\n" for s, t in beads))


def _check(name: str, src: list[str], tgt: list[str], beads: list) -> dict:
    """Every gold id must name a line; returns the document's manifest entry."""
    s_ids = {i for s, _ in beads for i in s}
    t_ids = {j for _, t in beads for j in t}
    if (s_ids and max(s_ids) >= len(src)) or (t_ids and max(t_ids) >= len(tgt)):
        raise SystemExit(f"{name}: gold names a line past the end of the text")
    return {"doc": name, "src_sents": len(src), "tgt_sents": len(tgt),
            "gold_beads": len(beads), "src_covered": len(s_ids), "tgt_covered": len(t_ids)}


def read_bleualign(raw: str, src_lang: str, tgt_lang: str):
    """Yield (doc, src lines, tgt lines, beads) for each NAME.<src><tgt> in raw."""
    suffix = f".{src_lang}{tgt_lang}"
    for fname in sorted(os.listdir(raw)):
        if not fname.endswith(suffix):
            continue
        name = fname[: -len(suffix)]

        def lines(ext, name=name):
            with open(os.path.join(raw, f"{name}.{ext}"), encoding="utf-8") as fh:
                return fh.read().splitlines()

        beads = read_beads(os.path.join(raw, fname))
        yield name, lines(src_lang), lines(tgt_lang), beads


def _sentences(path: str) -> tuple[list[str], dict[str, int]]:
    """Sentences of an InterText text file in document order, and id -> line number."""
    lines, index = [], {}
    for el in ET.parse(path).getroot().iter("s"):
        index[el.get("id")] = len(lines)
        lines.append(re.sub(r"\s+", " ", "".join(el.itertext())).strip())
    return lines, index


def read_intertext(raw: str, src_lang: str, tgt_lang: str, ids_first: str | None = None):
    """Yield (doc, src lines, tgt lines, beads) for each InterText alignment file in raw.

    InterText puts the fromDoc's ids before the ';', but the MAC files put the translation's
    there; unless `ids_first` says, the side order is the one under which every document's
    ids name sentences, and a corpus where both orders would do is refused.
    """
    pattern = re.compile(rf"^(.*)\.(\w+)_{src_lang}\.\2_{tgt_lang}\.xml$")
    docs = []
    for fname in sorted(os.listdir(raw)):
        m = pattern.match(fname)
        if not m:
            continue
        prefix, name = m.groups()
        src, s_index = _sentences(os.path.join(raw, f"{prefix}.{name}_{src_lang}.xml"))
        tgt, t_index = _sentences(os.path.join(raw, f"{prefix}.{name}_{tgt_lang}.xml"))
        links = [[ids.split() for ids in link.get("xtargets").split(";")]
                 for link in ET.parse(os.path.join(raw, fname)).getroot().iter("link")]
        docs.append((name, src, tgt, s_index, t_index, links))
    order = ids_first or _side_order(docs)
    for name, src, tgt, s_index, t_index, links in docs:
        if order == "tgt":
            links = _swapped(links)
        if not _names_sentences(links, s_index, t_index):
            raise SystemExit(f"{name}: the alignment's ids do not match the texts")
        yield name, src, tgt, [(tuple(s_index[i] for i in a), tuple(t_index[j] for j in b))
                               for a, b in links]


def _swapped(links):
    return [(b, a) for a, b in links]


def _names_sentences(links, first_index, second_index) -> bool:
    return all(all(i in first_index for i in a) and all(j in second_index for j in b)
               for a, b in links)


def _side_order(docs) -> str:
    """'src' or 'tgt': which side's ids come first in every document's xtargets."""
    fits = [order for order in ("src", "tgt") if all(
        _names_sentences(links if order == "src" else _swapped(links), si, ti)
        for _name, _s, _t, si, ti, links in docs)]
    if not fits:
        raise SystemExit("the alignment's ids do not match the texts in either side order")
    if len(fits) == 2:
        raise SystemExit("both side orders fit these files; pass --ids-first src or tgt")
    return fits[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["bleualign", "intertext"])
    parser.add_argument("raw")
    parser.add_argument("out")
    parser.add_argument("--langs", required=True, help="source-target, e.g. de-fr")
    parser.add_argument("--origin", default="", help="where the files came from")
    parser.add_argument("--ids-first", choices=["src", "tgt"],
                        help="intertext: whose ids come before the ';' (default: from the ids)")
    args = parser.parse_args()
    src_lang, tgt_lang = args.langs.split("-")
    try:
        if args.kind == "bleualign":
            docs = list(read_bleualign(args.raw, src_lang, tgt_lang))
        else:
            docs = list(read_intertext(args.raw, src_lang, tgt_lang, args.ids_first))
    except (OSError, UnicodeDecodeError, ValueError, ET.ParseError) as exc:
        raise SystemExit(f"cannot read {args.raw}: {exc}") from exc
    if not docs:
        raise SystemExit(f"no {args.kind} documents for {args.langs} in {args.raw}")
    # Everything is read and checked before OUT is touched: bad input changes nothing.
    per_doc = [_check(name, src, tgt, beads) for name, src, tgt, beads in docs]
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    for side in ("src", "tgt", "gold"):
        os.makedirs(os.path.join(args.out, side))
    for doc in docs:
        _write_doc(args.out, *doc)
    types = Counter(f"{len(s)}-{len(t)}" for *_, beads in docs for s, t in beads)
    manifest = {
        "langs": args.langs, "origin": args.origin, "docs": len(per_doc),
        **{k: sum(d[k] for d in per_doc) for k in ("src_sents", "tgt_sents", "gold_beads")},
        "bead_types": dict(types.most_common()), "per_doc": per_doc,
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1, ensure_ascii=False)
    print(f"{args.out}: {manifest['docs']} docs, {manifest['src_sents']} / "
          f"{manifest['tgt_sents']} sentences, {manifest['gold_beads']} gold beads")


if __name__ == "__main__":
    main()
