"""A local FinerWorks v3 simulator: demo mode and the end-to-end tests talk to it.

Pure Python, no Qt. The core (`fwdesk.sandbox.core`) maps a request to a response over state it
owns; `server` serves it over HTTP on loopback and `transport` plugs it into an httpx client.
"""
