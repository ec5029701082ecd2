"""The app's wiring around the domains: error answers, strict JSON, the audit hook, metrics,
background jobs and reused answers.

Flask lives here, in web/ and in api/; the domain packages never import it.
"""
