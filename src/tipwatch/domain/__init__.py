"""Pure rules: the legal catalogue, pipeline stages, deadlines and sentence checks.

Nothing here touches a database, the network or the clock; callers pass `today`.
"""
