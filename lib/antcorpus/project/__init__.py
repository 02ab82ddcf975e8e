"""Repo tooling, apart from the analysis: notebook runner, site publisher, benchmark."""
