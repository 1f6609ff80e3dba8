"""Gold bead format I/O, strict/lax precision-recall-F1 (as aligngold/score.py) and calibration."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]

_BEAD = re.compile(r"^\s*\[([^\]]*)\]\s*:\s*\[([^\]]*)\](?:\s*:\s*([-+0-9.eE]+))?")
COUNT_KEYS = ("p_n", "p_strict", "p_lax", "r_n", "r_strict", "r_lax")


def _ids(field: str) -> tuple[int, ...]:
    field = field.strip()
    return tuple(int(x) for x in field.split(",")) if field else ()


def parse_bead_line(line: str) -> tuple[BeadIds, float | None]:
    """Parse '[0, 1]:[0]' or '[0]:[]:0.83' into ((src ids, tgt ids), confidence or None)."""
    m = _BEAD.match(line)
    if m is None:
        raise ValueError(f"not an alignment line: {line.rstrip()!r}")
    conf = float(m.group(3)) if m.group(3) else None
    return (_ids(m.group(1)), _ids(m.group(2))), conf


def read_beads(path: str) -> list[BeadIds]:
    """Read a bead file (blank lines skipped) into (src ids, tgt ids) tuples."""
    with open(path, encoding="utf-8") as fh:
        return [parse_bead_line(line)[0] for line in fh if line.strip()]


def format_bead(src_ids: Sequence[int], tgt_ids: Sequence[int], conf: float | None = None) -> str:
    """Format one bead as '[0, 1]:[0]' with ':0.83' appended when a confidence is given."""
    text = f"[{', '.join(map(str, src_ids))}]:[{', '.join(map(str, tgt_ids))}]"
    return text if conf is None else f"{text}:{conf:.2f}"


def ranges_to_ids(beads) -> list[BeadIds]:
    """Turn engine beads (half-open src/tgt ranges) into id tuples."""
    return [
        (tuple(range(b.src_start, b.src_end)), tuple(range(b.tgt_start, b.tgt_end)))
        for b in beads
    ]


def _hits(candidates: Sequence[BeadIds], reference: Sequence[BeadIds]) -> tuple[int, int, int]:
    """Count candidates found verbatim (strict) or overlapping on both sides (lax) in reference."""
    ref_set = set(reference)
    by_src: dict[int, set[int]] = {}
    by_tgt: dict[int, set[int]] = {}
    for k, (s, t) in enumerate(reference):
        for i in s:
            by_src.setdefault(i, set()).add(k)
        for j in t:
            by_tgt.setdefault(j, set()).add(k)
    strict = lax = 0
    for bead in candidates:
        if bead in ref_set:
            strict += 1
            lax += 1
            continue
        s, t = bead
        touch = set().union(*(by_src.get(i, set()) for i in s)) if s else set()
        if touch and any(touch & by_tgt.get(j, set()) for j in t):
            lax += 1
    return len(candidates), strict, lax


def doc_counts(gold: Iterable[BeadIds], hyp: Iterable[BeadIds]) -> dict[str, int]:
    """Raw hit counts for one document, with score.py's rules."""
    g_all = {b for b in gold if b[0] or b[1]}
    h_all = {b for b in hyp if b[0] or b[1]}
    p_n, p_s, p_l = _hits(sorted(h_all), sorted(g_all))
    g_both = sorted(b for b in g_all if b[0] and b[1])
    h_both = sorted(b for b in h_all if b[0] and b[1])
    r_n, r_s, r_l = _hits(g_both, h_both)
    return dict(zip(COUNT_KEYS, (p_n, p_s, p_l, r_n, r_s, r_l), strict=True))


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if (p + r) else 0.0


def summarize(counts: dict[str, int]) -> dict[str, float]:
    """Precision, recall and F1, strict and lax, from summed counts."""
    p_s, p_l = _ratio(counts["p_strict"], counts["p_n"]), _ratio(counts["p_lax"], counts["p_n"])
    r_s, r_l = _ratio(counts["r_strict"], counts["r_n"]), _ratio(counts["r_lax"], counts["r_n"])
    return {
        "precision_strict": p_s, "recall_strict": r_s, "f1_strict": _f1(p_s, r_s),
        "precision_lax": p_l, "recall_lax": r_l, "f1_lax": _f1(p_l, r_l),
    }


def score_documents(pairs: Iterable[tuple[Sequence[BeadIds], Sequence[BeadIds]]]) -> dict:
    """Micro-averaged scores over (gold, hypothesis) pairs, plus the summed counts."""
    total = dict.fromkeys(COUNT_KEYS, 0)
    for gold, hyp in pairs:
        for k, v in doc_counts(gold, hyp).items():
            total[k] += v
    return {**summarize(total), "counts": total}


DEFAULT_BANDS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001)


def calibration_table(
    scored: Iterable[tuple[BeadIds, float, bool]], bands: Sequence[float] = DEFAULT_BANDS
) -> list[dict]:
    """Rows (band low, band high, beads, mean confidence, share strictly correct)."""
    rows = [{"low": lo, "high": min(hi, 1.0), "n": 0, "conf": 0.0, "correct": 0}
            for lo, hi in zip(bands[:-1], bands[1:], strict=True)]
    for _bead, conf, correct in scored:
        for row, hi in zip(rows, bands[1:], strict=True):
            if conf < hi:
                row["n"] += 1
                row["conf"] += conf
                row["correct"] += int(correct)
                break
    for row in rows:
        row["mean_conf"] = _ratio(row.pop("conf"), row["n"])
        row["accuracy"] = _ratio(row["correct"], row["n"])
    return rows


QUEUE_SHARES = (0.1, 0.2, 0.3)


def review_queue_capture(
    scored: Iterable[tuple[BeadIds, float, bool]], shares: Sequence[float] = QUEUE_SHARES
) -> list[tuple[float, float | None]]:
    """(share, found): of the wrong beads, how many lie among the lowest-confidence `share`
    of all beads: what a reviewer working "lowest confidence first" finds by then (a
    random order finds `share`). None where no bead is wrong."""
    ranked = sorted(scored, key=lambda item: item[1])
    wrong = [not right for _bead, _conf, right in ranked]
    total = sum(wrong)
    return [(s, sum(wrong[:int(len(ranked) * s)]) / total if total else None) for s in shares]


def strict_correctness(
    gold: Sequence[BeadIds], hyp: Sequence[BeadIds], confs: Sequence[float]
) -> list[tuple[BeadIds, float, bool]]:
    """Pair each hypothesis bead and its confidence with whether it is a gold bead."""
    gold_set = set(gold)
    return [(b, c, b in gold_set) for b, c in zip(hyp, confs, strict=True)]


def format_review_queue(capture: list[tuple[float, float | None]]) -> str:
    """One line: the wrong beads a lowest-confidence-first review finds, per share read."""
    if any(found is None for _share, found in capture):
        return "review queue: no bead is wrong"
    shares = " / ".join(f"{share:.0%}" for share, _found in capture)
    found = " / ".join(f"{found:.0%}" for _share, found in capture)
    return (f"review queue: the lowest-confidence {shares} of the beads hold {found} of the "
            "wrong ones")


def format_calibration(rows: list[dict]) -> str:
    """Render a calibration table as aligned text."""
    lines = ["confidence band   beads  mean conf  strictly correct"]
    for r in rows:
        lines.append(
            f"[{r['low']:.2f}, {r['high']:.2f})  {r['n']:6d}  {r['mean_conf']:9.3f}  "
            f"{r['accuracy']:16.3f}"
        )
    return "\n".join(lines)
