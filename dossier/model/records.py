"""The records of the Dossier: frozen values built from validated data, each knowing where it came from.

References between files are kept as ids and resolved once, at build time, into the display fields
the documents need (a staff member's department name, an outlet's manager). Customers' names and
phone numbers are masked here, so no output can print them in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ..load.attachment.marks import MarkImage
from ..problems import Location
from ..standard.trades import PermitRule, QualificationRule

_NOWHERE = Location("", 0)


def _loc():
    return field(default=_NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Qualification:
    kind: str
    number: str
    issuer: str
    issued: date | None
    valid_until: date | None
    loc: Location = _loc()
    attachment: str | None = None      # the evidence id of its scan (an entrusted outlet's staff)

    @property
    def certificate(self) -> str:
        """The certificate as a sentence names it: 售后服务管理师证书, 低压电工作业证 (not …作业证证书)."""
        return self.kind if self.kind.endswith(("证", "证书", "执照", "许可")) else f"{self.kind}证书"

    def expired_on(self, day: date) -> bool:
        """Whether the certificate had lapsed by ``day`` (one without an end date never lapses). A document
        that only needs this reads this, not the date: a new end date that keeps it valid changes nothing."""
        return self.valid_until is not None and self.valid_until < day


@dataclass(frozen=True)
class Staff:
    id: str
    name: str
    gender: str
    department: str
    department_name: str
    position: str
    category: str
    outlet: str | None
    hired: date | None
    education: str
    title: str
    mobile: str
    qualifications: tuple[Qualification, ...]
    loc: Location = _loc()

    def holds(self, kind: str) -> bool:
        return any(q.kind == kind for q in self.qualifications)

    def qualification(self, kind: str) -> Qualification | None:
        return next((q for q in self.qualifications if q.kind == kind), None)


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    parent: str | None
    head: str | None
    head_name: str
    after_sales: bool
    phone: str
    duties: tuple[str, ...]
    loc: Location = _loc()


@dataclass(frozen=True)
class Role:
    role: str
    staff: str
    staff_name: str
    appointed: date | None
    duties: str
    loc: Location = _loc()
    departments: tuple[str, ...] = ()       # the departments it directs (分管), drawn under it in the chart


@dataclass(frozen=True)
class Responsibility:
    indicator: str
    lead: str
    support: tuple[str, ...]
    loc: Location = _loc()


@dataclass(frozen=True)
class Permit:
    """A licence (行政许可、备案) held by the company or by an outlet's partner."""

    kind: str
    number: str
    authority: str
    scope: str
    issued: date | None
    valid_until: date | None       # None: 长期
    attachment: str | None
    loc: Location = _loc()

    def expired_on(self, day: date) -> bool:
        return self.valid_until is not None and self.valid_until < day


@dataclass(frozen=True)
class EvaluationResult:
    criterion: str
    met: bool
    note: str


@dataclass(frozen=True)
class Evaluation:
    """The evaluation of an entrusted partner before its agreement (委托网点评审)."""

    date: date
    evaluators: tuple[str, ...]
    evaluator_names: tuple[str, ...]
    technicians: int | None          # certified technicians found at the evaluation
    conclusion: str                  # 合格 / 不合格
    record: str | None               # the evidence id of the signed 评审表
    results: tuple[EvaluationResult, ...]
    loc: Location = _loc()

    @property
    def passed(self) -> bool:
        return self.conclusion == "合格"


@dataclass(frozen=True)
class Partner:
    name: str
    uscc: str
    agreement_from: date | None
    agreement_until: date | None
    agreement: str | None
    permits: tuple[Permit, ...] = ()
    evaluation: Evaluation | None = None


@dataclass(frozen=True)
class EntrustedPerson:
    """A member of an entrusted partner's staff serving one of the company's outlets."""

    id: str
    outlet: str
    name: str
    position: str
    category: str
    qualifications: tuple[Qualification, ...]
    loc: Location = _loc()

    def certified_on(self, day: date) -> bool:
        """Whether the person holds a certificate valid on ``day``."""
        return any(not q.expired_on(day) for q in self.qualifications)


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    kind: str
    region: str
    address: str
    phone: str
    manager: str | None
    manager_name: str
    opened: date | None
    coverage: str
    services: tuple[str, ...]
    area_m2: float | None
    partner_staff: int
    partner: Partner | None
    own_staff: tuple[str, ...]
    loc: Location = _loc()
    entrusted_staff: tuple[EntrustedPerson, ...] = ()    # the partner's staff, as listed

    @property
    def start(self) -> date | None:
        """Since when the outlet serves the company's customers: its agreement's start, or its opening."""
        return (self.partner.agreement_from if self.partner else None) or self.opened

    @property
    def staff_count(self) -> int:
        return len(self.own_staff) + self.partner_staff


@dataclass(frozen=True)
class InspectionRule:
    """How often the company inspects each outlet of a kind: ``times`` inspections of the ``kinds`` that
    count, in every calendar ``every`` (月 / 季度 / 半年 / 年)."""

    outlets: str                     # 自建 / 委托
    kinds: tuple[str, ...]
    every: str
    times: int

    @property
    def wording(self) -> str:
        """The rule as a sentence says it: 委托网点每季度至少现场检查 1 次."""
        return f"{self.outlets}网点每{self.every}至少{'或'.join(self.kinds)} {self.times} 次"


@dataclass(frozen=True)
class OutletRequirements:
    """The company's own rules for its outlets (网点管理要求): inspection frequency, entry criteria."""

    inspections: tuple[InspectionRule, ...] = ()
    criteria: tuple[str, ...] = ()                  # what an entrusted partner must meet
    min_technicians: int | None = None              # certified technicians an entrusted outlet needs
    loc: Location = _loc()

    def inspection_rule(self, kind: str) -> InspectionRule | None:
        return next((r for r in self.inspections if r.outlets == kind), None)


@dataclass(frozen=True)
class Inspection:
    outlet: str
    date: date
    kind: str                        # 巡检 / 现场检查 / 暗访 …
    inspector: str
    inspector_name: str
    score: float | None
    findings: str
    record: str | None
    loc: Location = _loc()


@dataclass(frozen=True)
class Revision:
    version: str
    date: date
    description: str
    by: str
    by_name: str


@dataclass(frozen=True)
class SignOff:
    """One signature of a document's control: 编制, 审核 or 批准 (``duty``), by whom (a staff id, and the
    name printed) and when (None where the data dates only the issue, as the manual's control does)."""

    duty: str
    staff: str | None
    name: str
    date: date | None = None


@dataclass(frozen=True)
class DocControl:
    code: str
    version: str
    prepared_by: str
    reviewed_by: str
    approved_by: str
    issued: date
    effective: date
    status: str
    copy_number: str
    revisions: tuple[Revision, ...]
    loc: Location = _loc()
    sign_offs: tuple[SignOff, ...] = ()      # 编制, 审核, 批准 with the staff ids behind the names


@dataclass(frozen=True)
class Approval:
    """Who prepared, reviewed and approved a document that has no control of its own in the data, and when:
    organisation.yaml ``document_control`` (its defaults by role, the document's own entry), dated by default
    on the submission's date. ``owner``: the department the document belongs to."""

    document: str
    owner: str | None
    owner_name: str
    sign_offs: tuple[SignOff, ...]


@dataclass(frozen=True)
class Measurement:
    """An objective's value as the company measured it itself (for a metric the data cannot compute)."""
    value: float
    period: str         # the period measured, e.g. 2026-01~10
    source: str         # where the value comes from, e.g. 工单系统


@dataclass(frozen=True)
class Objective:
    text: str
    target: float | None
    unit: str
    comparison: str
    metric: str | None
    period: str
    loc: Location = _loc()
    measured: Measurement | None = None

    @property
    def measured_by_company(self) -> bool:
        """Whether its value is the company's own measurement (with its period and source): no built-in metric
        computes it from the data."""
        return self.metric is None and self.measured is not None

    @property
    def unmeasured(self) -> bool:
        """Whether nothing gives it a value: no built-in metric, no value measured by the company."""
        return self.metric is None and self.measured is None


@dataclass(frozen=True)
class Culture:
    philosophy: str
    commitment: str
    strategy: str
    objectives: tuple[Objective, ...]
    loc: Location = _loc()


@dataclass(frozen=True)
class FundItem:
    name: str
    amount: float
    purpose: str


@dataclass(frozen=True)
class Funds:
    year: int
    annual_budget: float
    special_fund: float
    description: str
    items: tuple[FundItem, ...]


@dataclass(frozen=True)
class Resource:
    name: str
    kind: str
    quantity: int | None
    unit: str
    location: str
    note: str
    hours: str = ""          # when customers can reach it (a hotline's, an online channel's service hours)


@dataclass(frozen=True)
class Law:
    name: str
    number: str


@dataclass(frozen=True)
class OtherDocument:
    """A document the system refers to that the pack does not contain: an internal one (a work instruction,
    an appraisal rule) or an external one (a brand's service policy)."""

    name: str
    number: str
    kind: str           # 内部文件 / 外来文件
    holder: str         # the department keeping it (its name)


@dataclass(frozen=True)
class WarrantyTerm:
    product: str
    whole_years: float
    parts_years: float | None
    note: str


@dataclass(frozen=True)
class WarrantyClause:
    """A named warranty term: what it covers, how long (and how far), from when."""

    covers: str
    kind: str                 # what the period is called: 保修 (the default), 包修期, 三包有效期
    length: float
    unit: str                 # 年 / 月 / 天
    mileage_km: int | None    # or this many kilometres, whichever comes first
    starts: str               # from when it counts, as written (验收合格之日)
    note: str


@dataclass(frozen=True)
class Warranty:
    policy: str
    return_days: int | None
    exchange_days: int | None
    terms: tuple[WarrantyTerm, ...]                 # the terms by product (整机 / 主要部件)
    clauses: tuple[WarrantyClause, ...] = ()        # the named terms
    three_guarantees: bool = False                  # the trade is under a 三包 regulation


@dataclass(frozen=True)
class Recycling:
    policy: str
    partner: str
    methods: tuple[str, ...]


@dataclass(frozen=True)
class Supervision:
    department: str
    department_name: str
    methods: tuple[str, ...]
    frequency: str


@dataclass(frozen=True)
class Practice:
    indicator: str
    text: str
    procedures: tuple[str, ...]
    records: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    since: str | None = None      # the first version that has the step (None: every version)
    until: str | None = None      # the last version that has it (None: every later version)


@dataclass(frozen=True)
class Duty:
    department: str
    department_name: str
    duty: str


@dataclass(frozen=True)
class Procedure:
    id: str
    title: str
    indicators: tuple[str, ...]
    owner: str
    owner_name: str
    control: DocControl
    purpose: str
    scope: str
    responsibilities: tuple[Duty, ...]
    steps: tuple[Step, ...]
    records: tuple[str, ...]
    references: tuple[str, ...]
    loc: Location = _loc()


@dataclass(frozen=True)
class FlowStep:
    """A step of the service flow as the data states it: who does it, its time limit (as text, as a number
    and a unit, or ``limit_from`` ``complaints``: complaints.yaml's targets), the procedure it follows."""

    name: str
    department: str
    department_name: str
    limit: str
    within: float | None
    unit: str
    limit_from: str | None
    procedure: str | None
    text: str
    loc: Location = _loc()


@dataclass(frozen=True)
class ServiceFlow:
    steps: tuple[FlowStep, ...]
    intro: str = ""          # the company's own words for the flow chart's opening sentence


@dataclass(frozen=True)
class CommitmentLetter:
    """The company's own words in its 售后服务承诺书."""

    preamble: str = ""       # replaces the opening composed from the data
    charges: str = ""        # its charging principles (收费原则)
    closing: str = ""


@dataclass(frozen=True)
class Term:
    term: str
    definition: str


@dataclass(frozen=True)
class Manual:
    title: str
    control: DocControl
    promulgation: str
    terms: tuple[Term, ...] = ()        # the company's own 术语, replacing those the manual composes


@dataclass(frozen=True)
class ServiceSystem:
    culture: Culture
    funds: Funds
    resources: tuple[Resource, ...]
    laws: tuple[Law, ...]
    warranty: Warranty | None          # None where the company excludes the indicator it serves
    recycling: Recycling | None
    supervision: Supervision
    practices: tuple[Practice, ...]
    manual: Manual
    procedures: tuple[Procedure, ...]
    other_documents: tuple[OtherDocument, ...] = ()
    flow: ServiceFlow | None = None                    # None: the flow is drawn from the practices
    commitment_letter: CommitmentLetter = field(default_factory=CommitmentLetter)


@dataclass(frozen=True)
class PlanItem:
    id: str
    topic: str
    kind: str
    audience: str
    month: int
    hours: float
    trainer: str
    method: str
    assessment: str
    department: str | None


@dataclass(frozen=True)
class Attendance:
    """A person's attendance of a session: the first attempt's score, the re-assessments' (补考) in order,
    and the result of the last attempt."""

    session: str
    staff: str
    staff_name: str
    department_name: str
    score: float | None
    passed: bool | None
    retakes: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class Session:
    id: str
    plan_item: str | None
    date: date
    topic: str
    kind: str
    trainer: str
    hours: float
    location: str
    method: str
    assessment: str
    pass_mark: float
    summary: str
    attendees: tuple[Attendance, ...]
    loc: Location = _loc()
    sign_in_scans: tuple[str, ...] = ()       # evidence ids of the scanned sign-in sheets
    assessment_scans: tuple[str, ...] = ()    # evidence ids of the scanned assessment papers

    @property
    def person_hours(self) -> float:
        return self.hours * len(self.attendees)

    @property
    def passed_count(self) -> int:
        return sum(1 for a in self.attendees if a.passed)

    @property
    def assessed_count(self) -> int:
        return sum(1 for a in self.attendees if a.passed is not None)


@dataclass(frozen=True)
class TrainingPlan:
    year: int
    approved_by: str | None
    approved_by_name: str
    items: tuple[PlanItem, ...]


@dataclass(frozen=True)
class Training:
    plan: TrainingPlan
    sessions: tuple[Session, ...]


@dataclass(frozen=True)
class SurveyItem:
    id: str
    name: str


@dataclass(frozen=True)
class Response:
    no: str
    date: date
    customer: str          # masked (a person's name; an organisation's is in full)
    phone: str             # masked
    outlet: str | None
    product: str
    comment: str
    scores: tuple[tuple[str, int], ...]
    customer_type: str = "个人"
    contact: str = ""      # masked: an organisation's contact person
    project: str = ""      # the project or equipment concerned

    def score(self, item: str) -> int | None:
        return dict(self.scores).get(item)


@dataclass(frozen=True)
class SurveyAction:
    action: str
    owner: str
    owner_name: str
    due: date | None
    done: bool
    items: tuple[str, ...] = ()      # the survey items it is to improve


@dataclass(frozen=True)
class Survey:
    id: str
    period: str
    start: date
    end: date
    method: str
    issued: int
    returned: int
    conducted_by: str | None
    findings: tuple[str, ...]
    actions: tuple[SurveyAction, ...]
    responses: tuple[Response, ...]
    loc: Location = _loc()


@dataclass(frozen=True)
class Satisfaction:
    scale: int
    satisfied_min: int
    target: float
    formula: str
    items: tuple[SurveyItem, ...]
    surveys: tuple[Survey, ...]


@dataclass(frozen=True)
class Complaint:
    id: str
    received: datetime
    channel: str
    customer: str          # masked (a person's name; an organisation's is in full)
    phone: str             # masked
    product: str
    outlet: str | None
    category: str
    severity: str
    issue: str
    responded: datetime | None
    resolved: datetime | None
    handler: str | None
    handler_name: str
    outcome: str
    visit_date: date | None
    visit_method: str | None
    visit_result: str | None
    loc: Location = _loc()
    customer_type: str = "个人"
    contact: str = ""      # masked: an organisation's contact person
    project: str = ""      # the project or equipment concerned
    reprocessed: datetime | None = None     # handled again after a dissatisfied visit: when it was done
    reprocess_outcome: str = ""
    revisit_result: str | None = None       # the visit after that
    purchased: date | None = None    # when the product was bought (its warranty counts from then)

    @property
    def response_hours(self) -> float | None:
        return None if self.responded is None else (self.responded - self.received).total_seconds() / 3600

    @property
    def resolution_hours(self) -> float | None:
        return None if self.resolved is None else (self.resolved - self.received).total_seconds() / 3600


@dataclass(frozen=True)
class VisitStat:
    period: str
    services: int
    visited: int
    satisfied: int
    method: str


@dataclass(frozen=True)
class ComplaintTargets:
    response_hours: float
    resolution_hours: float
    visit_days: float


@dataclass(frozen=True)
class Complaints:
    targets: ComplaintTargets
    complaints: tuple[Complaint, ...]
    visits: tuple[VisitStat, ...]


@dataclass(frozen=True)
class Attachment:
    id: str
    file: str
    title: str
    kind: str
    indicators: tuple[str, ...]
    watermark: bool
    issued: date | None
    valid_until: date | None
    loc: Location = _loc()


@dataclass(frozen=True)
class Finding:
    id: str
    indicator: str
    description: str
    severity: str
    special_deduction: bool
    raised: date
    cause: str
    correction: str
    corrective_action: str
    owner: str
    owner_name: str
    due: date
    closed: date | None
    evidence: tuple[str, ...]
    documents: tuple[str, ...]
    loc: Location = _loc()


@dataclass(frozen=True)
class Audit:
    body: str
    stage: str
    date: date
    auditors: tuple[str, ...]


@dataclass(frozen=True)
class Rectification:
    audit: Audit
    findings: tuple[Finding, ...]
    submitted: date | None = None      # when the rectification submission is sent (None: the last closure)


@dataclass(frozen=True)
class Contact:
    name: str
    position: str
    mobile: str
    phone: str
    email: str


@dataclass(frozen=True)
class Headcount:
    total: int
    after_sales: int
    service_management: int
    loc: Location = _loc()


@dataclass(frozen=True)
class Product:
    category: str
    brands: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Trade:
    """The company's trade and what the law requires of it: its profile's requirements, then its own."""

    profile: str
    title: str
    permits: tuple[PermitRule, ...]
    qualifications: tuple[QualificationRule, ...]

    def qualifications_of(self, category: str, position: str) -> tuple[QualificationRule, ...]:
        """The qualifications a person of ``category`` holding ``position`` must hold."""
        return tuple(q for q in self.qualifications if q.applies(category, position))


@dataclass(frozen=True)
class Licence:
    number: str
    authority: str
    issued: date
    valid_until: date | None       # None: 长期
    attachment: str | None
    loc: Location = _loc()


@dataclass(frozen=True)
class Exclusion:
    indicator: str
    reason: str


@dataclass(frozen=True)
class Certification:
    name: str
    number: str
    body: str
    valid_until: date | None
    attachment: str | None


@dataclass(frozen=True)
class Application:
    standard: str
    kind: str
    target_level: str
    date: date
    body: str
    system_start: date
    binder_number: str
    exclusions: tuple[Exclusion, ...]
    certifications: tuple[Certification, ...]
    loc: Location = _loc()
    #: the reporting window (统计期) the data states, or None for the default (see model.submission)
    reporting_period: object = None    # a model.submission.Window


@dataclass(frozen=True)
class Mark:
    """An image of the company's seal or of a person's signature (``file`` as the data names it)."""

    file: str
    image: MarkImage


@dataclass(frozen=True)
class Signing:
    """The images a company gives of its seal and of signatures (company.yaml ``signing``); without them,
    every place to seal or sign is left for the applicant to seal and sign by hand."""

    seal: Mark | None = None
    signatures: tuple[tuple[str, Mark], ...] = ()     # (staff id, image)
    legal_representative: str | None = None          # the legal representative's staff id, where on staff

    def signature(self, staff: str | None) -> Mark | None:
        return next((mark for who, mark in self.signatures if who == staff), None) if staff else None


@dataclass(frozen=True)
class Company:
    name: str
    uscc: str
    short_name: str
    english_name: str
    legal_representative: str
    established: date
    registered_capital: str
    ownership: str
    registered_address: str
    operating_address: str
    postcode: str
    phone: str
    hotline: str
    website: str
    business_scope: str
    profile: str
    contact: Contact
    headcount: Headcount
    products: tuple[Product, ...]
    scope: str
    service_area: tuple[str, ...]
    sales_model: str
    licence: Licence
    application: Application
    trade: Trade | None = None
    permits: tuple[Permit, ...] = ()
    signing: Signing = field(default_factory=Signing)


@dataclass(frozen=True)
class Judgement:
    indicator: str
    status: str            # 符合 / 扣分 / 删减
    deduction: float | None
    reason: str
    loc: Location = _loc()


@dataclass(frozen=True)
class SpecialItem:
    indicator: str | None
    reason: str
    complaint: str | None = None       # the complaint the special deduction rests on


@dataclass(frozen=True)
class Bonus:
    """A special bonus the applicant claims: its reason, and what shows it (attachments or a benchmark)."""
    reason: str
    evidence: tuple[str, ...] = ()     # evidence.yaml ids
    benchmark: str = ""                # the data and its source it is judged above the trade against


@dataclass(frozen=True)
class ScreenedAnswer:
    """The applicant's answer to one hit of the special-deduction screening."""
    complaint: str
    rule: str                          # the screening rule's name
    special_deduction: bool
    reason: str
    loc: Location = _loc()


@dataclass(frozen=True)
class Declarations:
    signatory: str
    signatory_name: str
    date: date
    truthful: bool
    no_major_failure: bool
    special_fund: bool
    compliance: bool
    no_major_failure_text: str | None = None     # the company's own words for that declaration


@dataclass(frozen=True)
class SelfAssessment:
    judgements: tuple[Judgement, ...]
    special_deductions: tuple[SpecialItem, ...]
    special_bonus: Bonus | None
    declarations: Declarations | None
    screened: tuple[ScreenedAnswer, ...] = ()


@dataclass(frozen=True)
class ChecklistRow:
    """One department audited: by whom, when, against which indicators (内审检查表)."""

    department: str
    department_name: str
    auditor: str
    auditor_name: str
    date: date | None
    indicators: tuple[str, ...]
    items: int | None
    loc: Location = _loc()


@dataclass(frozen=True)
class AuditFinding:
    id: str
    indicator: str
    department: str
    department_name: str
    description: str
    severity: str
    loc: Location = _loc()


@dataclass(frozen=True)
class CorrectiveAction:
    finding: str
    cause: str
    action: str
    owner: str
    owner_name: str
    due: date
    closed: date | None
    verification: str
    verified_by: str | None
    verified_by_name: str
    verified: date | None
    loc: Location = _loc()


@dataclass(frozen=True)
class InternalAudit:
    id: str
    planned: date
    approved_by: str | None
    approved_by_name: str
    start: date
    end: date
    reported: date
    leader: str
    leader_name: str
    auditors: tuple[str, ...]
    auditor_names: tuple[str, ...]
    departments: tuple[str, ...]
    department_names: tuple[str, ...]
    indicators: tuple[str, ...]
    basis: str
    conclusion: str
    checklist: tuple[ChecklistRow, ...]
    findings: tuple[AuditFinding, ...]
    actions: tuple[CorrectiveAction, ...]
    loc: Location = _loc()

    def actions_of(self, finding: str) -> tuple[CorrectiveAction, ...]:
        return tuple(a for a in self.actions if a.finding == finding)


@dataclass(frozen=True)
class ReviewInput:
    topic: str
    text: str


@dataclass(frozen=True)
class ReviewDecision:
    decision: str
    indicator: str | None
    owner: str
    owner_name: str
    due: date
    closed: date | None
    result: str
    loc: Location = _loc()


@dataclass(frozen=True)
class ManagementReview:
    id: str
    date: date
    chair: str
    chair_name: str
    attendees: tuple[str, ...]
    attendee_names: tuple[str, ...]
    period_start: date | None          # as the data states it (see model.reviews for the period it reviews)
    period_end: date | None
    audits: tuple[str, ...]            # the internal audits it reviewed, as the data names them
    inputs: tuple[ReviewInput, ...]
    conclusion: str
    decisions: tuple[ReviewDecision, ...]
    previous: "ManagementReview | None" = None     # the review held before it (whether or not in the pack)
    loc: Location = _loc()


@dataclass(frozen=True)
class Reviews:
    """The internal audits and management reviews (reviews.yaml), each list in date order."""

    internal_audits: tuple[InternalAudit, ...] = ()
    management_reviews: tuple[ManagementReview, ...] = ()

    def internal_audit(self, ident: str) -> InternalAudit | None:
        return next((a for a in self.internal_audits if a.id == ident), None)
