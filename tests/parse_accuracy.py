"""Parser accuracy against the hand-verified truth files: recall and share of wrong reports per kind.

Run as ``python -m tests.parse_accuracy`` to print the table; the tests assert the thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from nianbao.model import Report
from nianbao.parse import parse_file
from nianbao.parse.normalize import title_key

from .conftest import SEED_STEMS, seed_path, truth


@dataclass
class Score:
    kind: str
    expected: int
    reported: int
    found: int
    missing: list
    wrong: list

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def wrong_share(self) -> float:
        return len(self.wrong) / self.reported if self.reported else 0.0


def _key_heading(item) -> tuple:
    return (item["line"], item["level"], str(item["number"]), title_key(item["title"]))


def _key_item(item) -> tuple:
    return (item["line"], str(item["number"]).replace(" ", ""), title_key(item["title"]))


def _key_toc(item) -> tuple:
    return (item["line"], title_key(item["title"]), item["page"])


def _score(kind: str, expected: list[tuple], reported: list[tuple]) -> Score:
    expected_set, reported_set = set(expected), set(reported)
    return Score(kind, len(expected_set), len(reported_set), len(expected_set & reported_set),
                 sorted(expected_set - reported_set), sorted(reported_set - expected_set))


def measure(stem: str, report: Report | None = None) -> list[Score]:
    report = report or parse_file(seed_path(stem))
    data = truth(stem, "structure")
    scores = [
        _score("headings", [_key_heading(h) for h in data["headings"]],
               [(h.span.line, h.level, h.number, title_key(h.title)) for h in report.headings]),
        _score("toc", [_key_toc(e) for e in data["toc"]],
               [(e.span.line, title_key(e.text), e.page) for e in report.toc]),
    ]
    for kind, items in (("figures", report.figures), ("tables", report.tables), ("cases", report.cases)):
        scores.append(_score(kind, [_key_item(x) for x in data.get(kind) or []],
                             [(x.span.line, x.number, title_key(x.title)) for x in items]))
    for kind, name in (("figure", "list:figures"), ("table", "list:tables"), ("case", "list:cases")):
        expected = [_key_item(x) for x in (data.get("lists") or {}).get(kind + "s") or []]
        scores.append(_score(name, expected, [(e.span.line, e.number, title_key(e.title)) for e in report.lists[kind]]))
    return scores


def main() -> None:
    for stem in SEED_STEMS:
        print(f"== {stem}")
        for score in measure(stem):
            print(f"{score.kind:14s} expected {score.expected:4d} reported {score.reported:4d} "
                  f"recall {score.recall:6.1%} wrong {score.wrong_share:5.1%}")
            for item in score.missing[:12]:
                print("    missing", item)
            for item in score.wrong[:12]:
                print("    wrong  ", item)


if __name__ == "__main__":
    main()
