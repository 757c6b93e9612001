"""The conventions of a vocational-education quality report, each written once: school levels,
finding severities, the punctuation that ends a sentence, the heading numbering ladder, the item
kinds (图/表/案例) and their numbers, page-number lines, table rows as text (tab-separated cells,
Markdown pipes), source notes and dates. Readers, parser, rules, compiler and writers take them
from here; nothing here imports the rest of the package."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

# -- school levels ------------------------------------------------------------------------------
Level = Literal["高职", "中职", "本科"]
LEVELS: tuple[Level, ...] = ("高职", "中职")  # the levels frameworks and the indicator catalog are written for
REPORT_LEVELS: tuple[Level, ...] = ("高职", "中职", "本科")  # 本科: 本科层次职业教育 (职业技术大学)
LEVEL_EDUCATION: dict[str, str] = {"高职": "高等职业教育", "中职": "中等职业教育"}  # as a report's title names it
LEVEL_WORDS = {"高等职业": "高职", "高职": "高职", "中等职业": "中职", "中职": "中职"}  # words in a text that tell its level
# The kind of school tells its level: longest word first ("职业技术大学" before "职业大学").
SCHOOL_KINDS: dict[str, Level] = {
    "职业技术大学": "本科", "职业本科大学": "本科", "职业大学": "高职", "职业技术学院": "高职", "职业学院": "高职",
    "高等专科学校": "高职", "专科学校": "高职", "高等职业学校": "高职",
    "中等专业学校": "中职", "中等职业学校": "中职", "职业中等专业学校": "中职", "职业中专": "中职", "中专": "中职",
    "职业高级中学": "中职", "职业高中": "中职", "职业中学": "中职", "技工学校": "中职", "技工院校": "中职", "技师学院": "中职",
    "职业技术学校": "中职", "职业学校": "中职", "职业技术教育中心": "中职", "职教中心": "中职", "中等职业技术学校": "中职",
    "学校": "中职",
}
SCHOOL_KIND_WORDS = tuple(sorted(SCHOOL_KINDS, key=len, reverse=True))


def level_of_school(name: str) -> Level | None:
    """The level a school's name implies by its kind, the kind word nearest the end deciding
    ("…学院附属中等专业学校" is 中职); None when it names no kind. A bare "学校" counts only at the end."""
    best: tuple[int, int, Level] | None = None
    for word in SCHOOL_KIND_WORDS:
        at = name.rfind(word)
        if at < 0 or (word == "学校" and not name.endswith(word)):
            continue
        candidate = (at + len(word), len(word), SCHOOL_KINDS[word])
        best = max(best, candidate) if best else candidate
    return best[2] if best else None


def framework_level(level: str | None) -> Level | None:
    """The level whose frameworks and indicators apply: 本科层次 reports are written and checked as 高职 ones."""
    return "高职" if level == "本科" else level  # type: ignore[return-value]


# -- kinds of report -----------------------------------------------------------------------------
# school: 学校年报; city / province: a region's report (the education authority as author, no school);
# enterprise: 企业年报 (a company reporting on its part in a school's teaching).
ReportKind = Literal["school", "city", "province", "enterprise"]
REPORT_KINDS: dict[str, str] = {"school": "学校", "city": "地市级", "province": "省级", "enterprise": "企业"}
ENTERPRISE_SUFFIXES = ("有限责任公司", "股份有限公司", "有限公司", "集团", "公司", "企业")
PROVINCE_SUFFIXES = ("省", "自治区", "特别行政区")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")  # province-level cities
CITY_SUFFIXES = ("市", "州", "盟", "地区", "县", "区", "旗")

# -- finding severities -------------------------------------------------------------------------
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")  # the most severe first
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
# A school's answer on a finding and a reviewer's verdict on the answer (问题清单 / 整改台账).
ANSWER_NAMES = {"fixed": "已整改", "explained": "说明理由", "baseline": "基线（已知问题）"}
REVIEW_NAMES = {"accepted": "已接受", "rejected": "已驳回"}
OCR_CAVEAT = "（此处文字由 OCR 识别，可能有误）"  # after a finding on text read from a page image

# -- punctuation --------------------------------------------------------------------------------
SENTENCE_END = "。！？!?；;"  # what ends a sentence (a semicolon ends a clause that reads as one)
COLONS = "：:"
COMMAS = "，,、"
CLAUSE_END = SENTENCE_END + COLONS  # a line stopping short after one of these ends its paragraph
PARAGRAPH_END = CLAUSE_END + "”」）)…"  # a text block ending otherwise runs on into the next block
SENTENCE_SPLIT = re.compile(f"[{SENTENCE_END}]")
BRACKETS = {"（": "）", "(": ")", "《": "》", "〈": "〉", "“": "”", "‘": "’", "【": "】", "「": "」", "『": "』"}  # opening → closing
PUNCTUATION = "，,、。！？!?；;：:（）()《》〈〉“”‘’\"'【】「」『』…—·\t "  # what bounds a word in running text

# -- the heading numbering ladder -----------------------------------------------------------------
# Ranks of the numbering forms, the usual ladder: 0 第一部分, 1 一、 or 第一章 (chapter), 2 （一）, 3 1.,
# 4 （1） or 1.1, 5 1.1.1. Ranks 1-2 count in Chinese numerals. A report's heading levels are these
# ranks with the forms it does not use left out (parse/outline.py: a decimal outline 1. / 1.1 / 1.1.1
# has levels 1 / 2 / 3; with the whole ladder the levels are the ranks).
CN_DIGITS = "零〇一二两三四五六七八九十百"
CN_NUM = f"[{CN_DIGITS}]+"
HEADING_FORMATS = {0: "第{}部分", 1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}
# Heading prefixes, by rank. Group "num" is the numeral, "title" the rest.
PART = re.compile(rf"^第\s*(?P<num>{CN_NUM})\s*部分\s*[、.．:：]?\s*(?P<title>.*)$")
CHAPTER_WORD = re.compile(rf"^第\s*(?P<num>{CN_NUM})\s*章\s*[、.．:：]?\s*(?P<title>\S.*)$")
CHAPTER = re.compile(rf"^(?P<num>{CN_NUM})\s*[、.．]\s*(?P<title>\S.*)$")
SECTION = re.compile(rf"^[（(]\s*(?P<num>{CN_NUM})\s*[)）]\s*[、.．]?\s*(?P<title>\S.*)$")
DOTTED3 = re.compile(r"^(?P<num>\d{1,2}\.\d{1,2}\.\d{1,2})\s*(?P<title>[^\s\d.．%％].*)$")
DOTTED = re.compile(r"^(?P<num>\d{1,2}\.\d{1,2})\s*(?P<title>[^\s\d.．%％].*)$")
SUBSECTION = re.compile(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<title>[^\s\d.．%％].*)$")
ITEM = re.compile(r"^[（(]\s*(?P<num>\d{1,2})\s*[)）]\s*(?P<title>\S.*)$")
HEADING_PATTERNS = ((0, PART), (1, CHAPTER_WORD), (1, CHAPTER), (2, SECTION), (5, DOTTED3), (4, DOTTED), (3, SUBSECTION),
                    (4, ITEM))
DECIMAL_RANKS = (4, 5)  # 1.1 and 1.1.1: their numbers say their depth, a title may end with a full stop
# A heading's form at the start of a piece of flattened text (after a space): where a page that a
# document site flattened onto one line is cut back into its parts.
HEADING_START = re.compile(rf"(?:第\s*{CN_NUM}\s*(?:部分|章)|{CN_NUM}、|[（(]{CN_NUM}[)）]|\d{{1,2}}\.\d{{1,2}}(?:\.\d{{1,2}})?\s*[\u4e00-\u9fa5])")


def heading_prefix(level: int, number: str) -> str:
    """The numbering as printed before a heading's title: 一、 （一） 1. （1） 第一部分."""
    return HEADING_FORMATS.get(level, "{}").format(number) if number else ""


def heading_numeral(level: int, n: int) -> str:
    """The ``n``-th number of a level as written: Chinese numerals for levels 0-2, Arabic deeper."""
    if level > 2:
        return str(n)
    import cn2an  # loaded on use: it takes a quarter of a second to import

    return cn2an.an2cn(n)


# -- items: figures, tables, cases ---------------------------------------------------------------
ItemKind = Literal["figure", "table", "case"]
ITEM_WORDS: dict[ItemKind, str] = {"figure": "图", "table": "表", "case": "案例"}
ITEM_KINDS: dict[str, ItemKind] = {word: kind for kind, word in ITEM_WORDS.items()}
LIST_NAMES: dict[ItemKind, str] = {kind: f"{word}目录" for kind, word in ITEM_WORDS.items()}
# Titles of the contents page (None) and of the lists of items, with the synonyms reports use.
LIST_TITLES: dict[str, ItemKind | None] = {
    "目录": None, "目次": None, "本文目录": None,
    "图目录": "figure", "插图目录": "figure", "图片目录": "figure",
    "表目录": "table", "表格目录": "table",
    "案例目录": "case", "典型案例目录": "case",
}
DASH = r"[-－—–‐.．·]"
ITEM_NUMBER = rf"(?:\d+\s*{DASH}\s*\d+|附录\s*{DASH}?\s*\d+|\d+)"  # 1-2, 1.2, 附录-1, 7
# A caption line: 图 1-1 title, 表2.3：title, 图 附录-1 title; the title must not start with punctuation
# (so a wrapped "图 1-7)。" is not a caption).
CAPTION_LINE = rf"^(?P<kind>图|表)\s*(?P<num>{ITEM_NUMBER})\s*[:：]?\s*(?P<title>[^\s)）。，,、；;:：].*)?$"
APPENDIX = "附录"


def normalise_number(number: str) -> str:
    """图 1－2 / 图1.2 / 图1—2 → 1-2; Chinese case numbers stay as written."""
    return re.sub(rf"\s*{DASH}\s*", "-", re.sub(r"\s+", "", number))


def caption(kind: ItemKind, number: str, title: str) -> str:
    """A caption as the compiler prints it: 图 1-3 标题."""
    return f"{ITEM_WORDS[kind]} {number} {title}"


# -- web and document-site furniture -------------------------------------------------------------
# Lines a copy taken from a web page or a document-sharing site carries around the report: navigation,
# breadcrumb, posting line (发布时间 with 作者 / 阅读次数), toolbar, editor, previous/next links,
# copyright and ICP lines, a document site's upload facts and download prompts.
SITE_FURNITURE = re.compile(
    r"^(?:当前位置|您的位置|您当前的位置|所在位置|位置)\s*[:：]"
    r"|(?:发布时间|发布日期|更新时间|日期)\s*[:：].{0,30}(?:作者|阅读|浏览|点击|来源|编辑)\s*(?:次数|量|数)?\s*[:：]"
    r"|^(?:阅读次数|浏览次数|点击数|访问量)\s*[:：]"
    r"|【\s*(?:字体|字号|打印|关闭|收藏|大\s*中\s*小)|(?:打印本页|关闭窗口|加入收藏)"
    r"|^[（(]?\s*(?:责任编辑|编辑|审核|审核人|来源)\s*[:：][^，。]{0,20}[)）]?$"
    r"|^(?:上一篇|下一篇|上一条|下一条)\s*[:：]"
    r"|版权所有|Copyright|©|ICP备|公网安备|技术支持\s*[:：]"
    r"|文档编号\s*[:：]|上传时间\s*[:：]|由会员分享|免费预览|下载文档|^关于本文$|^本文标题\s*[:：]|^链接地址\s*[:：]"
    r"|相关文档|^(?:分享|收藏|举报)(?:\s*[|｜]\s*(?:分享|收藏|举报))+",
    re.IGNORECASE)
NAVIGATION = re.compile(r"^(?:[^|｜>»]{1,8}\s*[|｜]\s*){3,}[^|｜>»]{1,8}$")  # 首页 | 学校概况 | 新闻中心 | …


# -- page-number lines ---------------------------------------------------------------------------
# "3", "- 3 -", "第3页", "第3页 共120页", "3/120", "第3页/共120页": group "page" is the number.
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*)?(?:第\s*)?(?P<page>\d{1,4})(?:\s*页)?"
    r"(?:\s*(?:[/／,，]\s*)?共\s*\d{1,4}\s*页|\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?"
    r"(?:\s*[-—–－])?\s*$"
)
ROMAN_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*)?(?=[ivxlcIVXLC])(?:[ivxlc]+|[IVXLC]+)(?:\s*[-—–－])?\s*$")

# -- table rows as text --------------------------------------------------------------------------
CELL_SEPARATOR = "\t"  # a table row read as one line of text: its cells joined by tabs
_PIPE_RULE_CELL = re.compile(r":?-{2,}:?")


def split_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip("\n").split(CELL_SEPARATOR)]


def join_cells(cells: list[str]) -> str:
    return CELL_SEPARATOR.join(cells)


def pipe_cells(text: str) -> list[str] | None:
    """The cells of a Markdown pipe-table row ("| a | b |"), None when the line is not one."""
    stripped = text.strip()
    if not (stripped.startswith("|") and stripped.count("|") >= 2):
        return None
    return [cell.strip() for cell in stripped.strip("|").split("|")]


def is_pipe_rule(cells: list[str]) -> bool:
    """The row under a pipe table's header: every cell dashes, maybe with alignment colons."""
    return all(_PIPE_RULE_CELL.fullmatch(cell) for cell in cells)


# -- source notes --------------------------------------------------------------------------------
SOURCE_LABEL = r"(?:数据|资料|图片|信息)?来源\s*[:：]"
SOURCE = re.compile(rf"^{SOURCE_LABEL}\s*(?P<text>\S.*)$")  # a line of its own: 数据来源：教务处
SOURCE_NOTE = re.compile(SOURCE_LABEL)  # a source label anywhere in a line

# -- placeholders ------------------------------------------------------------------------------
PLACEHOLDER = "【待填】"  # what a draft build prints for a value not yet supplied (rule M502 finds it)


# -- dates ---------------------------------------------------------------------------------------
def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# -- stated figures (facts) ---------------------------------------------------------------------
FactKind = Literal["level", "change", "share", "rank", "ratio"]
FACT_KINDS: tuple[FactKind, ...] = ("level", "change", "share", "rank", "ratio")
# Where a value was read, as a table shows it (an indicator value's or a fact's source kind).
SOURCE_NAMES: dict[str, str] = {"text": "正文", "table": "表格", "annex": "附表"}
FACT_KIND_NAMES: dict[str, str] = {"level": "水平值", "change": "变化量", "share": "占比", "rank": "名次", "ratio": "比值"}
RANK_UNIT = "名次"  # the unit of a rank: 第2名, 居全国第3位
# The unit a fact is given in, for each other way reports write it (money is already in 万元 when
# written with 万/亿: parse/numbers).
FACT_UNITS = {"名": "人", "位": "人", "平米": "平方米", "㎡": "平方米", "台（套）": "台套", "台(套)": "台套",
              "个百分点": "百分点", "亿元": "万元", "大类": "类", "％": "%", "个月": "月"}
EMPTY_CELLS = {"", "-", "—", "——", "/", "／", "－", "无"}  # a table cell that states nothing


def fact_unit(unit: str) -> str:
    """A stated unit in the form facts keep: 名/位 → 人, 平米 → 平方米, 个百分点 → 百分点 …"""
    return FACT_UNITS.get(unit, unit)


# -- the indicator annex -------------------------------------------------------------------------
# The national indicator tables appended to a report (计分卡、资源表… from 2017; "6张指标表" in 2024):
# a line that opens the annex, a table's own title, and the headers of its columns.
ANNEX_START = re.compile(r"^(?P<label>附件|附表|附录)\s*[\d一二三四五六七八九十]*\s*[：:、.．]?\s*(?P<title>.{0,30})$")
ANNEX_TABLE = re.compile(r"^(?P<label>(?:附表|附件)\s*[\d一二三四五六七八九十]+|表\s*\d+(?!\s*[-－—–.．]\s*\d))\s*[：:、.．]?\s*"
                         r"(?P<title>\S.{0,30})$")
ANNEX_NAMES = ("计分卡", "资源表", "服务贡献表", "落实政策表", "政策落实表", "国际影响表", "指标表", "指标")
ANNEX_NAME_HEADERS = ("指标名称", "指标项", "指标", "项目")
ANNEX_UNIT_HEADERS = ("计量单位", "单位")
ANNEX_NOTE_HEADERS = ("指标说明", "统计口径", "口径", "说明", "备注", "定义")
