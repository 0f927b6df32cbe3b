"""Random screenings for property tests (hypothesis): every fact of the initiative answered at
random (unanswered included), statutes present or not."""

from __future__ import annotations

from typing import get_args

from hypothesis import strategies as st

from iop_core.screening.model import InitiativeFacts, Screening, Statutes


def _values(annotation):
    """The answers a fact accepts, unanswered included, from the model's own annotation."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if bool in args:
        return st.sampled_from([True, False, None])
    literal = next((a for a in args if get_args(a) and all(isinstance(v, str) for v in get_args(a))), None)
    if literal is not None:
        return st.sampled_from([*get_args(literal), None])
    return st.one_of(st.none(), st.integers(min_value=0, max_value=3_000_000))


FACTS = {
    name: _values(field.annotation)
    for name, field in InitiativeFacts.model_fields.items()
    if field.annotation is not str
}


@st.composite
def screenings(draw):
    facts = {name: draw(strategy) for name, strategy in FACTS.items()}
    if facts["planned_years"] is not None:
        facts["planned_years"] = min(50, facts["planned_years"] % 12)
    statutes = Statutes(has_statutes=draw(st.sampled_from([True, False, None])),
                        democratic=draw(st.sampled_from([True, False, None])))
    return Screening(initiative=InitiativeFacts(**facts), statutes=statutes)
