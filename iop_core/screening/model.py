"""The Screening model: everything a user enters, in one pydantic tree, and what assess() returns.

Glossary: Screening = egenbedömning; Framework = a kommun's/region's IOP guidelines (SKR is the
national baseline); Finding = one rule's verdict on one screening. Facts only, never legal
conclusions: an unanswered question stays None. This module holds no rules and no Streamlit.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Context, Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from iop_core.data_folder import NATIONAL, framework_ids
from iop_core.i18n import Language

SCHEMA_VERSION = 4
"""Version of the saved-screening file. Bump it and add a step to iop_core.screening.persistence.MIGRATIONS."""

MAX_TEXT = 10_000
MAX_LINE = 300

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]

# Closed key sets: a saved file can only name sections, documents and points the app knows, so a
# file cannot grow the screening with invented keys (tests/core/test_model_bounds.py keeps these
# equal to the data files).
OUTLINE_SECTION_IDS: tuple[str, ...] = (
    "activities", "agreement", "background", "commitments", "communication", "confidentiality", "contacts",
    "documentation", "economy", "follow_up", "goal", "governance", "independence", "learning", "name", "parties",
    "period", "purpose", "reference_group", "renegotiation", "signature", "strategies", "target_group",
    "termination", "values",
)
"""Every section id in data/outlines.toml (all frameworks)."""
OutlineSectionId = Literal[OUTLINE_SECTION_IDS]
DOCUMENT_IDS: tuple[str, ...] = (
    "statutes", "mission", "annual_meeting_minutes", "annual_report", "financial_statement", "audit_report",
    "plan_and_board", "membership",
)
"""Every document id in data/documents.toml."""
DocumentId = Literal[DOCUMENT_IDS]
Line = Annotated[str, StringConstraints(max_length=MAX_LINE, strip_whitespace=True)]

DATE_MIN = date(2000, 1, 1)
DATE_MAX = date(2100, 12, 31)
Day = Annotated[date, Field(ge=DATE_MIN, le=DATE_MAX)]
"""A date a user picks (signature, agreement period): the range the pages' date pickers allow."""

FrameworkId = Literal[framework_ids()]
"""A framework of the data folder (data/frameworks/<id>.toml, see iop_core.data_folder): a file
naming any other is refused like any unknown choice."""
STEPS: tuple[str, ...] = ("start", "initiative", "documents", "values", "budget", "summary", "agreement")
"""The walk, in order: the one list the app's navigation, the sidebar's step states and every
"Nästa" link are built from. Each rule's theme names the step its findings belong to
(data/themes.toml)."""
Step = Literal[STEPS]
Role = Literal["organisation", "officer", "trainer"]

Severity = Literal["info", "warning", "high", "blocker"]
Direction = Literal["iop", "grant", "procurement", "blocker", "neutral"]
Classification = Literal["iop", "grant", "procurement", "not_eligible", "uncertain"]
TrafficLight = Literal["green", "amber", "red"]

# Answer vocabularies. The Swedish wording of each choice lives in data/questions.toml.
InitiativeBy = Literal["organisation", "public", "joint", "other"]
NeedDefinedBy = Literal["public_in_advance", "jointly", "organisation"]
PaymentModel = Literal["per_unit", "service_price", "cost_cover", "contribution", "no_money"]
OrgContribution = Literal["money", "in_kind", "both", "none"]
MandateStatus = Literal["decided", "in_plan", "none", "unknown"]
ProcurementOpinion = Literal["no_market", "market", "not_asked"]
ServiceResponsibility = Literal["public_by_law", "organisation", "shared"]
RecipientsDecidedBy = Literal["public", "organisation", "open"]
OrgType = Literal[
    "ideell_forening",
    "stiftelse",
    "ekonomisk_forening",
    "trossamfund",
    "studieforbund",
    "folkhogskola",
    "socialt_foretag",
    "aktiebolag",
    "kommunalt_bolag",
    "privat_foretag",
    "other",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Organisation(_Model):
    """Who is screening, and with which public body."""

    name: Line = ""
    org_number: Line = ""
    contact_name: Line = ""
    contact_email: Line = ""
    public_partner: Line = ""
    """Kommun/region/nämnd the organisation wants to partner with."""


class InitiativeFacts(_Model):
    """Answers to the initiative checklist: facts about the planned cooperation."""

    initiative_by: InitiativeBy | None = None
    need_defined_by: NeedDefinedBy | None = None
    ready_proposal: bool | None = None
    societal_challenge: bool | None = None
    local_benefit: bool | None = None
    part_of_normative_grant: bool | None = None
    """Is *this activity* what the ordinary or targeted grants already pay for (Mora: "normerande
    och riktade bidrag")? Not the same as getting a general föreningsbidrag, which is normal."""
    gets_general_grant: bool | None = None
    public_regulates_detail: bool | None = None
    payment_model: PaymentModel | None = None
    sanctions: bool | None = None
    private_providers: bool | None = None
    procurement_opinion: ProcurementOpinion | None = None
    activity_sells_on_market: bool | None = None
    """Does *the funded activity* sell goods or services on a market? State aid's notion of an
    undertaking is functional: the activity the money goes to decides, not the organisation."""
    org_sells_elsewhere: bool | None = None
    """Does the organisation sell on a market in *another* part of its work (a second-hand shop)?"""
    separate_accounts: bool | None = None
    """If so: are that part's accounts kept separate from the funded activity's?"""
    publicly_controlled: bool | None = None
    """Does a public body appoint the board (or its majority) or own the organisation? An
    idéburen organisation is not controlled by the public side (Lag (2022:900), SKR 4.2)."""
    lov_system: bool | None = None
    """Does the kommun already run a choice system (LOV) for this kind of service?"""
    public_amount_per_year: Annotated[int, Field(ge=0, lt=10_000_000_000)] | None = None
    """Kronor per year from the public side (money and in-kind), for the de minimis comparison."""
    total_value: Annotated[int, Field(ge=0, lt=10_000_000_000)] | None = None
    """Kronor: all parties' inputs over the whole agreement period."""
    org_contribution: OrgContribution | None = None
    public_covers_all_costs: bool | None = None
    planned_years: Annotated[float, Field(ge=0, le=50, allow_inf_nan=False)] | None = None
    joint_learning: bool | None = None
    joint_governance: bool | None = None
    org_independent: bool | None = None
    org_runs_operation: bool | None = None
    service_responsibility: ServiceResponsibility | None = None
    recipients_decided_by: RecipientsDecidedBy | None = None
    self_running: bool | None = None
    political_mandate: MandateStatus | None = None
    org_type: OrgType | None = None
    reinvests_surplus: bool | None = None

    # Free texts (SKR Bilaga 1; Helsingborg 2.2-2.4). Run through the word-choice check.
    challenge: Text = ""
    goal: Text = ""
    target_group: Text = ""
    activities: Text = ""
    not_included: Text = ""


class Statutes(_Model):
    """Mora "Kontroll av partner i IOP": statutes that govern the work democratically."""

    has_statutes: bool | None = None
    democratic: bool | None = None
    members: Annotated[int, Field(ge=0, le=10_000_000)] | None = None


DocumentStatus = Literal["uploaded", "later", "missing"]


class UploadedFileMeta(_Model):
    """Metadata of an accepted upload. The bytes stay in the session's memory only."""

    file_name: Line
    kind: Line
    size_bytes: Annotated[int, Field(ge=0, le=10**12)]
    pages: Annotated[int, Field(ge=0, le=10**7)] | None = None
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    uploaded_at: datetime


class DocumentEntry(_Model):
    """One required partner document: uploaded, to be handed in later, or not existing."""

    status: DocumentStatus | None = None
    reason: Annotated[str, StringConstraints(max_length=MAX_LINE)] = ""
    """Why it does not exist: one line, as the page's field allows (MAX_LINE characters)."""
    file: UploadedFileMeta | None = None


VALUE_POINTS: tuple[str, ...] = (
    "1", "2", "3", "4a", "4b", "4c", "4d", "4e", "4f", "4g", "5", "6", "routines",
)
ValuePoint = Literal[VALUE_POINTS]


class ValueDeclaration(_Model):
    """Mora "Värdegrund": each point confirmed separately, plus the signer."""

    confirmed: dict[ValuePoint, bool] = Field(default_factory=dict)
    signer_name: Line = ""
    signer_role: Line = ""
    signer_organisation: Line = ""
    signed_on: Day | None = None


BudgetParty = Literal["public", "organisation", "other"]
BudgetKind = Literal["money", "in_kind"]
BudgetUnit = Literal["timmar", "kvm", "månader", "st", "kr"]

MAX_AMOUNT = Decimal("10000000000")
"""Anything at or above 10 000 000 000 kr is treated as a typing error."""


def _whole_oren(value: Decimal) -> Decimal:
    """At most two decimals. pydantic's decimal_places lets exponents like 1E-999999999 through."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and (
        exponent < -30 or value != value.quantize(Decimal("0.01"), context=Context(prec=100))
    ):
        raise ValueError("more than two decimals")
    return value


Oren = AfterValidator(_whole_oren)


MAX_BUDGET_ROWS = 1000
"""More rows than this in one budget is not a budget but a mistake (e.g. the wrong file)."""


class BudgetLine(_Model):
    """One input to the partnership: who gives what, how much of it, and what it is worth.

    Always valid: party/category fit together is checked where rows are entered
    (iop_core.budget.rows.parse_row); a row that fails stays a BudgetDraft until it is fixed.
    """

    party: BudgetParty
    category: Annotated[str, StringConstraints(min_length=1, max_length=MAX_LINE, strip_whitespace=True)]
    other_text: Line = ""
    kind: BudgetKind
    quantity: Annotated[Decimal, Field(ge=0, lt=MAX_AMOUNT, decimal_places=2), Oren]
    unit: BudgetUnit
    unit_value: Annotated[Decimal, Field(ge=0, lt=MAX_AMOUNT, decimal_places=2), Oren]
    year: Annotated[int, Field(ge=2000, le=2100)]
    note: Line = ""

    @model_validator(mode="after")
    def _value_not_absurd(self) -> BudgetLine:
        if self.quantity * self.unit_value >= MAX_AMOUNT:
            raise ValueError("the line's value (quantity x unit value) is at or above MAX_AMOUNT")
        return self


DraftText = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


class BudgetDraft(_Model):
    """A budget row exactly as typed or imported, kept while it has problems.

    Nothing a user enters is dropped: a row that is not (yet) a valid BudgetLine waits here,
    with its raw text, until it is fixed or deleted. Drafts never count in any total.
    """

    party: DraftText = ""
    category: DraftText = ""
    other_text: DraftText = ""
    kind: DraftText = ""
    quantity: DraftText = ""
    unit: DraftText = ""
    unit_value: DraftText = ""
    year: DraftText = ""
    note: DraftText = ""


class BudgetTerms(_Model):
    """Helsingborg 2.7 / 2.8: how money moves, other grants, surplus, period."""

    payment_how: Text = ""
    payment_when: Text = ""
    payment_to: Text = ""
    other_grants_allowed: bool | None = None
    surplus_handling: Text = ""
    period_start: Day | None = None
    period_end: Day | None = None
    extension: Text = ""


DEFAULT_VOLUNTEER_RATE = Decimal("300")


class Budget(_Model):
    lines: list[BudgetLine] = Field(default_factory=list, max_length=MAX_BUDGET_ROWS)
    drafts: list[BudgetDraft] = Field(default_factory=list, max_length=MAX_BUDGET_ROWS)
    """Rows with problems, shown after the lines in the editor (see BudgetDraft)."""
    volunteer_hourly_rate: Annotated[Decimal, Field(ge=0, le=100_000, decimal_places=2), Oren] = DEFAULT_VOLUNTEER_RATE
    terms: BudgetTerms = Field(default_factory=BudgetTerms)


class Agreement(_Model):
    """Texts of the draft agreement outline the user edited, by outline section id."""

    sections: dict[OutlineSectionId, Text] = Field(default_factory=dict)
    contact_public: Line = ""
    contact_organisation: Line = ""


class MeetingNotes(_Model):
    """Officer triage: what the meeting agreed."""

    open_questions: Text = ""
    next_steps: Text = ""
    notes: Text = ""


MigrationNote = Literal["payment_model_split", "market_sales_reasked", "market_no_sales_carried"]
"""What opening an older file could not carry over as it was (iop_core.screening.persistence):
each is a text in the text table (migration.<note>) that says which question to answer again."""


class Screening(_Model):
    """One self-screening, saved and loaded as JSON. Every page reads and writes this."""

    schema_version: Annotated[int, Field(ge=1, le=SCHEMA_VERSION)] = SCHEMA_VERSION
    role: Role | None = None
    framework: FrameworkId = NATIONAL
    language: Language = "sv"
    demo_case: Line = ""
    """Id of the fictional demo case this screening was opened from, if any."""
    organisation: Organisation = Field(default_factory=Organisation)
    initiative: InitiativeFacts = Field(default_factory=InitiativeFacts)
    statutes: Statutes = Field(default_factory=Statutes)
    documents: dict[DocumentId, DocumentEntry] = Field(default_factory=dict)
    value_declaration: ValueDeclaration = Field(default_factory=ValueDeclaration)
    budget: Budget = Field(default_factory=Budget)
    agreement: Agreement = Field(default_factory=Agreement)
    meeting: MeetingNotes = Field(default_factory=MeetingNotes)
    migration_notes: Annotated[list[MigrationNote], Field(max_length=len(MigrationNote.__args__))] = Field(default_factory=list)
    """Set when an older file was opened: the answers it could not carry over (shown to the user)."""


# --- Dotted paths: "initiative.sanctions" names a fact (data/questions.toml ids are such paths) ---


def path_owner(obj: Any, path: str) -> tuple[Any, str]:
    """The object that holds the last part of a dotted path, and that part's name."""
    *parents, name = path.split(".")
    for part in parents:
        obj = getattr(obj, part)
    return obj, name


def fact_value(obj: Any, path: str) -> Any:
    """The value at a dotted path: fact_value(screening, "initiative.sanctions")."""
    return getattr(*path_owner(obj, path))


def set_fact(obj: Any, path: str, value: Any) -> None:
    """Set the value at a dotted path; the model validates it (ValidationError if it does not fit)."""
    owner, name = path_owner(obj, path)
    setattr(owner, name, value)


class Citation(_Model):
    """A pinpoint in one of the sources registered in data/sources.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    document: str
    section: str


class Finding(_Model):
    """One rule's verdict on one screening under one framework."""

    rule_id: str
    theme: str
    severity: Severity
    direction: Direction
    title: str
    explanation: str
    next_step: str
    citations: list[Citation]
    framework: str
    facts: list[str] = Field(default_factory=list)
    """The answers that triggered the finding, in plain Swedish ("Vem tog initiativet? Kommunen")."""
    points: int = 0
    """What the finding adds to its direction's score: its weight if it is the one that counts for
    its theme, else 0 (each theme counts once; see iop_core.rules.assessment.count_themes)."""
    counted_in: str = ""
    """When it adds nothing: the rule id of the finding its theme is counted through."""
    shared_with_grant: bool = False
    """An IOP sign that fits a grant as well (it weighs against procurement only)."""
    stops: Literal["partner", "process", "any_support"] = "partner"
    """For a blocker: what it stops (see iop_core.rules.catalogue.Rule.stops)."""
    step: Step = "summary"
    """The step whose page shows the finding and whose state it can mark (its theme's, in
    data/themes.toml). The defaults here and in `group` only read findings stored before a
    finding carried them (cases in the council's register)."""
    group: str = ""
    """The heading the summary and the PDF show it under (its theme's, in data/themes.toml)."""


class MissingFact(_Model):
    fact: str
    question: str


TestStepId = Literal["eligible", "economic_element", "criteria", "state_aid", "process"]
StepOutcome = Literal["pass", "fail", "unanswered", "unclear", "not_reached"]


class PathStep(_Model):
    """One step of the legal test as walked for one screening (iop_core.rules.legal_test): what
    was asked, how it came out, the facts and sources that decided it, and what would change it."""

    id: TestStepId
    title: str
    """The step's question in plain language ("Kan offentliga pengar gå hit?")."""
    outcome: StepOutcome
    """pass ✓ (nothing here stops a partnership), fail ✗, unanswered (facts missing), unclear
    (the signs conflict), not_reached (an earlier step decided)."""
    decided: bool = False
    """This step decided the verdict."""
    parallel: bool = False
    """A check beside the main line (state aid, the public side's process)."""
    reason: str = ""
    """One sentence: why it came out this way."""
    facts: list[str] = Field(default_factory=list)
    """The answers that decided it ("Vem tog initiativet? Kommunen")."""
    rule_ids: list[str] = Field(default_factory=list)
    """The findings the step rests on (for the reader who wants the detail)."""
    missing: list[str] = Field(default_factory=list)
    """Questions that must be answered before this step can say more."""
    citations: list[Citation] = Field(default_factory=list)
    change: str = ""
    """What would change the outcome."""


class Assessment(_Model):
    """assess()'s answer: a leaning, never a legal verdict."""

    framework: str
    classification: Classification
    traffic_light: TrafficLight
    basis: Literal["eligible", "economic_element", "criteria", "state_aid", "process", "missing", "mixed"]
    """Which step of the legal test decided, or for "uncertain": "missing" (facts missing at the
    deciding step) or "mixed" (the signs conflict). docs/verdict.md says how it is decided."""
    path: list[PathStep] = Field(default_factory=list)
    """The legal test as walked, in order: the main steps, then the checks beside them."""

    @model_validator(mode="before")
    @classmethod
    def _stored_before_the_legal_test(cls, data: Any) -> Any:
        """Cases in the council's register stored before the judgement became the legal test
        carry the old names of what decided; read them as the step that decides it now."""
        old = {"blocker": "eligible", "procurement": "economic_element", "grant": "criteria", "iop": "criteria"}
        if isinstance(data, dict) and data.get("basis") in old:
            data = {**data, "basis": old[data["basis"]]}
        return data
    summary: str
    findings: list[Finding]
    missing: list[MissingFact] = Field(default_factory=list)
    scores: dict[str, int] = Field(default_factory=dict)
    """Points per direction: the sum of the findings' `points`, the same numbers every page prints."""
    position: float | None = None
    """Where the picture draws the case on the grant (-1) ↔ IOP (0) ↔ procurement (+1) axis,
    inside the zone of its verdict; None when it is not eligible yet (not drawn)."""
    disclaimer: str

    def findings_for(self, step: str) -> list[Finding]:
        """The findings that belong to one step of the walk (STEPS), in the assessment's order."""
        return [f for f in self.findings if f.step == step]
