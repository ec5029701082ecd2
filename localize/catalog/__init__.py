"""The catalog: series, episodes, market versions, characters and casting."""
