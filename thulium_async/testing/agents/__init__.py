"""The fake's agents: presence state machine, call control, dialling, groups, users, work report."""
