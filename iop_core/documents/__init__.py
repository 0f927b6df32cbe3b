"""Partner documents: the document register and upload checks."""
