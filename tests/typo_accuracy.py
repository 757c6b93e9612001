"""How the spelling and garble checks do: recall on the seeds' hand-read typos and garbles
(tests/truth/*.defects.yaml: garble defects and the typo kinds of pending_defects), and false findings
per 10 pages on the seeds, the project's own sample report and the variety corpus.

Run as ``python -m tests.typo_accuracy`` (``-v`` lists every finding with its verdict). It measures;
tests/test_typo_accuracy.py asserts the targets of issue #14 on the same figures.

A finding of the family counts as
- a hit when it stands within a line of a typo or garble of the truth (certain or not);
- neutral when it stands at another real defect, or at a line that repeats a typo (its related lines);
- false anywhere else; at a trap (a place that looks wrong but is right) it is also a trap hit.
Pages: the report's own page numbers where the parser knows them (page furniture, else the highest
page the contents give), otherwise one page per 30 lines."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from nianbao.check import check_report, select_rules
from nianbao.model import Finding, Report
from nianbao.parse import parse_file

from .conftest import SAMPLE, SEED_STEMS, seed_path, truth
from .variety import VARIETY

FAMILY = ("T9", "M505", "M507")  # the spelling and garble rules
TYPO_KINDS = {"garble", "typo-missing-char", "typo-doubled", "typo-extra-char", "typo-wrong-char", "truncated-word",
              "name-variant", "phrase-misquote", "repeated-item", "enumeration-count", "unbalanced-bracket",
              "punctuation", "redundant-word", "broken-sentence"}
LINES_PER_PAGE = 30
NEAR = 1


@dataclass
class Measure:
    name: str
    pages: int
    typos: list[dict] = field(default_factory=list)  # the truth's typos and garbles
    found: list[dict] = field(default_factory=list)
    verdicts: list[tuple[str, Finding]] = field(default_factory=list)  # hit / neutral / false / trap

    def count(self, verdict: str) -> int:
        return sum(v == verdict for v, _ in self.verdicts)

    @property
    def false(self) -> int:
        return self.count("false") + self.count("trap")

    @property
    def false_per_10_pages(self) -> float:
        return self.false / self.pages * 10

    def recall(self, certain_only: bool) -> tuple[int, int]:
        chosen = [d for d in self.typos if d.get("certain", True) or not certain_only]
        return sum(d in self.found for d in chosen), len(chosen)


def pages(report: Report) -> int:
    known = [p for p in report.pages if p] + [t.page for t in report.toc if t.page]
    return max(known) if known else max(1, round(len(report.document.lines) / LINES_PER_PAGE))


def typos_of(data: dict) -> tuple[list[dict], list[dict]]:
    """(typos and garbles, every other defect) of a truth file."""
    entries = data["defects"] + data.get("pending_defects", [])
    typos = [d for d in entries if d["kind"] in TYPO_KINDS]
    return typos, [d for d in entries if d["kind"] not in TYPO_KINDS]


def _near(finding: Finding, line: int) -> bool:
    return abs(finding.span.line - line) <= NEAR


def _squash(text: str) -> str:
    return "".join(str(text).split())


def _about(finding: Finding, evidence: str) -> bool:
    """Whether a finding quotes the text of a trap (shares four characters in a row with it)."""
    quoted = _squash(finding.message.split("」")[0])
    evidence = _squash(evidence)
    return any(quoted[i : i + 4] in evidence for i in range(len(quoted) - 3))


def measure(name: str, report: Report, rules, data: dict | None = None) -> Measure:
    findings = [f for f in check_report(report, rules).findings if f.code.startswith(FAMILY)]
    result = Measure(name, pages(report))
    typos, others = typos_of(data) if data else ([], [])
    traps = data.get("traps", []) if data else []
    result.typos = typos
    result.found = [d for d in typos if any(_near(f, d["line"]) for f in findings)]
    for finding in findings:
        if any(_near(finding, d["line"]) for d in typos):
            verdict = "hit"
        elif any(_near(finding, d["line"]) for d in others) or any(
                finding.span.line in d.get("related_lines", ()) for d in typos):
            verdict = "neutral"
        elif any(finding.span.line == t["line"] and _about(finding, t["evidence"]) for t in traps):
            verdict = "trap"
        else:
            verdict = "false"
        result.verdicts.append((verdict, finding))
    return result


def corpora() -> dict[str, list[Measure]]:
    rules = select_rules(list(FAMILY))
    seeds = [measure(stem, parse_file(seed_path(stem)), rules, truth(stem, "defects")) for stem in SEED_STEMS]
    sample = [measure("sample", parse_file(SAMPLE), rules)]
    variety = [measure(path.name, parse_file(path), rules)
               for path in sorted(VARIETY.iterdir()) if path.suffix in (".txt", ".md") and path.stem != "README"]
    return {"seeds": seeds, "sample": sample, "variety": variety}


def _summary(name: str, measures: list[Measure]) -> str:
    pages_ = sum(m.pages for m in measures)
    false = sum(m.false for m in measures)
    traps = sum(m.count("trap") for m in measures)
    line = f"{name:28s} {pages_:4d} pages  false {false:3d} ({false / pages_ * 10:.2f} per 10 pages, {traps} at traps)"
    if any(m.typos for m in measures):
        certain = [m.recall(True) for m in measures]
        every = [m.recall(False) for m in measures]
        found_c, total_c = sum(c[0] for c in certain), sum(c[1] for c in certain)
        found_a, total_a = sum(c[0] for c in every), sum(c[1] for c in every)
        line += (f"  recall certain {found_c}/{total_c} ({found_c / total_c:.0%}), all {found_a}/{total_a} "
                 f"({found_a / total_a:.0%})")
    return line


def main(argv: list[str]) -> None:
    measured = corpora()
    for group, measures in measured.items():
        for m in measures if group == "seeds" else []:
            print(_summary(m.name, [m]))
        print(_summary(group, measures))
    if not any(arg.startswith("-v") for arg in argv):
        return
    for measures in measured.values():
        for m in measures:
            for verdict, f in m.verdicts:
                if verdict != "hit" or "-vv" in argv:
                    print(f"{verdict:7s} {m.name[:12]}:{f.span.line} {f.code} {f.message}")
            for d in m.typos:
                if d not in m.found and "-vv" in argv:
                    print(f"missed  {m.name[:12]}:{d['line']} {d['kind']}/{d.get('subkind', '')} {d['evidence']}")


if __name__ == "__main__":
    main(sys.argv[1:])

