"""The one Screening model, its file format, progress and the demo cases."""
