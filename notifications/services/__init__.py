"""Services of notifications; `notify` is the one call every app uses."""

from notifications.services.notifying import Message, Outgoing, notify, notify_batch

__all__ = ["Message", "Outgoing", "notify", "notify_batch"]
