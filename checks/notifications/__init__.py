"""Outgoing message formats: webhook payloads (generic, WeChat Work, DingTalk) and feeds."""
