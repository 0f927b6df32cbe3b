"""The shell's own modules beside pages/: what the pages share (the session state, widgets bound
to the Screening, navigation, charts, drafts, the council's side, sign-in, uploads).

Imports nothing: each page imports the modules it uses, so that importing the package never runs
the whole shell (a package root that imported its modules deadlocked 30 script threads importing
at once; iop_core/__init__.py and tests/core/test_architecture.py say why).
"""
