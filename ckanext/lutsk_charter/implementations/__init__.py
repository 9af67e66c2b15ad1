"""Mixins for the plugin's bulkier interfaces."""

from .validation_hooks import ValidationHooks

__all__ = ["ValidationHooks"]
