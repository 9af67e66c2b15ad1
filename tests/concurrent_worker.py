"""One of several processes racing on one body's register (run by test_concurrency.py).

Usage: python concurrent_worker.py INI ORGANIZATION_ID USER TAG IDS_JSON
It assigns three persons, then tries to end every assignment in IDS_JSON, and
prints what it managed as JSON.
"""

from __future__ import annotations

import json
import sys

import ckan.plugins.toolkit as tk
from ckan.cli import load_config
from ckan.config.middleware import make_app


def main() -> None:
    ini, organization_id, user, tag, ids_json = sys.argv[1:6]
    app = make_app(load_config(ini))
    created, ended, refused = [], [], []
    with app._wsgi_app.test_request_context():  # type: ignore[attr-defined]
        for n in range(3):
            person = tk.get_action("lutsk_charter_responsible_assign")(
                {"user": user},
                {
                    "organization_id": organization_id,
                    "role": "creator",
                    "full_name": f"Особа {tag}-{n}",
                    "email": f"p{tag}{n}@lutskrada.gov.ua",
                },
            )
            created.append(person["id"])
        for assignment_id in json.loads(ids_json):
            try:
                tk.get_action("lutsk_charter_responsible_end")(
                    {"user": user}, {"id": assignment_id, "reason": f"worker {tag}"}
                )
                ended.append(assignment_id)
            except tk.ValidationError:
                refused.append(assignment_id)
    print(json.dumps({"created": created, "ended": ended, "refused": refused}))


if __name__ == "__main__":
    main()
