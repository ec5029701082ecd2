"""The app's wiring around the domains: error answers, the audit hook, strict JSON and metrics.

Flask lives here, in web/ and in api/; the domain packages never import it.
"""
