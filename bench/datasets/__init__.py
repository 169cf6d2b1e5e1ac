"""Benchmark dataset loaders and exporters."""
