"""Source-format parsers of the catalogue: files in, StandardRecord / RecordError out.

Nothing here imports Django; catalog.services.imports loads the records.
"""
