"""The ``lutsk_charter`` plugin: it lists what the extension provides, nothing more.

Actions come from ``logic/action/``, their auth from ``logic/auth/``,
views from ``views/``, validators from ``logic/validators.py``, template helpers from
``helpers.py``, the CLI from ``cli/`` and the options from
``config_declaration.yaml`` through CKAN's blanket decorators; the dataset and
resource hooks (data changes, validation, quality, search facets) from
``implementations/``.
"""

from __future__ import annotations

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.common import CKANConfig
from ckan.lib.plugins import DefaultTranslation

from ckanext.lutsk_charter.implementations import DatasetHooks


@tk.blanket.config_declarations
@tk.blanket.actions
@tk.blanket.auth_functions
@tk.blanket.blueprints
@tk.blanket.validators
@tk.blanket.helpers
@tk.blanket.cli
class LutskCharterPlugin(DatasetHooks, p.SingletonPlugin, DefaultTranslation):
    p.implements(p.IConfigurer)
    p.implements(p.ITranslation)

    def update_config(self, config: CKANConfig) -> None:
        tk.add_template_directory(config, "templates")
        tk.add_public_directory(config, "public")
        tk.add_resource("assets", "lutsk_charter")
