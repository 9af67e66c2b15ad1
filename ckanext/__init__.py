# Namespace package shim shared by every CKAN extension.
try:
    import pkg_resources  # pyright: ignore[reportMissingImports]

    pkg_resources.declare_namespace(__name__)
except ImportError:
    import pkgutil

    __path__ = pkgutil.extend_path(__path__, __name__)
