"""Indicators stated by set phrases rather than names, and figures that are not the whole school's: on
generated sentences of a fictitious school (none is taken from the seeds or the variety corpus)."""

from __future__ import annotations

from nianbao.indicators.extract import extract
from nianbao.model import Document, Line
from nianbao.parse import parse

HEAD = ["某某职业技术学院高等职业教育质量年度报告（2025年度）", "", "一、人才培养", ""]


def headlines(*lines: str) -> dict[str, float]:
    text = [*HEAD, *lines]
    report = parse(Document("test.txt", "txt", [Line(k + 1, t) for k, t in enumerate(text)]))
    return {v.id: v.value for v in extract(report) if v.headline}


def test_a_set_phrase_states_the_count_of_majors():
    assert headlines("学校开设工业机器人技术、药品生产技术、酒店管理与数字化运营等23个专业。")["major_count"] == 23
    assert headlines("学院现有专业31个，其中国家级骨干专业4个。")["major_count"] == 31
    parts = headlines("学校设有机电、财经、信息3个专业部，共有教职工210人。")
    assert "major_count" not in parts, "专业部 are departments, not majors"
    changed = headlines("学校新增无人机应用技术、智能网联汽车技术2个专业，停招文秘、商务英语2个专业。")
    assert "major_count" not in changed
    assert (changed["new_major_count"], changed["discontinued_major_count"]) == (2, 2)


def test_set_phrases_of_partners_and_awards():
    values = headlines("学校与县域内27家农业企业签订合作协议，共建实训基地8个。", "",
                       "学生参加各类技能竞赛96人次，斩获41个奖项。")
    assert values["cooperative_enterprise_count"] == 27
    assert values["skill_competition_award_total"] == 41
    assert headlines("学生在市级以上技能大赛中获奖18项。")["skill_competition_award_total"] == 18
    built = headlines("学校与14家企业共建实训基地。")
    assert "cooperative_enterprise_count" not in built, "building a base together is not a stated partnership count"


def test_plain_wordings_of_intake_and_class_visits():
    values = headlines("2025年学院计划招生1500人，录取1480人，报到1420人。", "", "全年督导听课420节次。")
    assert (values["enrollment_plan"], values["new_enrollment"], values["registered_new_students"]) == (1500, 1480, 1420)
    assert values["supervision_class_observation_count"] == 420


def test_a_figure_of_the_designated_ones_is_no_count_of_the_name():
    assert "major_group_count" not in headlines("学院3个专业群获批省级高水平专业群。")
    assert "major_group_count" not in headlines("学院2个专业群成功入选省级“双高计划”建设名单。")
    assert "major_group_count" not in headlines("学院4个专业群教学团队获评省级优秀教学团队。")
    assert headlines("学院现有专业群数6个，覆盖全部专业。")["major_group_count"] == 6


def test_a_school_level_designation_is_no_whole_school_count():
    assert "online_course_count" not in headlines("学院建成校级在线开放课程40门。")
    assert headlines("学院建成在线开放课程40门。")["online_course_count"] == 40


def test_award_grades_count_only_in_a_sentence_about_skill_competitions():
    assert "skill_competition_national_first" not in headlines("学生在评优评先中获国家级一等奖2项。")
    assert "skill_competition_provincial_first" not in headlines("教师在省级教学能力比赛中获一等奖1项、二等奖2项。")
    values = headlines("学生在全国职业院校技能大赛中获国家级一等奖2项、三等奖5项。")
    assert (values["skill_competition_national_first"], values["skill_competition_national_third"]) == (2, 5)


def test_a_case_about_a_named_part_of_the_school_fills_no_school_indicator():
    def case(opening: str) -> dict[str, float]:
        return headlines("案例1-1 校企共育数控人才", "", f"{opening}紧贴区域装备制造业，重构课程体系。", "",
                         "建设成效显著，获批国家级职业教育教师教学创新团队1个。", "", "二、服务贡献", "")

    assert "teaching_innovation_team_count" not in case("数控技术专业群")
    assert case("学校")["teaching_innovation_team_count"] == 1


def test_paragraphs_sharing_a_line_each_keep_their_figures():
    """A document site's copy flattens each page onto one line; cut back into paragraphs, several share
    a line, and the second one's figures are its own."""
    header = "某某职业技术学院2025年高等职业教育质量年度报告"
    pages = [f"1、{header} 某某职业技术学院 二〇二五年十二月",
             f"2、{header} 一、学校情况 （一）学校概况 学校占地面积320亩，开设护理、药学、康复治疗技术等14个专业。 "
             "（二）学生情况 2025年学校招收新生860人，全日制在校生2400人，其中一年级860人、二年级790人。 2",
             f"3、{header} （三）教师队伍 学校有教职工460人，其中专任教师410人。 二、学生发展 学生专业技能合格率97.1%。 3",
             f"4、{header} 三、教学改革 学校与企业共建实训基地9个。 4"]
    report = parse(Document("flat.txt", "txt", [Line(k + 1, t) for k, t in enumerate(pages)]))
    assert len({p.span.line for p in report.paragraphs}) < len(report.paragraphs), "paragraphs share a line"
    values = {v.id: v.value for v in extract(report) if v.headline}
    assert (values["new_enrollment"], values["fulltime_enrollment"], values["major_count"]) == (860, 2400, 14)
    assert (values["staff_count"], values["fulltime_teachers"]) == (460, 410)


def test_the_school_named_like_a_part_is_the_school():
    """A school whose own name ends like a part of one ("…职业技术教育中心") speaks of itself."""
    lines = ["青禾县职业技术教育中心2025年中等职业教育质量年度报告", "", "一、学校情况", "",
             "青禾县职业技术教育中心开设农业机械使用与维护、电子商务等12个专业，全日制在校生1860人。", "",
             "数控实训中心开设短期课程9个专业方向，年培训学员300人次。"]
    report = parse(Document("t.txt", "txt", [Line(k + 1, t) for k, t in enumerate(lines)]))
    assert report.meta.institution == "青禾县职业技术教育中心"
    values = {v.id: v.value for v in extract(report) if v.headline}
    assert (values["major_count"], values["fulltime_enrollment"]) == (12, 1860)
    part = next(f for f in report.facts if f.value == 300)
    assert part.qualifiers.scope == "数控实训中心", "a part named like the school's kind is still a part"


def test_a_name_in_quotation_marks_and_its_share_past_the_whole():
    values = headlines("学校有专任教师508人，“双师素质”教师312人，占专任教师的61.5%。")
    assert (values["double_qualified_teachers"], values["double_qualified_share"]) == (312, 61.5)
    other = headlines("学校有专任教师508人，“双师型”教师312人，高级职称教师120人，占专任教师的23.6%。")
    assert other["double_qualified_teachers"] == 312
    assert "double_qualified_share" not in other, "the share follows another count: it is that count's"
