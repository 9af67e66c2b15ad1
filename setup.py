# Everything lives in pyproject.toml and setup.cfg; setup.py only tells Babel
# how to extract messages (see ckan/ckan#8382).
from setuptools import setup

setup(
    message_extractors={
        "ckanext": [
            ("**.py", "python", None),
            ("**.js", "javascript", None),
            ("**/templates/**.html", "ckan", None),
        ],
    },
)
