"""培训计划与记录: the yearly plan and its progress, every session with its sign-in and assessment,
hours by kind, by department and per person (above ``COMPACT_ABOVE`` staff in a compact appendix)."""

from __future__ import annotations

from ..model import Dossier
from ..render.charts import bar_chart
from ..render.content import (Cell, Column, Document, Figure, Heading, Paragraph, Row, Span, Table, cell,
                              row, table, text)
from ..render.formatting import cn_date, dash, iso, num, pct
from ._objectives import measured, objective_verdict, period_values
from .base import Builder, DocInfo
from ..render.links import attachment_link
from .blocks import doc_head, sentence, window_text

#: the technical and business training kind (5.1.3.2 a); the culture kind comes from the standard's rules
TECHNICAL_KIND = "技术业务"
#: above this many staff the per-person hours move to a compact appendix
COMPACT_ABOVE = 300
#: up to this many untrained staff are named in the text
NAMED_UNTRAINED = 30
#: attendees (and, in the appendix, staff) side by side in one table row
SIGNIN_COLUMNS = 3
#: one attendee of a sign-in sheet, and one person of the appendix (widths: % of the text width)
SIGNIN_GROUP = (Column("姓名", 8, "center"), Column("部门", 12.5, "center"), Column("成绩", 6, "right"),
                Column("结果", 6.8, "center"))
#: the same where some score has a re-assessment's beside it (补考 82.0)
RETAKE_SIGNIN_GROUP = (Column("姓名", 8, "center"), Column("部门", 10, "center"), Column("成绩", 8.5, "right"),
                       Column("结果", 6.8, "center"))
PERSON_GROUP = (Column("工号", 4.8, "center"), Column("姓名", 6, "center"), Column("部门"), Column("次数", 3.5, "right"),
                Column("学时", 4, "right"))


def grid(items, columns: int) -> list[list]:
    """``items`` in rows of ``columns``, the last row padded with None."""
    items = list(items)
    rows = [items[i:i + columns] for i in range(0, len(items), columns)]
    if rows:
        rows[-1] += [None] * (columns - len(rows[-1]))
    return rows


def side_by_side(group: tuple[Column, ...], items, cells, **options) -> Table:
    """``items`` ``SIGNIN_COLUMNS`` to a row, each as the cells ``cells(item)`` gives under the columns
    ``group``, a heavier rule before each repeat of the group."""
    blank = tuple(cell("") for _ in group)
    rows = (Row(tuple(c for item in line for c in (cells(item) if item else blank)))
            for line in grid(items, SIGNIN_COLUMNS))
    return table(group * SIGNIN_COLUMNS, rows, fixed=True, dense=True,
                 rules=tuple(len(group) * i for i in range(1, SIGNIN_COLUMNS)), **options)


def _hours_objectives(d: Dossier) -> list:
    """The service objectives on training hours per person, with how far they are met."""
    return [o for o in d.figures.objectives if o.objective.metric == "training_hours_per_person"]


def _planned(i) -> tuple:
    """What the plan says of an item."""
    return (i.id, i.topic, i.kind, i.audience, i.month, num(i.hours, 1), dash(i.trainer), dash(i.method),
            dash(i.assessment))


def _held(p):
    """Whether a plan item was held, and on which dates."""
    return text("已实施", *(f"\n{iso(s.date)}" for s in p.sessions)) if p.held else Span("未实施", mark="bad")


def _result(a) -> Cell:
    if a.passed is None:
        return cell("—")
    return cell("合格") if a.passed else cell(Span("不合格", mark="bad"))


def _scores(a) -> tuple[str, ...]:
    """The first attempt's score, then each re-assessment's on a line of its own: 58.0 / 补考 82.0."""
    return (num(a.score, 1), *(f" /\n补考 {num(score, 1)}" for score in a.retakes))


def _attendee(a) -> tuple[Cell, ...]:
    return cell(a.staff_name), cell(dash(a.department_name)), cell(_scores(a)), _result(a)


def _scans(d: Dossier, s) -> tuple:
    """The scans of a session's records, each by its id and title in evidence.yaml, linked to its page in
    the binder."""
    parts: list = []
    for name, ids in (("签到表扫描件", s.sign_in_scans), ("考核资料扫描件", s.assessment_scans)):
        if not ids:
            continue
        parts.append(f"{'；' if parts else ''}{name}：")
        for i, e in enumerate(ids):
            parts += ["、" if i else "", Span(f"{e} {d.attachment(e).title}", link=attachment_link(e))]
    return (*parts, "。")


def _starred(p) -> str:
    """A person's name, ★ when the person had no training."""
    return p.staff.name + ("" if p.sessions else "★")


def _person(p) -> tuple[Cell, ...]:
    mark = None if p.sessions else "zero"
    return tuple(cell(v, mark=mark) for v in (p.staff.id, _starred(p), p.staff.department_name, str(p.sessions),
                                             num(p.hours, 1)))


class TrainingBuilder(Builder):
    id = "training"
    title = "培训计划与记录"
    reads = ("company", "organisation", "personnel", "service_system", "training", "satisfaction",
             "complaints", "evidence")
    weight = 3
    draws_charts = True

    def rows(self, dossier: Dossier) -> int:
        return sum(len(s.attendees) for s in dossier.training.sessions)

    def content(self, d: Dossier, doc: DocInfo) -> Document:
        t, company = d.figures.training, d.company
        compact = len(t.per_person) > COMPACT_ABOVE
        blocks = [*doc_head(company.name, doc, window_text(d)),
                  *self._overview(d), *self._plan(d), *self._sessions(d), *self._signin(d),
                  *self._departments(d), *self._persons(d, compact)]
        if compact:
            blocks += self._appendix(d)
        return Document.of(*blocks)

    # -- 一、培训概况 ----------------------------------------------------------------------------------
    def _overview(self, d: Dossier) -> list:
        t = d.figures.training
        blocks = [Heading("一、培训概况")]
        if t.sessions:
            failed = f"，未合格 {t.failed} 人次（见第四部分签到及考核记录）" if t.failed else ""
            blocks += [Paragraph(text(
                f"自{cn_date(t.earliest)}至{cn_date(t.latest)}，{d.company.name}共组织培训 {t.sessions} 次，累计课时 "
                f"{num(t.hours, 1)} 学时，参训 {t.attendances} 人次，合计 {num(t.person_hours, 1)} 人·学时。在册员工 "
                f"{t.staff} 人，其中参加过培训的 {t.trained_staff} 人（覆盖率 {pct(t.trained_rate)}），人均培训 "
                f"{num(t.hours_per_person, 1)} 学时。")),
                Paragraph(text(f"需要考核的培训共考核 {t.assessed} 人次，合格 {t.passed} 人次，考核合格率 "
                               f"{pct(t.pass_rate)}{failed}。"))]
        else:
            blocks.append(Paragraph(text("统计期内没有培训记录。")))
        blocks += [self._plan_progress(d), self._kind_coverage(d), *self._objectives(d), self._kinds_table(t)]
        if t.kinds:
            chart = bar_chart([k.kind for k in t.kinds], {"人·学时": [k.person_hours for k in t.kinds]},
                              ylabel="人·学时", value_format="{:.0f}", width_mm=130, height_mm=60)
            blocks.append(Figure(chart, "图 1　各类别培训人·学时"))
        return blocks

    @staticmethod
    def _plan_progress(d: Dossier) -> Paragraph:
        t = d.figures.training
        pending = "、".join(f"{p.item.id} {p.item.topic}（计划 {p.item.month} 月）" for p in t.plan_not_held)
        return Paragraph(text(f"{d.training.plan.year} 年度培训计划共 {t.plan_items} 项，已实施 {t.plan_held} 项，"
                              f"计划完成率 {pct(t.plan_completion)}",
                              f"；截至统计日尚未实施的计划项目：{pending}" if pending else "", "。",
                              f"另有未列入年度计划的培训 {t.unplanned} 次。" if t.unplanned else ""))

    @staticmethod
    def _kind_coverage(d: Dossier) -> Paragraph:
        t = d.figures.training
        culture = d.standard.rule("culture_training")["kind"]
        required = [(kind, t.kind(kind)) for kind in dict.fromkeys((TECHNICAL_KIND, culture))]
        held = "；".join(f"{kind}类培训 {k.sessions} 次、课时 {num(k.hours, 1)} 学时、参训 {k.attendances} 人次" if k
                        else f"{kind}类培训无记录" for kind, k in required)
        missing = [kind for kind, k in required if k is None]
        verdict = (Span(f"尚未开展{'、'.join(missing)}类培训，应补充实施。", mark="bad") if missing
                   else f"{'培训和'.join(kind for kind, _ in required)}培训均已开展。")
        return Paragraph(text(f"培训类别覆盖情况：{held}。", verdict))

    @staticmethod
    def _objectives(d: Dossier) -> list:
        """Each objective on training hours per person: its periods' values and the one judgement every
        document prints."""
        blocks = []
        for o in _hours_objectives(d):
            period = f"（{o.objective.period}）" if o.objective.period else ""
            values = period_values(o) if o.periods else measured(o)
            blocks.append(Paragraph(text(sentence("服务目标“", o.objective.text, f"”{period}：人均培训学时 ", values,
                                                  "；结论：", end=""), objective_verdict(o), "。")))
        return blocks

    @staticmethod
    def _kinds_table(t) -> Table:
        columns = (Column("培训类别", align="center"), Column("次数", 14, "right"), Column("课时（学时）", 16, "right"),
                   Column("参训人次", 16, "right"), Column("人·学时", 18, "right"))
        rows = [(k.kind, k.sessions, num(k.hours, 1), k.attendances, num(k.person_hours, 1)) for k in t.kinds]
        rows.append(row("合计", t.sessions, num(t.hours, 1), t.attendances, num(t.person_hours, 1), kind="total"))
        return table(columns, rows, size=8)

    # -- 二、三、四 ------------------------------------------------------------------------------------
    @staticmethod
    def _plan(d: Dossier) -> tuple:
        plan, t = d.training.plan, d.figures.training
        approved = f"经{plan.approved_by_name}批准发布" if plan.approved_by_name else "已发布"
        columns = (Column("编号", 6, "center"), Column("培训内容", 19), Column("类别", 9, "center"), Column("培训对象"),
                   Column("月份", 5, "center"), Column("课时", 5, "right"), Column("讲师", 10), Column("方式", 9, "center"),
                   Column("考核", 8.5, "center"), Column("实施情况", 11, "center"))
        rows = ((*_planned(p.item), _held(p)) for p in t.plan)
        return (Heading(f"二、{plan.year} 年度培训计划"),
                Paragraph(text(f"本计划{approved}，“实施情况”一栏按培训记录填写。"), "lead"),
                table(columns, rows, size=8))

    @staticmethod
    def _sessions(d: Dossier) -> tuple:
        t = d.figures.training
        columns = (Column("编号", 9.5, "center", nowrap=True), Column("日期", 10.5, "center", nowrap=True),
                   Column("培训内容"), Column("类别", 9, "center"), Column("讲师", 14), Column("课时", 5, "right"),
                   Column("方式", 9, "center"), Column("人数", 5, "right"), Column("考核/合格", 9.5, "center"),
                   Column("合格率", 7.5, "right"))
        rows = [(x.session.id, iso(x.session.date), x.session.topic, x.session.kind, x.session.trainer,
                 num(x.session.hours, 1), dash(x.session.method), x.attendees,
                 f"{x.assessed}/{x.passed}" if x.assessed else "不考核", pct(x.pass_rate)) for x in t.per_session]
        rows.append(row(cell(f"合计 {t.sessions} 次", span=5, align="center"), num(t.hours, 1), "", t.attendances,
                        f"{t.assessed}/{t.passed}", pct(t.pass_rate), kind="total"))
        return Heading("三、培训实施记录"), table(columns, rows, size=8)

    @staticmethod
    def _signin(d: Dossier) -> list:
        sessions = d.figures.training.per_session
        retaken = any(a.retakes for x in sessions for a in x.session.attendees)
        retakes = "成绩“首次 / 补考”依次为首次考核和补考的成绩，结果按最后一次考核判定；" if retaken else ""
        blocks = [Heading("四、培训签到及考核记录"),
                  Paragraph(text(f"以下按培训场次列出签到人员、所在部门、考核成绩和考核结果；{retakes}"
                                 "“—”表示该场培训不考核或未记录成绩。"), "lead")]
        for x in sessions:
            s = x.session
            mark = f"（合格分 {num(s.pass_mark, 1)}）" if x.assessed else ""
            passed = f"，合格 {x.passed} 人" if x.assessed else ""
            retook = sum(1 for a in s.attendees if a.retakes)
            retook = f"，补考 {retook} 人" if retook else ""
            place = f"地点：{s.location}；" if s.location else ""
            blocks += [Paragraph(text(f"{s.id}　{iso(s.date)}　{s.topic}"), "label"),
                       Paragraph(text(f"类别：{s.kind}；讲师：{s.trainer}；{place}课时：{num(s.hours, 1)} "
                                      f"学时；考核方式：{s.assessment}{mark}；签到 {x.attendees} 人{passed}{retook}。"),
                                 "small")]
            if s.sign_in_scans or s.assessment_scans:
                blocks.append(Paragraph(text(*_scans(d, s)), "small"))
            group = RETAKE_SIGNIN_GROUP if retaken else SIGNIN_GROUP
            blocks.append(side_by_side(group, s.attendees, _attendee, size=8, empty="（无签到记录）"))
            if s.summary:
                blocks.append(Paragraph(text(sentence("培训效果评价：", s.summary)), "note"))
        return blocks

    # -- 五、六 and the appendix -----------------------------------------------------------------------
    @staticmethod
    def _departments(d: Dossier) -> tuple:
        t = d.figures.training
        departments = t.by_department
        columns = (Column("部门"), Column("在册人数", 14, "right"), Column("参训人数", 14, "right"),
                   Column("人·学时", 16, "right"), Column("人均学时", 16, "right"))
        rows = [(x.department, x.staff, x.trained, num(x.person_hours, 1), num(x.hours_per_person, 1))
                for x in departments]
        rows.append(row(cell("合计", align="center"), t.staff, t.trained_staff, num(t.person_hours, 1),
                        num(t.hours_per_person, 1), kind="total"))
        objectives = _hours_objectives(d)
        target = objectives[0].objective.target if objectives else None
        per_person = [x.hours_per_person for x in departments]
        top = max([v for v in per_person if v is not None] + [target or 0, 1])
        chart = bar_chart([x.department for x in departments], {"人均学时": per_person}, horizontal=True,
                          target=target, target_label="人均学时目标", ylim=(0, top * 1.35), width_mm=150,
                          height_mm=14 + 7 * len(departments))
        return Heading("五、各部门培训情况"), table(columns, rows, size=8), Figure(chart, "图 2　各部门人均培训学时")

    @staticmethod
    def _persons(d: Dossier, compact: bool) -> list:
        t = d.figures.training
        untrained = t.untrained
        named = ("（" + "；".join(f"{s.name}，{s.department_name}" for s in untrained) + "）"
                 if untrained and len(untrained) <= NAMED_UNTRAINED else "")
        where = ("逐人的参训次数和学时见附录“人员培训学时明细”。" if compact
                 else "下表列出每名员工的参训次数和学时，学时为 0 的人员以★标示。")
        blocks = [Heading("六、人员培训学时统计"),
                  Paragraph(text(f"在册员工 {t.staff} 人，参加培训 {t.trained_staff} 人，未参加任何培训 {len(untrained)} 人"
                                 f"{named}{'，应在下一期培训中补训' if untrained else ''}。{where}"))]
        if not compact:
            columns = (Column("序号", 6, "center"), Column("工号", 10, "center"), Column("姓名", 12, "center"),
                       Column("部门", 18), Column("岗位"), Column("参训次数", 11, "right"), Column("学时", 11, "right"))
            rows = [row(i, p.staff.id, _starred(p), p.staff.department_name, p.staff.position, p.sessions,
                        num(p.hours, 1), kind="body" if p.sessions else "zero") for i, p in enumerate(t.per_person, 1)]
            rows.append(row(cell("合计", span=5, align="center"), t.attendances, num(t.person_hours, 1), kind="total"))
            blocks.append(table(columns, rows, size=8))
        return blocks

    @staticmethod
    def _appendix(d: Dossier) -> list:
        t = d.figures.training
        return [Heading("附录　人员培训学时明细", new_page=True),
                Paragraph(text(f"共 {t.staff} 人，每行 {SIGNIN_COLUMNS} 人；学时为 0 的人员以★标示。")),
                side_by_side(PERSON_GROUP, t.per_person, _person, size=7)]
