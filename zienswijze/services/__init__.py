"""Use cases: each loads what it needs, asks the domain, persists, queues mail and commits once."""
