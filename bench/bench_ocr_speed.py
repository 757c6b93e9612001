"""OCR speed on this machine, and what tuning it costs in accuracy, measured in one run.

1. Per page, one thread: the engine as merged (RapidOCR defaults: detection on the page at full
   150-dpi size) against candidate settings — the detection image's longer side limited, a lower
   dpi — each in its own process, the configurations interleaved page by page (so a load that
   comes and goes falls on all alike), on seed pages rendered as in the tests and rasterised at
   150 dpi (bench_ocr.py's sample: contents, two-column, table, caption and text pages). Accuracy
   as in bench_ocr.py: characters (edit distance, geometric order) and heading/caption lines read
   as one line with at most one character wrong. Printed: seconds per page (median) and its ratio
   to the merged configuration's.
2. A whole run of pages with the chosen settings, three ways to use the cores: pages in parallel
   on threads (one engine per thread, one ONNX Runtime thread each: what nianbao does), one page
   at a time with ONNX Runtime's intra-op threads, and pages in parallel in processes; each mode
   in a fresh process (engine start-up included), the modes run twice in mirrored order.

The OCR cache is off throughout (NIANBAO_OCR_CACHE=off).

Usage: python bench/bench_ocr_speed.py [--pages 6] [--run-pages 12] [--only-pages] [--only-run]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ["NIANBAO_OCR_CACHE"] = "off"

import pymupdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_ocr import Score, fold, pages_to_read, scanned  # noqa: E402

from nianbao.readers import ocr  # noqa: E402
from tests.conftest import SEED_STEMS, seed_path  # noqa: E402
from tests.render import cached, render_pdf  # noqa: E402

CONFIGS = {  # name → (dpi, engine parameters over RapidOCR's defaults)
    "RapidOCR defaults: detection at full size": (150, {}),
    "detection longer side ≤ 1280": (150, {"Det.limit_type": "max", "Det.limit_side_len": 1280}),
    "detection longer side ≤ 960": (150, {"Det.limit_type": "max", "Det.limit_side_len": 960}),
    "≤ 960, box threshold 0.3": (150, {"Det.limit_type": "max", "Det.limit_side_len": 960, "Det.box_thresh": 0.3}),
    "≤ 736, box threshold 0.3": (150, {"Det.limit_type": "max", "Det.limit_side_len": 736, "Det.box_thresh": 0.3}),
    "120 dpi, detection at full size": (120, {}),
}
DEFAULTS = {"Det.limit_type": "min", "Det.limit_side_len": 736, "Det.box_thresh": 0.5}  # RapidOCR's, over ENGINE_PARAMS


def numbers(truth) -> list[tuple[str, tuple]]:
    """Text-layer lines that are a number alone: contents page numbers, numeric table cells (a narrow
    1 is the first thing a coarse detection loses)."""
    return [(fold(text), box) for text, box in truth.lines if fold(text).replace(".", "").replace("%", "").isdigit()]


def numbers_found(truth, lines) -> int:
    return sum(any(fold(text) == want and abs((b[1] + b[3]) / 2 - (box[1] + box[3]) / 2) < 4 for text, b in lines)
               for want, box in numbers(truth))


def page_worker(name: str, paths: list[str], conn) -> None:
    dpi, params = CONFIGS[name]
    docs = [pymupdf.open(path) for path in paths]
    engine = ocr.new_engine({**DEFAULTS, **params})
    while (message := conn.recv()) is not None:
        doc, number = message
        began = time.perf_counter()
        lines = ocr._recognise(ocr._job(docs[doc][number], dpi), engine)
        conn.send(([(line.text, line.bbox) for line in lines], time.perf_counter() - began))


def per_page(pages_per_seed: int, degraded_per_seed: int) -> None:
    docs, work, _ = pages_to_read(pages_per_seed, degraded_per_seed)
    context = multiprocessing.get_context("spawn")
    workers = {}
    for name in CONFIGS:
        ours, theirs = context.Pipe()
        process = context.Process(target=page_worker, args=(name, docs, theirs), daemon=True)
        process.start()
        workers[name] = (process, ours)
    scores = {(name, degraded): Score() for name in CONFIGS for degraded in (False, True)}
    found = dict.fromkeys(CONFIGS, 0)
    names = list(CONFIGS)
    for step, (doc, number, truth, degraded) in enumerate(work):
        for name in names[step % len(names):] + names[:step % len(names)]:  # who goes first rotates
            conn = workers[name][1]
            conn.send((doc, number))
            lines, seconds = conn.recv()
            scores[name, degraded].add(truth, lines, seconds, True)
            found[name] += numbers_found(truth, lines)
        print(f"  page {step + 1}/{len(work)}", end="\r", file=sys.stderr)
    for process, conn in workers.values():
        conn.send(None)
        process.join()
    wanted = sum(len(numbers(truth)) for *_, truth, _ in work)
    clean = sum(1 for *_, degraded in work if not degraded)
    base = statistics.median(scores[names[0], False].seconds + scores[names[0], True].seconds)
    print(f"\n1. per page, one thread: {clean} clean and {len(work) - clean} scanned-looking seed pages, "
          f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at the end)")
    print(f"{'configuration':<42} {'char acc':>9} {'degraded':>9} {'head/cap':>9} {'degraded':>9} {'numbers':>8} "
          f"{'s/page':>7} {'× first':>8}")
    for name in names:
        good, bad = scores[name, False], scores[name, True]
        seconds = statistics.median(good.seconds + bad.seconds)
        print(f"{name:<42} {good.accuracy():>9} {bad.accuracy():>9} {good.recall(good.marked_found, good.marked):>9} "
              f"{bad.recall(bad.marked_found, bad.marked):>9} {found[name] / max(wanted, 1):>8.1%} {seconds:>7.2f} "
              f"{seconds / base:>8.2f}")
    print(f"(numbers: the {wanted} text-layer lines that are a number alone — contents page numbers, numeric cells)")


def _one(args: tuple[str, int]) -> int:
    path, number = args
    with pymupdf.open(path) as doc:
        return len(ocr._recognise(ocr._job(doc[number], ocr.DPI), _process_engine()))


_ENGINE = []


def _process_engine():
    if not _ENGINE:
        _ENGINE.append(ocr.new_engine())
    return _ENGINE[0]


def run_mode(mode: str, path: str, count: int, conn) -> None:
    began = time.perf_counter()
    with pymupdf.open(path) as doc:
        if mode == "threads":
            lines = sum(len(page) for page in ocr.ocr_pages(doc, ocr.DPI, jobs=2))
        elif mode == "intra-op threads":
            engine = ocr.new_engine({"EngineConfig.onnxruntime.intra_op_num_threads": 2})
            lines = sum(len(ocr._recognise(ocr._job(page, ocr.DPI), engine)) for page in doc)
        elif mode == "processes":
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(2, mp_context=context) as pool:
                lines = sum(pool.map(_one, [(path, n) for n in range(count)]))
        else:
            engine = ocr.new_engine()
            lines = sum(len(ocr._recognise(ocr._job(page, ocr.DPI), engine)) for page in doc)
    conn.send((time.perf_counter() - began, lines))


def whole_run(count: int) -> None:
    stem = SEED_STEMS[0]
    pdf = cached(seed_path(stem), "pdf", render_pdf)
    path = str(scanned(pdf, list(range(count)), False))
    modes = ["threads", "intra-op threads", "processes", "serial"]
    seconds = {mode: [] for mode in modes}
    context = multiprocessing.get_context("spawn")
    for mode in modes + modes[::-1]:
        ours, theirs = context.Pipe()
        process = context.Process(target=run_mode, args=(mode, path, count, theirs))
        process.start()
        took, _ = ours.recv()
        process.join()
        seconds[mode].append(took)
        print(f"  {mode}: {took:.0f} s", file=sys.stderr)
    settings = ", ".join(f"{k}={v}" for k, v in ocr.ENGINE_PARAMS.items()) or "RapidOCR defaults"
    print(f"\n2. {count} pages of seed {stem[:3]} at {ocr.DPI} dpi ({settings}), each mode twice, engine start-up "
          f"included; {os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at the end)")
    base = statistics.mean(seconds["serial"])
    print(f"{'mode':<44} {'s/page':>7} {'× serial':>9}")
    for mode, label in zip(modes, ["2 pages at a time on threads (nianbao)", "1 page at a time, 2 intra-op threads",
                                   "2 pages at a time in processes", "1 page at a time, 1 thread"]):
        mean = statistics.mean(seconds[mode])
        print(f"{label:<44} {mean / count:>7.2f} {mean / base:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=6, help="pages per seed for the per-page comparison")
    parser.add_argument("--degraded", type=int, default=2, help="of those, pages per seed also read as a scan")
    parser.add_argument("--run-pages", type=int, default=12, help="pages of the whole-run comparison")
    parser.add_argument("--only-pages", action="store_true")
    parser.add_argument("--only-run", action="store_true")
    args = parser.parse_args()
    if not args.only_run:
        per_page(args.pages, args.degraded)
    if not args.only_pages:
        whole_run(args.run_pages)


if __name__ == "__main__":
    main()
