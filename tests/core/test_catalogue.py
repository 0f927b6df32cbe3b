"""The data files: every citation resolves, overlays are validated, a new framework is one file."""

import shutil
import tomllib

import pytest

from iop_core.data_folder import DATA
from iop_core.rules import catalogue
from iop_core.rules.catalogue import CatalogueError, base_rules, frameworks, questions, questions_for, sources


def test_the_frameworks_are_the_folders_files_in_their_order():
    files = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in (DATA / "frameworks").glob("*.toml")}
    assert list(frameworks()) == sorted(files, key=lambda fid: (files[fid]["order"], fid))
    assert list(frameworks())[:5] == ["skr", "mora", "botkyrka", "vgr", "helsingborg"]  # the shipped ones


def test_every_citation_names_a_known_section():
    for fw in frameworks().values():
        for rule in fw.rules:
            for c in rule.citations:
                assert sources()[c.document].knows(c.section), (fw.id, rule.id, c)
    for q in questions().values():
        assert q.citations


def test_every_rule_fact_is_a_question_and_a_model_field():
    from iop_core.screening.model import Screening, fact_value

    for q in questions():
        fact_value(Screening(), q)  # raises AttributeError if the path is not in the model


def test_framework_specific_questions():
    assert "initiative.ready_proposal" in {q.id for q in questions_for("vgr")}
    assert "initiative.ready_proposal" not in {q.id for q in questions_for("skr")}
    assert "initiative.procurement_opinion" in {q.id for q in questions_for("mora")}


def test_mora_requires_its_eight_documents():
    docs = frameworks()["mora"].documents
    assert len(docs) == 8
    assert all(d.citations[0].section.startswith("Kontroll av partner i IOP punkt") for d in docs)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(catalogue.DATA, target)
    monkeypatch.setattr(catalogue, "DATA", target)
    for fn in (catalogue.sources, catalogue.questions, catalogue.base_rules, catalogue.frameworks, catalogue.document_specs):
        fn.cache_clear()
    yield target
    for fn in (catalogue.sources, catalogue.questions, catalogue.base_rules, catalogue.frameworks, catalogue.document_specs):
        fn.cache_clear()


def test_a_framework_file_added_after_start_is_refused_until_a_restart(data_copy):
    """The frameworks a screening may name are read at start (model.FrameworkId); the catalogue
    never loads one the model would refuse. tests/core/test_new_framework.py adds one properly."""
    (data_copy / "frameworks" / "later.toml").write_text(
        'id = "later"\nname = "Senare kommun"\nshort = "Senare"\ndocument = "skr"\norder = 9\n'
        'description = "Test."\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="changed since the app started; restart it"):
        frameworks()


def test_a_framework_id_is_a_plain_lower_case_name(data_copy):
    (data_copy / "frameworks" / "Gränsby.toml").write_text(
        'id = "Gränsby"\nname = "Gränsby kommun"\nshort = "Gränsby"\ndocument = "skr"\norder = 9\n'
        'description = "Test."\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"Gränsby.toml: .*\nid\n  String should match pattern"):
        frameworks()


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ('[overrides."no.such.rule"]\nseverity = "high"\n', "overrides unknown rule"),
        ('[overrides."time.short"]\ncitations = [{ document = "skr", section = "9.9" }]\n', "not a known section"),
        ('[overrides."time.short"]\ncitations = [{ document = "lagbok", section = "1" }]\n', "unknown source"),
        ('[overrides."time.short"]\nseverity = "catastrophic"\n', "time.short"),
        ('[overrides."time.short"]\nwhen = { fact = "initiative.shoe_size", lt = 4 }\n', "unknown fact"),
        ('[overrides."time.short"]\nweight = 3\n', "cannot override"),
    ],
)
def test_invalid_overlays_fail_at_load_time(data_copy, override, message):
    (data_copy / "frameworks" / "broken.toml").write_text(
        'id = "broken"\nname = "X"\nshort = "X"\ndocument = "skr"\norder = 9\ndescription = "X"\n\n' + override,
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=message):
        frameworks()


def test_rule_ids_are_unique_and_stable_format():
    ids = [r["id"] for r in base_rules()]
    assert len(ids) == len(set(ids))
    assert all(i == i.lower() and "." in i for i in ids)


def _placed_rule() -> dict:
    """The first baseline rule as the catalogue validates it: with its theme's group and step."""
    return {**dict(base_rules()[0]), "group": "initiative", "step": "initiative"}


@pytest.mark.parametrize("direction, severity", [("blocker", "high"), ("procurement", "blocker"), ("iop", "warning")])
def test_a_rule_whose_direction_and_severity_disagree_is_refused(direction, severity):
    body = {**_placed_rule(), "direction": direction, "severity": severity}
    with pytest.raises(Exception, match="disagree|IOP signal"):
        catalogue.Rule.model_validate(body)


def test_only_a_blocker_says_what_it_stops():
    body = {**_placed_rule(), "stops": "process"}
    with pytest.raises(Exception, match="only a blocker"):
        catalogue.Rule.model_validate(body)


def test_every_parameter_is_cited_or_marked_as_the_apps_reading():
    from iop_core.rules.parameters import parameters

    for p in parameters().values():
        assert p.interpretation or sources()[p.source.document].knows(p.source.section), p.name
        assert p.description


def test_a_framework_can_override_a_parameter_and_unknown_ones_fail(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(catalogue.DATA, data)
    path = data / "frameworks" / "skr.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n[parameters]\nshort_term_years = 3\n", encoding="utf-8")
    monkeypatch.setattr(catalogue, "DATA", data)
    for fn in (catalogue.frameworks, catalogue.base_rules, catalogue.questions, catalogue.sources,
               catalogue.translation, catalogue.document_specs):
        fn.cache_clear()
    try:
        assert frameworks()["skr"].parameter("short_term_years") == 3
        assert frameworks()["mora"].parameter("short_term_years") == 2
        path.write_text(path.read_text(encoding="utf-8") + "no_such_parameter = 1\n", encoding="utf-8")
        catalogue.frameworks.cache_clear()
        with pytest.raises(CatalogueError, match="unknown parameter"):
            frameworks()
    finally:
        monkeypatch.undo()
        for fn in (catalogue.frameworks, catalogue.base_rules, catalogue.questions, catalogue.sources,
                   catalogue.translation, catalogue.document_specs):
            fn.cache_clear()


def test_every_theme_in_the_places_table_is_used_by_a_rule():
    from iop_core.rules import themes

    used = {r.theme for fw in frameworks().values() for r in fw.rules} | {r["theme"] for r in base_rules()}
    assert set(themes.load(catalogue.DATA).places) == used


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('sanctions = { group = "steering", step = "initiative" }\n', ""),
         r"rules.toml rule 'sanctions.present': theme 'sanctions' has no group and step; add .* under \[themes\] "
         r"in iop_core/data/themes.toml"),
        (lambda t: t.replace('sanctions = { group = "steering", step = "initiative" }',
                             'sanctions = { group = "steering", step = "payment" }'),
         r"themes.toml theme 'sanctions': unknown step 'payment'; the steps of the walk are start, initiative"),
        (lambda t: t.replace('sanctions = { group = "steering", step = "initiative" }',
                             'sanctions = { group = "control", step = "initiative" }'),
         r"themes.toml theme 'sanctions': unknown group 'control'"),
        (lambda t: t.replace('sanctions = { group = "steering", step = "initiative" }',
                             'sanctions = { group = "steering" }'),
         r"themes.toml theme 'sanctions': needs exactly `group` and `step`"),
    ],
)
def test_a_rule_whose_theme_has_no_known_group_and_step_is_refused_at_load(data_copy, edit, message):
    path = data_copy / "themes.toml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        frameworks()


def test_a_frameworks_new_theme_must_be_placed_too(data_copy):
    path = data_copy / "frameworks" / "skr.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[overrides."time.short"]\ntheme = "brand_new"\n',
                    encoding="utf-8")
    with pytest.raises(CatalogueError, match="skr.toml rule 'time.short': theme 'brand_new' has no group and step"):
        frameworks()


def test_every_summary_group_has_a_title():
    from iop_core.i18n import t
    from iop_core.rules import themes

    for group in themes.load(catalogue.DATA).groups:
        assert t(f"summary.group_{group}", "sv")  # KeyError: add summary.group_<group> to the UI texts
