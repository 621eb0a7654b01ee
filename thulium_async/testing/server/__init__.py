"""The fake's server machinery: ASGI app, routing, faults, counters, error bodies and
messages, the in-process transport, serving over loopback, the clock, and the
account state (composed of the area stores) with its event bus and webhook delivery.
"""
