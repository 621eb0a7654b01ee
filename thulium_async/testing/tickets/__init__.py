"""The fake's tickets: tickets, messages, attachments, dictionaries, today's statistics."""
