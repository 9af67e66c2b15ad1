"""CKAN's own interface strings that its Ukrainian catalog leaves untranslated.

CKAN 2.12 merges every ``ITranslation`` plugin's catalog over its own (Flask-Babel
loads CKAN's ``ckan`` domain first, then each plugin's, and
``babel.support.Translations.merge`` lets the later catalog win). So a core msgid
translated in ``ckanext-lutsk_charter.po`` is what CKAN's templates show on the
Ukrainian pages. They are listed here, never called, only so that ``make i18n``
extracts them and keeps them in our catalog. The page crawl
(``tests/test_every_page.py``) finds the ones still English.
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


CORE_STRINGS = [
    # every page: header, navigation, footer
    N_("Skip to main content"),
    N_("Toggle navigation"),
    N_("Navigate to Home - {site_title}"),
    N_("Breadcrumb"),
    N_("Submit"),
    N_("close"),
    N_("Account"),
    N_("Placeholder"),
    # search and facets
    N_("Filter by: {title}"),
    N_("Search datasets by {name}: {label}"),
    N_("Remove applied filter: {value}"),
    N_("Navigate to dataset: {title}"),
    N_("Search datasets with the tag: {name}"),
    N_("Search datasets with the tag: {tag}"),
    N_("Open details page for dataset - {title}"),
    N_("Open details page for {name}"),
    N_("Last Modified"),
    N_("Show more"),
    N_("You can also access this registry using the %(api_link)s (see %(api_doc_link)s)."),
    # datasets and resources
    N_("Navigate to resource: {name_or_id}"),
    N_("Navigate to resource: {name}"),
    N_("Current resource: {name}"),
    N_("Resource URL: {url}"),
    N_("Manage resource: {name}"),
    N_("Created"),
    N_("{bytes} bytes"),
    N_("There are no groups associated with this dataset."),
    N_("There are no {object_type}s associated with this dataset."),
    N_("There are currently no groups for this site."),
    N_("There are currently no {object_type}s for this site."),
    N_(
        'You can use <a href="#markdown" title="Markdown quick reference" data-bs-toggle="popover"'
        ' data-bs-content="%(markdown_tooltip)s" data-bs-html="true">Markdown formatting</a> here'
    ),
    # organizations, users, activity
    N_("0 Members"),
    N_("Activities"),
    # CKAN 2.11: the follow button and an empty activity stream
    N_("Follow"),
    N_("No activity found for this type"),
    N_("No activity found"),
    N_("Activity occurred on: {time}"),
    N_("Publish"),
    N_("Unpublish"),
    N_("Last Active"),
    N_("Email"),
    N_("Username or Email"),
    N_("Profile picture"),
    N_("Profile picture URL"),
    N_("eg. Joe Bloggs"),
    N_("Joe Bloggs"),
    N_("This information is visible to you and admins"),
    N_("Promote user to Sysadmin"),
    N_("Revoke Sysadmin permission"),
    N_("Promote"),
    N_("Sysadmin password"),
    N_(
        "<p>As a sysadmin user you have full control over this CKAN instance. Proceed with"
        " care!</p> <p>For guidance on using sysadmin features, see the CKAN <a"
        ' href="%(docs_url)s" target="_blank" rel="noreferrer">sysadmin guide</a></p>'
    ),
    # the sysadmins' trash
    N_("Purge deleted datasets, organizations or groups forever and irreversibly."),
    N_("There are no datasets to purge"),
    N_("There are no organizations to purge"),
    N_("There are no groups to purge"),
    # a user's state on their profile (user/snippets/info.html writes ``_(user.state)``)
    N_("active"),
    N_("deleted"),
    N_("pending"),
    # a dataset form or API call without a body (CKAN's owner_org_validator)
    N_("An organization must be provided"),
]

CORE_PLURALS = [
    lambda n: ngettext("{num} Member", "{num} Members", n),
    lambda n: ngettext("%(count)s dataset found.", "%(count)s datasets found.", n),
    lambda n: ngettext(
        '%(count)s dataset found for "%(query)s".', '%(count)s datasets found for "%(query)s".', n
    ),
]
