"""Data validation of tabular resources with frictionless, apart from CKAN.

``inspect`` looks at the raw bytes (size, hash, encoding, delimiter, the shape
of broken files); ``engine`` runs frictionless on what passed; ``fetch``
downloads linked files within bounds. None of them touches the database, so
the corpus of bad files is tested on them directly.
"""
