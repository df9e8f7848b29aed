"""Ground-floor text helpers: characters, folding, and dates as people write them.

Nothing here knows about facts or stores; every other layer may use it.
"""
