"""The WSGI entry point gunicorn serves (``make run``): CKAN's app for the ini in ``CKAN_INI``.

As in CKAN's own deployment docs and images; environment variables ``CKAN_*``
override the ini's settings (database, Solr, Redis, storage) as they do for
``ckan run``.
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from ckan.cli import load_config
from ckan.config.middleware import make_app

_ini = os.environ["CKAN_INI"]
fileConfig(_ini, disable_existing_loggers=False)
application = make_app(load_config(_ini))
