"""Mixins for the plugin's bulkier interfaces."""

from .resource_hooks import ResourceHooks

__all__ = ["ResourceHooks"]
