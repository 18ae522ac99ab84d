"""Reference data shipped with tipwatch (published figures), each fact with its source."""
