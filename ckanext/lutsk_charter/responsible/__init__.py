"""The register of persons responsible for each body's open data: its service and CSV."""
