"""What each use case takes and returns: one schema per purpose (Create / Update / Public)."""
