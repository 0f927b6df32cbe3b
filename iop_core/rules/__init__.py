"""The rules: cited catalogue, parameters, checks, wording and the assessment."""
