"""Server-rendered pages on the same app: forms post and redirect, so every flow works without
JavaScript; every asset is served from this package."""
