"""The project on disk: settings, file layout, the cache, atomic writes and the lock."""
