"""Every storage failure shares one base, so `except StorageError` is the one catch for all."""

import inspect

from iop_core.storage import errors


def _classes():
    return [obj for _, obj in inspect.getmembers(errors, inspect.isclass)
            if obj.__module__ == errors.__name__ and issubclass(obj, BaseException)]


def test_every_storage_error_is_a_storage_error_with_a_key():
    assert len(_classes()) == 18
    for cls in _classes():
        assert issubclass(cls, errors.StorageError), cls
        assert isinstance(cls.key, str) and cls.key, cls


def test_an_unreachable_database_is_not_a_draft_or_case_problem():
    assert not issubclass(errors.StorageUnavailable, (errors.DraftError, errors.CaseError))
    assert issubclass(errors.StorageBroken, errors.StorageUnavailable)
    assert issubclass(errors.NotAnOfficer, errors.CaseError)
    assert errors.StorageBroken("too_new").key == errors.SchemaError("too_new", "revision x").key == "schema_too_new"
