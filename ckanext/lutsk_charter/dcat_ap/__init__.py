"""The pieces of the ``lutsk_charter_dcat_ap`` profile (``dcat_profile.py``), by what they map:
``vocabularies`` (codes → EU and IANA IRIs), ``graph`` (what every piece shares),
``subjects`` (legislation, spatial coverage, the 835 item and the Charter principles) and
``distribution`` (a resource: file and media type, licence, access, Table Schema)."""
