"""ckanext-lutsk_charter: Open Data Charter tooling for the Lutsk City Council CKAN portal."""
