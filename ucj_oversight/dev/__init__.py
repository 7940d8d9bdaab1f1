"""Developer tools: the simulated sample generator, the benchmark and its pandas reference (never used by pages)."""
