"""Property tests: the parser never raises on odd text, and keeps the numbering it is given."""

from __future__ import annotations

import cn2an
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.model import Document, Line
from nianbao.parse import parse


def document(text: str) -> Document:
    return Document("generated.txt", "txt", [Line(i, t) for i, t in enumerate(text.split("\n"), start=1)])


ODD_TEXT = st.text(
    alphabet=st.sampled_from(list("一二三四五六七八九十（）()、.．1234567890图表案例见如第部分目录\t \n：:。；%万元人次年月日|#-—…·")
                             + list("学校专业教师学生培养合计总计数据来源")),
    max_size=400,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ODD_TEXT)
def test_parser_never_raises_on_odd_text(text):
    report = parse(document(text))
    for heading in report.headings:
        assert 1 <= heading.span.line <= len(report.document.lines)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_parser_never_raises_on_arbitrary_unicode(text):
    parse(document(text))


TITLE = st.text(alphabet=st.sampled_from(list("产教融合人才培养服务贡献国际合作文化传承发展保障质量建设课程基地平台机制")),
                min_size=2, max_size=14)
SENTENCE = st.lists(st.sampled_from(list("学校开展了活动共计项人次覆盖专业教师学生，") + ["1.", "2、", "（3）"]),
                    min_size=20, max_size=80).map(lambda parts: "".join(parts) + "。")
OUTLINE = st.lists(  # chapters → sections → subsections, each with a title
    st.tuples(TITLE, st.lists(st.tuples(TITLE, st.lists(TITLE, max_size=3)), max_size=4)),
    min_size=1, max_size=7,
)


@settings(max_examples=60, deadline=None)
@given(OUTLINE, SENTENCE)
def test_parser_keeps_heading_numbers(outline, sentence):
    lines, expected = [], []
    for c, (chapter, sections) in enumerate(outline, start=1):
        number = cn2an.an2cn(c)
        lines += [f"{number}、{chapter}", "", sentence, ""]
        expected.append((1, number, chapter))
        for s, (section, subsections) in enumerate(sections, start=1):
            sec_number = cn2an.an2cn(s)
            lines += [f"（{sec_number}）{section}", "", sentence, ""]
            expected.append((2, sec_number, section))
            for k, sub in enumerate(subsections, start=1):
                lines += [f"{k}.{sub}", "", sentence, ""]
                expected.append((3, str(k), sub))
    report = parse(document("\n".join(lines)))
    assert [(h.level, h.number, h.title) for h in report.headings] == expected
