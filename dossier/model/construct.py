"""Build the Dossier from validated, normalised data files."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from .masking import mask_customer, mask_name, mask_phone
from ..load.attachment import read_mark
from ..load.sources import Sources
from ..standard import Standard
from ..standard.trades import permit_rule, qualification_rule, trade_profile
from . import records as R
from .approvals import DUTIES, resolve_approvals
from .dossier import Dossier
from .figures import compute_figures
from .reporting import within_window
from .reviews import review_inputs
from .submission import Window, submission_of

__all__ = ["build_model", "in_window"]


def _text(data: dict, key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def _warranty(w: dict) -> R.Warranty:
    """The warranty: its terms by product and its named terms; a 三包 trade where the data says so, or
    else where it states 包退 or 包换 periods."""
    periods = w.get("return_days") is not None or w.get("exchange_days") is not None
    three = w.get("three_guarantees")
    return R.Warranty(
        w["policy"], w.get("return_days"), w.get("exchange_days"),
        terms=tuple(R.WarrantyTerm(t["product"], t["whole_years"], t.get("parts_years"), _text(t, "note"))
                    for t in w["terms"] if "product" in t),
        clauses=tuple(R.WarrantyClause(t["covers"], t.get("kind") or "保修", t["length"], t.get("unit") or "年",
                                       t.get("mileage_km"), _text(t, "from"), _text(t, "note"))
                      for t in w["terms"] if "covers" in t),
        three_guarantees=periods if three is None else three)


def _attempts(rows: list[dict]) -> list[list[dict]]:
    """The attendance rows grouped by person and session, in the order of first appearance: the first
    attempt, then the re-assessments (``retake``) in the order written. A retake with no first attempt, and a
    repeated first attempt, stand alone (the rules report both)."""
    groups: list[list[dict]] = []
    firsts: dict[tuple, list[dict]] = {}
    for row in rows:
        if not row.get("retake"):
            groups.append([row])
            firsts.setdefault((row["session"], row["staff"]), groups[-1])
    for row in rows:
        if row.get("retake"):
            group = firsts.get((row["session"], row["staff"]))
            if group is None:
                groups.append([row])
            else:
                group.append(row)
    return groups


def _measurement(m: dict | None) -> R.Measurement | None:
    """An objective's ``measured`` (the value the company measured itself), if it states one."""
    return None if m is None else R.Measurement(m["value"], str(m["period"]), str(m["source"]))


class _Builder:
    def __init__(self, docs: dict[str, dict], sources: Sources):
        self.docs = docs
        self.sources = sources
        org = docs["organisation"]
        self.dept_names = {d["id"]: d["name"] for d in org["departments"]}
        self.staff_names = {s["id"]: s["name"] for s in docs["personnel"]["staff"]}

    def loc(self, name: str, *path):
        return self.sources.files[name].locate(tuple(path))

    def staff_name(self, ident: str | None) -> str:
        return self.staff_names.get(ident, "") if ident else ""

    def dept_name(self, ident: str | None) -> str:
        return self.dept_names.get(ident, "") if ident else ""

    # -- company ----------------------------------------------------------------------------
    def company(self) -> R.Company:
        c = self.docs["company"]
        app, lic = c["application"], c["business_licence"]
        return R.Company(
            name=c["name"], uscc=c["uscc"].strip(), short_name=_text(c, "short_name") or c["name"],
            english_name=_text(c, "english_name"), legal_representative=c["legal_representative"],
            established=c["established"], registered_capital=_text(c, "registered_capital"),
            ownership=_text(c, "ownership"), registered_address=c["registered_address"],
            operating_address=c["operating_address"], postcode=_text(c, "postcode"),
            phone=_text(c, "phone"), hotline=_text(c, "hotline"), website=_text(c, "website"),
            business_scope=c["business_scope"], profile=c["profile"],
            contact=R.Contact(c["contact"]["name"], _text(c["contact"], "position"), c["contact"]["mobile"],
                              _text(c["contact"], "phone"), c["contact"]["email"]),
            headcount=R.Headcount(**c["headcount"], loc=self.loc("company", "headcount")),
            products=tuple(R.Product(p["category"], tuple(p["brands"]), _text(p, "description"))
                           for p in c["products"]),
            scope=c["scope"], service_area=tuple(c["service_area"]), sales_model=c["sales_model"],
            licence=R.Licence(_text(lic, "number"), _text(lic, "authority"), lic["issued"],
                              lic.get("valid_until"), lic.get("attachment"),
                              loc=self.loc("company", "business_licence", "valid_until")),
            application=R.Application(
                standard=app["standard"], kind=app["kind"], target_level=app["target_level"], date=app["date"],
                body=app["body"], system_start=app["system_start"], binder_number=_text(app, "binder_number"),
                exclusions=tuple(R.Exclusion(e["indicator"], e["reason"]) for e in app["exclusions"]),
                certifications=tuple(R.Certification(x["name"], _text(x, "number"), _text(x, "body"),
                                                     x.get("valid_until"), x.get("attachment"))
                                     for x in app["certifications"]),
                loc=self.loc("company", "application"),
                reporting_period=_window(app.get("reporting_period"))),
            trade=self.trade(c["trade"]),
            permits=self.permits(c["permits"], "company", "permits"),
            signing=self.signing(c.get("signing") or {}),
        )

    def mark(self, reference: str | None) -> R.Mark | None:
        """The image a ``signing`` field names, where it can be read (validation reports one that cannot)."""
        if not isinstance(reference, str):
            return None
        image, _refusal = read_mark(Path(self.sources.root), reference)
        return R.Mark(reference, image) if image else None

    def signing(self, s: dict) -> R.Signing:
        signatures = tuple((x["staff"], mark) for x in s.get("signatures") or ()
                           if isinstance(x, dict) and (mark := self.mark(x.get("file"))))
        return R.Signing(self.mark(s.get("seal")), signatures, s.get("legal_representative"))

    def trade(self, t: dict) -> R.Trade:
        profile = trade_profile(t.get("profile"))
        return R.Trade(profile.name, profile.title,
                       profile.permits + tuple(permit_rule(p) for p in t["permits"]),
                       profile.qualifications + tuple(qualification_rule(q) for q in t["qualifications"]))

    def permits(self, items: list, file: str, *path) -> tuple[R.Permit, ...]:
        return tuple(R.Permit(p["kind"], _text(p, "number"), _text(p, "authority"), _text(p, "scope"), p.get("issued"),
                              p.get("valid_until"), p.get("attachment"), loc=self.loc(file, *path, i))
                     for i, p in enumerate(items))

    # -- organisation and people ----------------------------------------------------------
    def departments(self):
        return tuple(
            R.Department(d["id"], d["name"], d.get("parent"), d.get("head"), self.staff_name(d.get("head")),
                         d["after_sales"], _text(d, "phone"), tuple(d["duties"]),
                         loc=self.loc("organisation", "departments", i))
            for i, d in enumerate(self.docs["organisation"]["departments"]))

    def roles(self):
        return tuple(
            R.Role(r["role"], r["staff"], self.staff_name(r["staff"]), r.get("appointed"), _text(r, "duties"),
                   loc=self.loc("organisation", "roles", i), departments=tuple(r["departments"]))
            for i, r in enumerate(self.docs["organisation"]["roles"]))

    def responsibilities(self):
        return tuple(
            R.Responsibility(r["indicator"], r["lead"], tuple(r["support"]),
                             loc=self.loc("organisation", "responsibilities", i))
            for i, r in enumerate(self.docs["organisation"]["responsibilities"]))

    def staff(self):
        out = []
        for i, s in enumerate(self.docs["personnel"]["staff"]):
            quals = tuple(
                R.Qualification(q["kind"], _text(q, "number"), _text(q, "issuer"), q.get("issued"),
                                q.get("valid_until"), loc=self.loc("personnel", "staff", i, "qualifications", j))
                for j, q in enumerate(s["qualifications"]))
            out.append(R.Staff(
                id=s["id"], name=s["name"], gender=_text(s, "gender"), department=s["department"],
                department_name=self.dept_name(s["department"]), position=s["position"],
                category=s["category"], outlet=s.get("outlet"), hired=s.get("hired"),
                education=_text(s, "education"), title=_text(s, "title"), mobile=_text(s, "mobile"),
                qualifications=quals, loc=self.loc("personnel", "staff", i)))
        return tuple(out)

    def outlets(self):
        members: dict[str, list[str]] = {}
        for s in self.docs["personnel"]["staff"]:
            if s.get("outlet"):
                members.setdefault(s["outlet"], []).append(s["id"])
        listed: dict[str, list[R.EntrustedPerson]] = {}
        for person in self.entrusted_staff():
            listed.setdefault(person.outlet, []).append(person)
        out = []
        for i, o in enumerate(self.docs["outlets"]["outlets"]):
            p = o.get("partner")
            partner = None if not p else R.Partner(
                p["name"], _text(p, "uscc"), p.get("agreement_from"), p.get("agreement_until"), p.get("agreement"),
                self.permits(p["permits"], "outlets", "outlets", i, "partner", "permits"),
                self.evaluation(p.get("evaluation"), "outlets", i, "partner", "evaluation"))
            manager_name = self.staff_name(o.get("manager")) or _text(o, "manager_name")
            team = tuple(listed.get(o["id"], ()))
            partner_staff = o.get("partner_staff")
            out.append(R.Outlet(
                id=o["id"], name=o["name"], kind=o["kind"], region=o["region"], address=o["address"],
                phone=o["phone"], manager=o.get("manager"), manager_name=manager_name, opened=o.get("opened"),
                coverage=o["coverage"], services=tuple(o["services"]), area_m2=o.get("area_m2"),
                partner_staff=len(team) if partner_staff is None else partner_staff, partner=partner,
                own_staff=tuple(members.get(o["id"], ())), loc=self.loc("outlets", "outlets", i),
                entrusted_staff=team))
        return tuple(out)

    def evaluation(self, e: dict | None, file: str, *path) -> R.Evaluation | None:
        if not e:
            return None
        return R.Evaluation(
            e["date"], tuple(e["evaluators"]), tuple(self.staff_name(x) for x in e["evaluators"]), e.get("technicians"),
            e["conclusion"], e.get("record"),
            tuple(R.EvaluationResult(r["criterion"], r["met"], _text(r, "note")) for r in e["results"]),
            loc=self.loc(file, *path))

    def entrusted_staff(self) -> tuple[R.EntrustedPerson, ...]:
        return tuple(
            R.EntrustedPerson(
                s["id"], s["outlet"], s["name"], s["position"], s["category"],
                tuple(R.Qualification(q["kind"], _text(q, "number"), _text(q, "issuer"), q.get("issued"),
                                      q.get("valid_until"), loc=self.loc("outlets", "entrusted_staff", i, "qualifications", j),
                                      attachment=q.get("attachment"))
                      for j, q in enumerate(s["qualifications"])),
                loc=self.loc("outlets", "entrusted_staff", i))
            for i, s in enumerate(self.docs["outlets"]["entrusted_staff"]))

    def outlet_requirements(self) -> R.OutletRequirements:
        r = self.docs["outlets"].get("requirements")
        if not r:
            return R.OutletRequirements()
        entrusted = r.get("entrusted") or {}
        return R.OutletRequirements(
            tuple(R.InspectionRule(x["outlets"], tuple(x["kinds"]), x["every"], x["times"]) for x in r["inspections"]),
            tuple(entrusted.get("criteria", ())), entrusted.get("min_technicians"),
            loc=self.loc("outlets", "requirements"))

    def inspections(self) -> tuple[R.Inspection, ...]:
        return tuple(sorted((
            R.Inspection(x["outlet"], x["date"], x["kind"], x["inspector"], self.staff_name(x["inspector"]),
                         x.get("score"), _text(x, "findings"), x.get("record"), loc=self.loc("outlets", "inspections", i))
            for i, x in enumerate(self.docs["outlets"]["inspections"])), key=lambda x: (x.date, x.outlet)))

    # -- reviews ----------------------------------------------------------------------------
    def names(self, idents) -> tuple[str, ...]:
        return tuple(self.staff_name(x) for x in idents)

    def internal_audit(self, a: dict, i: int) -> R.InternalAudit:
        at = ("internal_audits", i)
        return R.InternalAudit(
            id=a["id"], planned=a["planned"], approved_by=a.get("approved_by"),
            approved_by_name=self.staff_name(a.get("approved_by")), start=a["start"], end=a["end"],
            reported=a["reported"], leader=a["leader"], leader_name=self.staff_name(a["leader"]),
            auditors=tuple(a["auditors"]), auditor_names=self.names(a["auditors"]),
            departments=tuple(a["departments"]), department_names=tuple(self.dept_name(x) for x in a["departments"]),
            indicators=tuple(a["indicators"]), basis=_text(a, "basis"), conclusion=a["conclusion"],
            checklist=tuple(R.ChecklistRow(c["department"], self.dept_name(c["department"]), c["auditor"],
                                           self.staff_name(c["auditor"]), c.get("date"), tuple(c["indicators"]),
                                           c.get("items"), loc=self.loc("reviews", *at, "checklist", j))
                            for j, c in enumerate(a["checklist"])),
            findings=tuple(R.AuditFinding(f["id"], f["indicator"], f["department"], self.dept_name(f["department"]),
                                          f["description"], f["severity"], loc=self.loc("reviews", *at, "findings", j))
                           for j, f in enumerate(a["findings"])),
            actions=tuple(R.CorrectiveAction(x["finding"], _text(x, "cause"), x["action"], x["owner"],
                                             self.staff_name(x["owner"]), x["due"], x.get("closed"),
                                             _text(x, "verification"), x.get("verified_by"),
                                             self.staff_name(x.get("verified_by")), x.get("verified"),
                                             loc=self.loc("reviews", *at, "actions", j))
                          for j, x in enumerate(a["actions"])),
            loc=self.loc("reviews", *at))

    def management_review(self, r: dict, i: int, previous: R.ManagementReview | None) -> R.ManagementReview:
        at = ("management_reviews", i)
        return R.ManagementReview(
            id=r["id"], date=r["date"], chair=r["chair"], chair_name=self.staff_name(r["chair"]),
            attendees=tuple(r["attendees"]), attendee_names=self.names(r["attendees"]),
            period_start=r.get("period_start"), period_end=r.get("period_end"), audits=tuple(r["audits"]),
            inputs=tuple(R.ReviewInput(x["topic"], x["text"]) for x in r["inputs"]), conclusion=r["conclusion"],
            decisions=tuple(R.ReviewDecision(x["decision"], x.get("indicator"), x["owner"], self.staff_name(x["owner"]),
                                             x["due"], x.get("closed"), _text(x, "result"),
                                             loc=self.loc("reviews", *at, "decisions", j))
                            for j, x in enumerate(r["decisions"])),
            previous=previous, loc=self.loc("reviews", *at))

    def reviews(self) -> R.Reviews:
        data = self.docs.get("reviews")
        if data is None:
            return R.Reviews()
        audits = sorted((self.internal_audit(a, i) for i, a in enumerate(data["internal_audits"])),
                        key=lambda a: (a.start, a.id))
        held, previous = [], None
        for i, r in sorted(enumerate(data["management_reviews"]), key=lambda x: (x[1]["date"], x[1]["id"])):
            previous = self.management_review(r, i, previous)
            held.append(previous)
        return R.Reviews(tuple(audits), tuple(held))

    # -- service system ---------------------------------------------------------------------
    def control(self, c: dict, *path) -> R.DocControl:
        return R.DocControl(
            code=c["code"], version=c["version"], prepared_by=self.staff_name(c["prepared_by"]),
            reviewed_by=self.staff_name(c["reviewed_by"]), approved_by=self.staff_name(c["approved_by"]),
            issued=c["issued"], effective=c["effective"], status=c["status"],
            copy_number=_text(c, "copy_number") or _text(self.docs["service_system"]["distribution"], "copy_number"),
            revisions=tuple(R.Revision(r["version"], r["date"], r["description"], r["by"], self.staff_name(r["by"]))
                            for r in c["revisions"]),
            loc=self.loc("service_system", *path),
            sign_offs=tuple(R.SignOff(duty, c[field], self.staff_name(c[field])) for field, _dated, duty in DUTIES))

    def approvals(self, standard: Standard, submitted) -> tuple[tuple[R.Approval, ...], tuple]:
        """Each document's approval, and what of ``document_control`` could not be used (for the rules)."""
        documents = tuple(spec.id for spec in standard.documents if not spec.controlled)
        return resolve_approvals(self.docs["organisation"], self.staff_names, documents, submitted)

    def system(self) -> R.ServiceSystem:
        s = self.docs["service_system"]
        cul = s["culture"]
        culture = R.Culture(
            cul["philosophy"], cul["commitment"], cul["strategy"],
            tuple(R.Objective(o["text"], o.get("target"), _text(o, "unit"), o["comparison"], o.get("metric"),
                              _text(o, "period"), loc=self.loc("service_system", "culture", "objectives", i),
                              measured=_measurement(o.get("measured")))
                  for i, o in enumerate(cul["objectives"])),
            loc=self.loc("service_system", "culture"))
        f = s["funds"]
        funds = R.Funds(f["year"], f["annual_budget"], f["special_fund"], _text(f, "description"),
                        tuple(R.FundItem(x["name"], x["amount"], _text(x, "purpose")) for x in f["items"]))
        w, recycled = s.get("warranty"), s.get("recycling")     # absent where the indicator is excluded
        warranty = w and _warranty(w)
        recycling = recycled and R.Recycling(recycled["policy"], _text(recycled, "partner"), tuple(recycled["methods"]))
        sup = s["supervision"]
        procedures = tuple(
            R.Procedure(
                id=p["id"], title=p["title"], indicators=tuple(p["indicators"]), owner=p["owner"],
                owner_name=self.dept_name(p["owner"]), control=self.control(p["control"], "procedures", i, "control"),
                purpose=p["purpose"], scope=p["scope"],
                responsibilities=tuple(R.Duty(d["department"], self.dept_name(d["department"]), d["duty"])
                                       for d in p["responsibilities"]),
                steps=tuple(R.Step(st["title"], st["text"], st.get("since"), st.get("until")) for st in p["steps"]),
                records=tuple(p["records"]), references=tuple(p["references"]),
                loc=self.loc("service_system", "procedures", i))
            for i, p in enumerate(s["procedures"]))
        return R.ServiceSystem(
            culture=culture, funds=funds,
            resources=tuple(R.Resource(r["name"], r["kind"], r.get("quantity"), _text(r, "unit"),
                                       _text(r, "location"), _text(r, "note"), _text(r, "hours"))
                            for r in s["resources"]),
            laws=tuple(R.Law(x["name"], _text(x, "number")) for x in s["laws"]),
            warranty=warranty, recycling=recycling,
            supervision=R.Supervision(sup["department"], self.dept_name(sup["department"]), tuple(sup["methods"]),
                                      _text(sup, "frequency")),
            practices=tuple(R.Practice(p["indicator"], p["text"], tuple(p["procedures"]), tuple(p["records"]))
                            for p in s["practices"]),
            manual=R.Manual(s["manual"]["title"], self.control(s["manual"]["control"], "manual", "control"),
                            _text(s["manual"], "promulgation"),
                            tuple(R.Term(t["term"], t["definition"]) for t in s["manual"]["terms"])),
            procedures=procedures,
            other_documents=tuple(R.OtherDocument(x["name"], _text(x, "number"), x["kind"],
                                                  self.dept_name(x["holder"]) if x.get("holder") else "")
                                  for x in s["other_documents"]),
            flow=self.flow(s.get("service_flow")),
            commitment_letter=R.CommitmentLetter(*(_text(s.get("commitment_letter") or {}, key)
                                                   for key in ("preamble", "charges", "closing"))),
        )

    def flow(self, f: dict | None) -> R.ServiceFlow | None:
        if f is None:
            return None
        return R.ServiceFlow(tuple(
            R.FlowStep(st["name"], st["department"], self.dept_name(st["department"]), _text(st, "limit"),
                       st.get("within"), _text(st, "unit"), st.get("limit_from"), st.get("procedure"),
                       _text(st, "text"), loc=self.loc("service_system", "service_flow", "steps", i))
            for i, st in enumerate(f["steps"])), _text(f, "intro"))

    # -- records ----------------------------------------------------------------------------
    def training(self) -> R.Training:
        t = self.docs["training"]
        staff_dept = {s["id"]: self.dept_name(s["department"]) for s in self.docs["personnel"]["staff"]}
        pass_marks = {s["id"]: s["pass_mark"] for s in t["sessions"]}
        assessed = {s["id"]: s["assessment"] != "无" for s in t["sessions"]}
        by_session: dict[str, list[R.Attendance]] = {}
        for first, *retakes in _attempts(t["attendance"]):
            score = (retakes or [first])[-1].get("score")
            passed = None if score is None or not assessed[first["session"]] else score >= pass_marks[first["session"]]
            by_session.setdefault(first["session"], []).append(R.Attendance(
                first["session"], first["staff"], self.staff_name(first["staff"]), staff_dept.get(first["staff"], ""),
                first.get("score"), passed, tuple(r.get("score") for r in retakes)))
        plan = t["plan"]
        return R.Training(
            plan=R.TrainingPlan(plan["year"], plan.get("approved_by"), self.staff_name(plan.get("approved_by")),
                                tuple(R.PlanItem(p["id"], p["topic"], p["kind"], p["audience"], p["month"], p["hours"],
                                                 _text(p, "trainer"), _text(p, "method"), _text(p, "assessment"),
                                                 p.get("department")) for p in plan["items"])),
            sessions=tuple(sorted((
                R.Session(s["id"], s.get("plan_item"), s["date"], s["topic"], s["kind"], s["trainer"], s["hours"],
                          _text(s, "location"), _text(s, "method"), s["assessment"], s["pass_mark"],
                          _text(s, "summary"), tuple(by_session.get(s["id"], ())),
                          loc=self.loc("training", "sessions", i), sign_in_scans=tuple(s["sign_in_scans"]),
                          assessment_scans=tuple(s["assessment_scans"]))
                for i, s in enumerate(t["sessions"])), key=lambda s: (s.date, s.id))),
        )

    def satisfaction(self) -> R.Satisfaction:
        sat = self.docs["satisfaction"]
        item_ids = [item["id"] for item in sat["items"]]
        surveys = []
        for i, sv in enumerate(sat["surveys"]):
            responses = tuple(
                R.Response(r["no"], r["date"], mask_customer(r["customer"], r["customer_type"]),
                           mask_phone(r.get("phone")), r.get("outlet"), _text(r, "product"), _text(r, "comment"),
                           tuple((item, r["scores"][item]) for item in item_ids if item in r["scores"]),
                           customer_type=r["customer_type"], contact=mask_name(r.get("contact")),
                           project=_text(r, "project"))
                for r in sv["responses"])
            surveys.append(R.Survey(
                sv["id"], sv["period"], sv["start"], sv["end"], sv["method"], sv["issued"], sv["returned"],
                sv.get("conducted_by"), tuple(sv["findings"]),
                tuple(R.SurveyAction(a["action"], a["owner"], self.dept_name(a["owner"]), a.get("due"), a["done"],
                                     tuple(a["items"]))
                      for a in sv["actions"]),
                responses, loc=self.loc("satisfaction", "surveys", i)))
        return R.Satisfaction(sat["scale"], sat["satisfied_min"], sat["target"], sat["formula"],
                              tuple(R.SurveyItem(x["id"], x["name"]) for x in sat["items"]),
                              tuple(sorted(surveys, key=lambda s: (s.end, s.id))))

    def complaints(self) -> R.Complaints:
        c = self.docs["complaints"]
        tg = c["targets"]
        return R.Complaints(
            targets=R.ComplaintTargets(tg["response_hours"], tg["resolution_hours"], tg["visit_days"]),
            complaints=tuple(sorted((
                R.Complaint(x["id"], x["received"], x["channel"], mask_customer(x["customer"], x["customer_type"]),
                            mask_phone(x.get("phone")),
                            _text(x, "product"), x.get("outlet"), x["category"], x["severity"], x["issue"],
                            x.get("responded"), x.get("resolved"), x.get("handler"), self.staff_name(x.get("handler")),
                            _text(x, "outcome"), x.get("visit_date"), x.get("visit_method"), x.get("visit_result"),
                            loc=self.loc("complaints", "complaints", i), customer_type=x["customer_type"],
                            contact=mask_name(x.get("contact")), project=_text(x, "project"),
                            reprocessed=x.get("reprocessed"), reprocess_outcome=_text(x, "reprocess_outcome"),
                            revisit_result=x.get("revisit_result"), purchased=x.get("purchased"))
                for i, x in enumerate(c["complaints"])), key=lambda x: (x.received, x.id))),
            visits=tuple(R.VisitStat(v["period"], v["services"], v["visited"], v["satisfied"], _text(v, "method"))
                         for v in c["visits"]),
        )

    def attachments(self):
        return tuple(
            R.Attachment(a["id"], a["file"], a["title"], a["kind"], tuple(a["indicators"]), a["watermark"],
                         a.get("issued"), a.get("valid_until"), loc=self.loc("evidence", "attachments", i))
            for i, a in enumerate(self.docs["evidence"]["attachments"]))

    def rectification(self):
        r = self.docs.get("rectification")
        if r is None:
            return None
        a = r["audit"]
        return R.Rectification(
            R.Audit(a["body"], a["stage"], a["date"], tuple(a["auditors"])),
            tuple(R.Finding(f["id"], f["indicator"], f["description"], f["severity"], f["special_deduction"],
                            f["raised"], f["cause"], f["correction"], f["corrective_action"], f["owner"],
                            self.staff_name(f["owner"]), f["due"], f.get("closed"), tuple(f["evidence"]),
                            tuple(f["documents"]), loc=self.loc("rectification", "findings", i))
                  for i, f in enumerate(r["findings"])),
            r.get("submitted"))


def _self_assessment(b: _Builder):
    sa = b.docs.get("self_assessment")
    if sa is None:
        return R.SelfAssessment((), (), None, None)
    dec = sa["declarations"]
    return R.SelfAssessment(
        judgements=tuple(R.Judgement(j["indicator"], j["status"], j.get("deduction"), _text(j, "reason"),
                                     loc=b.loc("self_assessment", "judgements", i))
                         for i, j in enumerate(sa["judgements"])),
        special_deductions=tuple(R.SpecialItem(x.get("indicator"), x["reason"], x.get("complaint"))
                                 for x in sa["special_deductions"]),
        special_bonus=_bonus(sa["special_bonus"]),
        screened=tuple(R.ScreenedAnswer(x["complaint"], x["rule"], x["special_deduction"], x["reason"],
                                        loc=b.loc("self_assessment", "screened", i))
                       for i, x in enumerate(sa["screened"])),
        declarations=None if dec is None else R.Declarations(
            dec["signatory"], b.staff_name(dec["signatory"]), dec["date"], dec["truthful"], dec["no_major_failure"],
            dec["special_fund"], dec["compliance"], dec.get("no_major_failure_text")))


def _bonus(bonus: dict | None) -> R.Bonus | None:
    return None if bonus is None else R.Bonus(bonus["reason"], tuple(bonus["evidence"]), _text(bonus, "benchmark"))


def _window(stated: dict | None) -> Window | None:
    return None if not stated else Window(stated["start"], stated["end"])


def build_model(docs: dict[str, dict], sources: Sources, standard: Standard, stage: str | None = None) -> Dossier:
    """The Dossier of a company whose every data file passed schema validation, for the submission
    ``stage`` names (by default the one the data is in, see :func:`dossier.model.submission.submission_of`),
    with every record the data holds (what the rules check); :func:`in_window` gives the pack's from it."""
    b = _Builder(docs, sources)
    symbols = docs["organisation"]["matrix_symbols"]
    parts = dict(
        standard=standard, root=Path(sources.root), company=b.company(), departments=b.departments(),
        roles=b.roles(), responsibilities=b.responsibilities(), matrix_symbols=(symbols["lead"], symbols["support"]),
        staff=b.staff(), outlets=b.outlets(), system=b.system(), training=b.training(),
        satisfaction=b.satisfaction(), complaints=b.complaints(), attachments=b.attachments(),
        rectification=b.rectification(), self_assessment=_self_assessment(b),
        reviews=b.reviews(), inspections=b.inspections(), outlet_requirements=b.outlet_requirements(),
    )
    submission = submission_of(parts["company"], parts["rectification"], stage)
    approvals, unresolved = b.approvals(standard, submission.date)
    figures = compute_figures(**parts, day=submission.date, window=submission.window, submission=submission)
    reviewed = review_inputs(parts, parts["reviews"].management_reviews)
    return Dossier(**parts, figures=replace(figures, reviews=reviewed), submission=submission, approvals=approvals,
                   unresolved_approvals=unresolved)


#: the fields of a Dossier derived from its parts or set later; the others are the parts a reporting window
#: selects from (see model.reporting.within_window)
_DERIVED = frozenset({"figures", "problems", "submission", "approvals", "unresolved_approvals"})


def in_window(whole: Dossier) -> Dossier:
    """The pack of ``whole``'s submission (a Dossier of every record): the records of its reporting window
    and their figures; each management review held in it with the inputs it reviewed, which come from
    every record whichever the window (see model.reviews)."""
    submission = whole.submission
    parts = within_window({f.name: getattr(whole, f.name) for f in fields(whole) if f.name not in _DERIVED}, submission)
    figures = compute_figures(**parts, day=submission.date, window=submission.window, submission=submission)
    held = {r.id for r in parts["reviews"].management_reviews}
    reviewed = tuple(inputs for inputs in whole.figures.reviews if inputs.review in held)
    return replace(whole, **parts, figures=replace(figures, reviews=reviewed))
