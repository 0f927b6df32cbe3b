"""The one error type of the data folder: a data file is invalid, and the message names the file,
the entry and the fix. Every loader (catalogue, parameters, themes, the legal test) raises it or a
subclass, so a caller catches one thing."""


class CatalogueError(ValueError):
    """A data file is invalid. The message names the file and the entry."""
