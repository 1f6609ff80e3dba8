"""Sentence-alignment engine: encoders, embedding cache, aligner, scoring (no Django here)."""
