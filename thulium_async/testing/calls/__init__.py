"""The fake's calls: connections, recordings, queues (waiting lists, scheduled calls), topics."""
