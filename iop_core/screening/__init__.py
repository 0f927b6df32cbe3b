"""The one Screening model, its file format and the demo cases."""
