"""The fake's account odds and ends: todos, webhook configuration, tags, sent SMS."""
