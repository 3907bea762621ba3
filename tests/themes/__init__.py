"""Themes across the pipeline: crashes, hostile input, concurrency, properties, golden files, browsers, benchmarks."""
