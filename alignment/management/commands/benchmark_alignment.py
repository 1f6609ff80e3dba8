"""`manage.py benchmark_alignment`: quality, speed and memory of the aligner on gold sets."""
import json
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alignment.engine.benchmark import (
    find_sets,
    fit_calibration,
    load_set,
    run_confirmed,
    run_method,
    run_realign,
    run_scale,
)
from alignment.engine.cache import CachedEncoder, open_cache
from alignment.engine.encoders import get_encoder
from alignment.engine.scoring import format_calibration, format_review_queue

DEFAULT_GOLD_ROOT = "/work/shared/aligngold"


class Command(BaseCommand):
    help = "Score and time the aligner on the gold sets (and baselines); touches no database."

    def add_arguments(self, parser):
        parser.add_argument("--sets", nargs="+", help="set names, e.g. tb_dev mac_dev demo")
        parser.add_argument("--gold-root", default=os.environ.get("ALIGNGOLD_DIR",
                                                                   DEFAULT_GOLD_ROOT))
        parser.add_argument("--demo-root", default=str(settings.BASE_DIR / "fixtures" / "demo"
                                                       / "gold"))
        parser.add_argument("--no-cache", action="store_true", help="cold: no embedding cache")
        parser.add_argument("--encoder", default=None)
        parser.add_argument("--baselines", action="store_true",
                            help="also Gale-Church everywhere and all-windows on tb_dev")
        parser.add_argument("--all-windows-sets", nargs="+", default=["tb_dev"])
        parser.add_argument("--scale", nargs="*", type=int, help="e.g. 1000 5000 20000")
        parser.add_argument("--realign", action="store_true",
                            help="also time re-aligning the first set's first document after "
                                 "a one-sentence edit, 100 surest beads kept as anchors")
        parser.add_argument("--confirm-every", nargs="*", type=int, metavar="K",
                            help="also confirm every K-th gold 1-1 bead, align the rest "
                                 "again and score the beads not confirmed, e.g. 20 5")
        parser.add_argument("--fit-calibration", action="store_true",
                            help="only fit the confidence calibration to the sets' gold and "
                                 "print its knots (for alignment/engine/calibration.py)")
        parser.add_argument("--json", action="store_true", help="also print JSON results")

    def handle(self, *args, **opts):
        sets = find_sets(opts["gold_root"], opts["demo_root"], opts["sets"])
        if not sets:
            raise CommandError(f"No gold sets found under {opts['gold_root']}.")
        if opts["sets"] and "demo" in opts["sets"] and not any(k.startswith("demo/") for k in sets):
            self.stdout.write("demo: no gold pairs under --demo-root; skipped")
        url = None if opts["no_cache"] else getattr(settings, "EMBEDDING_CACHE_URL", None)
        try:
            encoder = CachedEncoder(get_encoder(opts["encoder"]), open_cache(url))
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"encoder {encoder.id}; cache {'off' if url is None else url}")
        if opts["fit_calibration"]:
            self._print_knots(sets, encoder)
            return
        results = {}
        for name, folder in sets.items():
            docs = load_set(folder)
            rows = [run_method(docs, "engine", encoder)]
            if opts["baselines"]:
                rows.append(run_method(docs, "gale-church", None))
                if name in opts["all_windows_sets"]:
                    rows.append(run_method(docs, "all-windows", encoder))
            results[name] = rows
            self._print_set(name, docs, rows)
            for every in opts["confirm_every"] or ():
                row = run_confirmed(docs, encoder, every)
                results[f"{name}/confirm-every-{every}"] = row
                self._print_confirmed(row)
        if opts["scale"]:
            all_docs = [d for folder in sets.values() for d in load_set(folder)]
            scale = run_scale(all_docs, encoder, opts["scale"])
            results["scale"] = scale
            self._print_scale(scale)
        if opts["realign"]:
            first = load_set(next(iter(sets.values())))[0]
            results["realign"] = run_realign(first, encoder)
            self._print_realign(results["realign"])
        if opts["json"]:
            self.stdout.write(json.dumps(results, indent=1, default=str))

    def _print_set(self, name, docs, rows):
        n_src = sum(len(d.src) for d in docs)
        n_tgt = sum(len(d.tgt) for d in docs)
        self.stdout.write(f"\n== {name}: {len(docs)} docs, {n_src} / {n_tgt} sentences")
        self.stdout.write(
            f"{'method':12} {'F1 strict':>9} {'F1 lax':>7} {'P/R strict':>11} {'wall s':>7} "
            f"{'sent/s':>7} {'x enc-once':>10} {'enc calls':>9} {'sent enc':>8} "
            f"{'rss MB':>8} {'vs engine':>9}")
        base = rows[0]
        for r in rows:
            ratio = r["wall_s"] / r["encode_once_s"] if r.get("encode_once_s") else float("nan")
            self.stdout.write(
                f"{r['method']:12} {r['f1_strict']:9.3f} {r['f1_lax']:7.3f} "
                f"{r['precision_strict']:5.3f}/{r['recall_strict']:5.3f} {r['wall_s']:7.1f} "
                f"{r['sentences_per_s']:7.1f} {ratio:10.2f} {r.get('encoder_calls', 0):9d} "
                f"{r.get('sentences_encoded', 0):8d} {r['peak_rss_mb']:8.0f} "
                f"{r['wall_s'] / base['wall_s']:8.2f}x")
        self.stdout.write("calibration (engine):")
        self.stdout.write(format_calibration(base["calibration"]))
        self.stdout.write(format_review_queue(base["review_queue"]))

    def _print_knots(self, sets, encoder):
        docs = [d for folder in sets.values() for d in load_set(folder)]
        fitted = fit_calibration(docs, encoder)
        self.stdout.write(f"calibration fitted on {', '.join(sets)} ({len(docs)} documents); "
                          "kinds not listed keep their knots:")
        self.stdout.write("_KNOTS = {")
        for kind, (xs, ys, beads) in fitted.items():
            self.stdout.write(f"    {kind.upper().replace('-', '_')}: (  # {beads} beads")
            for values in (xs, ys):
                self.stdout.write(f"        np.array([{', '.join(f'{v:g}' for v in values)}]),")
            self.stdout.write("    ),")
        self.stdout.write("}")

    def _print_confirmed(self, row):
        anchored, free = row["anchored"], row["free"]
        self.stdout.write(
            f"1 in {row['every']} gold 1-1 beads confirmed ({row['confirmed']}), the rest "
            f"aligned again: F1 strict {anchored['f1_strict']:.3f} lax {anchored['f1_lax']:.3f}"
            f"; the same beads without confirming: F1 strict {free['f1_strict']:.3f} lax "
            f"{free['f1_lax']:.3f}")

    def _print_realign(self, rows):
        self.stdout.write("\n== re-alignment after editing one source sentence")
        for r in rows:
            self.stdout.write(
                f"{r['doc']}: sentence {r['edited']} edited, {r['anchors']} anchors kept: "
                f"{r['wall_s']:.2f} s, {r['sentences_encoded']} sentence(s) encoded")

    def _print_scale(self, rows):
        self.stdout.write("\n== scale (sentence vectors known, as with a warm cache)")
        self.stdout.write(f"{'size':>6} {'src':>6} {'tgt':>6} {'wall s':>7} {'peak MB':>8} "
                          f"{'rss MB':>7} {'band nodes':>11} {'F1 strict':>9}")
        for r in rows:
            self.stdout.write(
                f"{r['size']:6d} {r['src']:6d} {r['tgt']:6d} {r['wall_s']:7.1f} "
                f"{r['peak_traced_mb']:8.1f} {r['peak_rss_mb']:7.0f} {r['band_nodes']:11d} "
                f"{r['f1_strict']:9.3f}")
