"""Work shared by two processes (nianbao.lanes) gives what one process gives, in order; a failing
second lane costs time, never a result; the checker's findings are the same either way."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from nianbao import lanes
from nianbao.check import check_report, select_rules
from nianbao.parse import parse_file

SEEDS = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("*.txt"))
with lanes.enabled():
    FORKABLE = lanes._forkable() and Path("/proc/self/task").is_dir()
forkable = pytest.mark.skipif(not FORKABLE, reason="needs Linux, two CPUs and no other thread")


def _napping(index: int):
    def piece():
        time.sleep(0.005)  # long enough that both lanes get pieces
        return index, os.getpid()
    return piece


def _children() -> set[str]:
    """This process's child processes, running or not yet reaped (Linux)."""
    return set(Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split())


@forkable
def test_results_come_in_order_from_both_lanes():
    before = _children()
    with lanes.enabled():
        results = lanes.run([_napping(index) for index in range(40)])
    assert [index for index, _ in results] == list(range(40))
    assert os.getpid() in {pid for _, pid in results}
    assert len({pid for _, pid in results}) == 2
    assert _children() == before


@forkable
def test_a_failing_second_lane_leaves_its_pieces_to_this_process():
    here = os.getpid()

    def fails_elsewhere(index):
        def piece():
            if os.getpid() != here:
                raise RuntimeError("second lane broke")
            time.sleep(0.005)
            return index
        return piece

    before = _children()
    with lanes.enabled():
        assert lanes.run([fails_elsewhere(index) for index in range(20)]) == list(range(20))
    assert _children() == before


@forkable
def test_an_error_in_a_piece_is_raised_here():
    def broken():
        time.sleep(0.005)
        raise ValueError("a bug in a rule")

    before = _children()
    with pytest.raises(ValueError, match="a bug in a rule"), lanes.enabled():
        lanes.run([broken] * 6)
    assert _children() == before


def test_one_process_unless_enabled_and_alone(monkeypatch):
    pieces = [_napping(index) for index in range(10)]
    assert {pid for _, pid in lanes.run(pieces)} == {os.getpid()}  # not enabled
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with lanes.enabled():
            assert {pid for _, pid in lanes.run(pieces)} == {os.getpid()}  # another thread runs
    finally:
        stop.set()
        thread.join()
    monkeypatch.setenv("NIANBAO_LANES", "1")
    with lanes.enabled():
        assert {pid for _, pid in lanes.run(pieces)} == {os.getpid()}  # turned off


@forkable
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_the_checker_finds_the_same_in_two_lanes_as_in_one(seed):
    rules = select_rules()
    serial = check_report(parse_file(seed), rules)
    with lanes.enabled():
        parallel = check_report(parse_file(seed), rules)
    assert serial.findings, "a seed has findings: the comparison must compare something"
    assert [(f.code, f.span, f.message, f.evidence, f.fingerprint) for f in parallel.findings] == \
           [(f.code, f.span, f.message, f.evidence, f.fingerprint) for f in serial.findings]
    assert (parallel.score, parallel.dimensions) == (serial.score, serial.dimensions)


def test_the_check_command_lets_the_rules_use_two_lanes(monkeypatch):
    from typer.testing import CliRunner

    from nianbao.cli import app

    asked = []
    run = lanes.run
    monkeypatch.setattr(lanes, "run", lambda pieces: asked.append(lanes._enabled[0]) or run(pieces))
    result = CliRunner().invoke(app, ["check", str(SEEDS[0]), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert asked == [True]


def test_rules_sharing_derived_data_run_in_one_piece_heaviest_first(monkeypatch):
    """Rules naming the same data in Rule.shares meet in one piece (the data is worked out once per
    process); pieces come heaviest first, so the lane that takes the last one ends with the other."""
    groups = []
    monkeypatch.setattr(lanes, "run", lambda pieces: groups.extend(piece.args[0] for piece in pieces) or
                        [piece() for piece in pieces])
    rules = select_rules()
    check_report(parse_file(SEEDS[0]), rules)
    assert sorted(rule.code for group in groups for rule in group) == sorted(rule.code for rule in rules)
    shared = {rule.shares for rule in rules if rule.shares}
    assert shared, "some rules share derived data"
    for name in shared:
        holding = [group for group in groups if any(rule.shares == name for rule in group)]
        assert len(holding) == 1 and {rule.code for rule in holding[0]} >= {r.code for r in rules if r.shares == name}
    costs = [max(rule.cost for rule in group) for group in groups]
    assert costs == sorted(costs, reverse=True) and costs[0] > costs[-1]


@forkable
def test_a_pdf_read_in_two_lanes_reads_as_in_one():
    """Pages are read in pieces by two processes (the document in memory, no shared file offset):
    every line, page and cell the same as one process reads them, on a producer PDF of each kind."""
    from nianbao.readers import read

    from .producers import corpus, usable

    pdfs = {item.variant.name: usable(item) for item in corpus()
            if item.source == "sample" and item.variant.suffix == ".pdf"}
    assert len(pdfs) >= 3
    for path in pdfs.values():
        one = read(path)
        with lanes.enabled():
            two = read(path)
        assert len(one.lines) > 100
        assert [(line.text, line.page, line.physical_page, line.cells) for line in two.lines] == \
               [(line.text, line.page, line.physical_page, line.cells) for line in one.lines]
        assert [(note.code, note.message) for note in two.notes] == [(note.code, note.message) for note in one.notes]
