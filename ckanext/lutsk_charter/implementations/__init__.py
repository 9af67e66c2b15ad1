"""Mixins for the plugin's bulkier interfaces."""

from .dataset_hooks import DatasetHooks

__all__ = ["DatasetHooks"]
