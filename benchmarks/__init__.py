"""Benchmarks run by `make bench`; each prints its figures and the targets they answer to."""
