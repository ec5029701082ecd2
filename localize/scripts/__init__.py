"""Scripts: each episode's screenplay per market version, from the original to every adaptation.

The original version's scripts are the source; every other version's segments point at the
original segment they adapt. No Flask here: functions take the session and the acting user,
flush, and leave the transaction to the request or the command.
"""
