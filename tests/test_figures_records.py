"""The figures the record documents print, recomputed by hand from the sample company's raw files.

Each test reads company_data/example with PyYAML and the csv module only — never the dossier loader —
and compares with the model's figures.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from datetime import date, datetime
from functools import lru_cache

import pytest
import yaml

from conftest import EXAMPLE
from documents import dossier_of


def _yaml(name: str):
    with (EXAMPLE / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _csv(relative: str) -> list[dict]:
    with (EXAMPLE / relative).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


#: the application's reporting window (the 12 whole months before the application's month): the records its
#: figures count
WINDOW = (date(2025, 10, 1), date(2026, 9, 30))


def _in_window(day) -> bool:
    return WINDOW[0] <= (day.date() if isinstance(day, datetime) else day) <= WINDOW[1]


def _pct(part, whole):
    return 100.0 * part / whole


@lru_cache(maxsize=None)
def _figures():
    return dossier_of(str(EXAMPLE)).figures


# -- training ---------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _training():
    t = _yaml("training")
    staff = _yaml("personnel")["staff"]
    departments = {d["id"]: d["name"] for d in _yaml("organisation")["departments"]}
    sessions = {s["id"]: s for s in t["sessions"] if _in_window(s["date"])}
    attendance = _csv(t["attendance"]) if isinstance(t["attendance"], str) else t["attendance"]
    attendance = [a for a in attendance if a["session"] in sessions]
    return t, staff, departments, sessions, attendance


def test_training_totals():
    t, staff, _, sessions, attendance = _training()
    f = _figures().training
    person_hours = sum(sessions[a["session"]]["hours"] for a in attendance)
    trained = {a["staff"] for a in attendance}
    assert f.sessions == len(sessions) == 16
    assert f.hours == pytest.approx(sum(s["hours"] for s in sessions.values()))
    assert f.attendances == len(attendance)
    assert f.person_hours == pytest.approx(person_hours)
    assert f.staff == len(staff)
    assert f.trained_staff == len(trained)
    assert f.trained_rate == pytest.approx(_pct(len(trained), len(staff)))
    assert f.hours_per_person == pytest.approx(person_hours / len(staff))
    assert [s.id for s in f.untrained] == [s["id"] for s in staff if s["id"] not in trained]
    assert f.earliest.isoformat() == min(str(s["date"]) for s in sessions.values())
    assert f.latest.isoformat() == max(str(s["date"]) for s in sessions.values())


def _assessed(session: dict, row: dict) -> bool:
    return session.get("assessment", "无") != "无" and row["score"] not in ("", None)


def _passed(session: dict, row: dict) -> bool:
    return float(row["score"]) >= session.get("pass_mark", 60)


def test_training_pass_rates_overall_and_per_session():
    _, _, _, sessions, attendance = _training()
    f = _figures().training
    assessed = [a for a in attendance if _assessed(sessions[a["session"]], a)]
    passed = [a for a in assessed if _passed(sessions[a["session"]], a)]
    assert (f.assessed, f.passed, f.failed) == (len(assessed), len(passed), len(assessed) - len(passed))
    assert f.pass_rate == pytest.approx(_pct(len(passed), len(assessed)))
    for x in f.per_session:
        rows = [a for a in attendance if a["session"] == x.session.id]
        s = sessions[x.session.id]
        graded = [a for a in rows if _assessed(s, a)]
        ok = [a for a in graded if _passed(s, a)]
        assert (x.attendees, x.assessed, x.passed) == (len(rows), len(graded), len(ok)), x.session.id
        assert x.person_hours == pytest.approx(len(rows) * s["hours"])
        assert x.pass_rate == (pytest.approx(_pct(len(ok), len(graded))) if graded else None)


def test_training_plan_progress():
    t, _, _, sessions, _ = _training()
    f = _figures().training
    items = [i["id"] for i in t["plan"]["items"]]
    held = {s["plan_item"] for s in sessions.values() if s.get("plan_item")}
    assert (f.plan_items, f.plan_held) == (len(items), len(held & set(items)))
    assert f.plan_completion == pytest.approx(_pct(len(held), len(items)))
    assert [p.item.id for p in f.plan_not_held] == [i for i in items if i not in held]
    assert f.unplanned == sum(1 for s in sessions.values() if not s.get("plan_item"))
    for p in f.plan:
        assert sorted(s.id for s in p.sessions) == sorted(k for k, s in sessions.items() if s.get("plan_item") == p.item.id)


def test_training_by_kind():
    _, _, _, sessions, attendance = _training()
    f = _figures().training
    counts = Counter(a["session"] for a in attendance)
    for k in f.kinds:
        mine = [s for s in sessions.values() if s["kind"] == k.kind]
        assert k.sessions == len(mine)
        assert k.hours == pytest.approx(sum(s["hours"] for s in mine))
        assert k.attendances == sum(counts[s["id"]] for s in mine)
        assert k.person_hours == pytest.approx(sum(counts[s["id"]] * s["hours"] for s in mine))
    assert {k.kind for k in f.kinds} == {s["kind"] for s in sessions.values()}
    assert f.kind("技术业务").sessions == sum(1 for s in sessions.values() if s["kind"] == "技术业务")


def test_training_by_department_and_per_person():
    _, staff, departments, sessions, attendance = _training()
    f = _figures().training
    hours, count = defaultdict(float), Counter()
    for a in attendance:
        hours[a["staff"]] += sessions[a["session"]]["hours"]
        count[a["staff"]] += 1
    for p in f.per_person:
        assert (p.sessions, p.hours) == (count[p.staff.id], pytest.approx(hours[p.staff.id])), p.staff.id
    assert [p.staff.id for p in f.per_person] == [s["id"] for s in staff]
    by_dept = defaultdict(list)
    for s in staff:
        by_dept[departments[s["department"]]].append(s["id"])
    assert [x.department for x in f.by_department] == list(by_dept)
    for x in f.by_department:
        members = by_dept[x.department]
        total = sum(hours[m] for m in members)
        assert (x.staff, x.trained) == (len(members), sum(1 for m in members if count[m]))
        assert x.person_hours == pytest.approx(total)
        assert x.hours_per_person == pytest.approx(total / len(members))


# -- satisfaction -----------------------------------------------------------------------------
@lru_cache(maxsize=None)
def _surveys():
    sat = _yaml("satisfaction")
    items = [i["id"] for i in sat["items"]]
    out = []
    for sv in sorted(sat["surveys"], key=lambda s: (s["end"], s["id"])):
        rows = _csv(sv["responses"])
        scored = []
        for r in rows:
            scores = [int(r[i]) for i in items if r.get(i) not in ("", None)]
            if scores:
                scored.append((r, scores))
        out.append((sv, rows, scored))
    return sat, items, out


def test_satisfaction_per_survey():
    sat, items, surveys = _surveys()
    f = _figures().satisfaction
    assert len(f.surveys) == len(surveys) == 4
    previous = None
    for x, (sv, rows, scored) in zip(f.surveys, surveys):
        means = [sum(s) / len(s) for _, s in scored]
        satisfied = sum(1 for m in means if m >= sat["satisfied_min"])
        rate = _pct(satisfied, len(means))
        assert x.survey.id == sv["id"]
        assert (x.valid, x.satisfied, x.unsatisfied) == (len(means), satisfied, len(means) - satisfied)
        assert x.response_rate == pytest.approx(_pct(sv["returned"], sv["issued"]))
        assert x.rate == pytest.approx(rate)
        assert x.index == pytest.approx(100 * (sum(means) / len(means)) / sat["scale"])
        assert x.meets_target is (rate >= sat["target"])
        assert x.rate_change == (None if previous is None else pytest.approx(rate - previous))
        assert x.actions_done == sum(1 for a in sv["actions"] if a["done"])
        previous = rate


def test_satisfaction_per_item():
    sat, items, surveys = _surveys()
    f = _figures().satisfaction
    for x, (_, rows, _) in zip(f.surveys, surveys):
        for fig, item in zip(x.items, items):
            values = [int(r[item]) for r in rows if r.get(item) not in ("", None)]
            assert fig.answered == len(values)
            assert fig.mean == pytest.approx(sum(values) / len(values))
            assert fig.rate == pytest.approx(_pct(sum(1 for v in values if v >= sat["satisfied_min"]), len(values)))
        rates = {i: _pct(sum(1 for r in rows if int(r[i]) >= sat["satisfied_min"]), len(rows)) for i in items}
        assert x.weakest.item.id == min(items, key=lambda i: rates[i])


def test_satisfaction_lowest_responses_and_pooled_rate():
    sat, items, surveys = _surveys()
    f = _figures().satisfaction
    for x, (_, _, scored) in zip(f.surveys, surveys):
        ranked = sorted(((sum(s) / len(s), r["no"]) for r, s in scored))[:5]
        assert [(pytest.approx(s.mean), s.response.no) for s in x.lowest] == [(pytest.approx(m), no) for m, no in ranked]
    valid = sum(len(scored) for _, _, scored in surveys)
    satisfied = sum(1 for _, _, scored in surveys for _, s in scored if sum(s) / len(s) >= sat["satisfied_min"])
    assert (f.responses, f.satisfied) == (valid, satisfied)
    assert f.rate == pytest.approx(_pct(satisfied, valid))
    assert f.issued == sum(sv["issued"] for sv, _, _ in surveys)
    assert f.returned == sum(sv["returned"] for sv, _, _ in surveys)
    assert f.met == sum(1 for sv, _, scored in surveys
                        if _pct(sum(1 for _, s in scored if sum(s) / len(s) >= sat["satisfied_min"]), len(scored))
                        >= sat["target"])


# -- complaints -------------------------------------------------------------------------------
def _time(text: str):
    return datetime.strptime(text, "%Y-%m-%d %H:%M") if text else None


@lru_cache(maxsize=None)
def _complaints():
    c = _yaml("complaints")
    rows = [r for r in _csv(c["complaints"]) if _in_window(_time(r["received"]))]
    for r in rows:
        r["_received"], r["_responded"], r["_resolved"] = (_time(r["received"]), _time(r["responded"]),
                                                           _time(r["resolved"]))
        r["_response"] = (r["_responded"] - r["_received"]).total_seconds() / 3600 if r["_responded"] else None
        r["_resolution"] = (r["_resolved"] - r["_received"]).total_seconds() / 3600 if r["_resolved"] else None
    return c["targets"], rows, c["visits"]


def test_complaint_counts_and_times():
    targets, rows, _ = _complaints()
    f = _figures().complaints
    responses = [r["_response"] for r in rows if r["_response"] is not None]
    resolutions = [r["_resolution"] for r in rows if r["_resolution"] is not None]
    assert (f.total, f.major) == (len(rows), sum(1 for r in rows if r["severity"] == "重大"))
    assert [x.id for x in f.majors] == sorted((r["id"] for r in rows if r["severity"] == "重大"),
                                              key=lambda i: next(r["_received"] for r in rows if r["id"] == i))
    assert dict(f.by_channel) == Counter(r["channel"] for r in rows)
    assert dict(f.by_category) == Counter(r["category"] for r in rows)
    assert f.share(9) == pytest.approx(_pct(9, len(rows)))
    assert (f.responded, f.resolved) == (len(responses), len(resolutions))
    assert f.closure_rate == pytest.approx(_pct(len(resolutions), len(rows)))
    assert f.mean_response_hours == pytest.approx(sum(responses) / len(responses))
    assert f.mean_resolution_hours == pytest.approx(sum(resolutions) / len(resolutions))
    ok_response = sum(1 for h in responses if h <= targets["response_hours"])
    ok_resolution = sum(1 for h in resolutions if h <= targets["resolution_hours"])
    assert (f.response_in_time, f.resolution_in_time) == (ok_response, ok_resolution)
    assert f.response_in_time_rate == pytest.approx(_pct(ok_response, len(responses)))
    assert f.resolution_in_time_rate == pytest.approx(_pct(ok_resolution, len(resolutions)))
    assert f.response_mean_met is (sum(responses) / len(responses) <= targets["response_hours"])
    assert f.resolution_mean_met is (sum(resolutions) / len(resolutions) <= targets["resolution_hours"])
    assert f.late_response == {r["id"] for r in rows if r["_response"] is None
                               or r["_response"] > targets["response_hours"]}
    assert f.late_resolution == {r["id"] for r in rows if r["_resolution"] is None
                                 or r["_resolution"] > targets["resolution_hours"]}
    assert f.first_received == min(r["_received"] for r in rows)
    assert f.last_received == max(r["_received"] for r in rows)


def test_complaint_visits():
    targets, rows, _ = _complaints()
    f = _figures().complaints
    resolved = [r for r in rows if r["_resolved"]]
    visited = [r for r in resolved if r["visit_date"]]
    in_time = [r for r in visited
               if (datetime.strptime(r["visit_date"], "%Y-%m-%d").date() - r["_resolved"].date()).days
               <= targets["visit_days"]]
    satisfied = [r for r in visited if r["visit_result"] in ("满意", "基本满意")]
    assert (f.visited, f.visit_in_time, f.visit_satisfied) == (len(visited), len(in_time), len(satisfied))
    assert f.visit_rate == pytest.approx(_pct(len(visited), len(resolved)))
    assert f.visit_in_time_rate == pytest.approx(_pct(len(in_time), len(visited)))
    assert f.visit_satisfaction_rate == pytest.approx(_pct(len(satisfied), len(visited)))
    assert f.late_visit == {r["id"] for r in resolved} - {r["id"] for r in in_time}


def test_complaints_per_month_cover_every_month():
    _, rows, _ = _complaints()
    f = _figures().complaints
    counts = Counter(r["_received"].strftime("%Y-%m") for r in rows)
    assert dict(f.by_month) == {**{k: 0 for k, _ in f.by_month}, **counts}
    assert sum(n for _, n in f.by_month) == len(rows)
    keys = [k for k, _ in f.by_month]
    assert keys[0] == min(counts) and keys[-1] == max(counts)
    first = datetime.strptime(keys[0], "%Y-%m")
    last = datetime.strptime(keys[-1], "%Y-%m")
    assert len(keys) == (last.year - first.year) * 12 + last.month - first.month + 1


def test_routine_visits():
    _, _, visits = _complaints()
    f = _figures().complaints
    services, visited, satisfied = (sum(v[k] for v in visits) for k in ("services", "visited", "satisfied"))
    assert (f.services, f.services_visited, f.services_satisfied) == (services, visited, satisfied)
    assert f.service_visit_rate == pytest.approx(_pct(visited, services))
    assert f.service_visit_satisfaction == pytest.approx(_pct(satisfied, visited))
    for x, v in zip(f.visit_periods, visits, strict=True):
        assert x.stat.period == v["period"]
        assert x.visit_rate == pytest.approx(_pct(v["visited"], v["services"]))
        assert x.satisfaction_rate == pytest.approx(_pct(v["satisfied"], v["visited"]))
