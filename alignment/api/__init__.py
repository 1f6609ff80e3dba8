"""REST API for alignments, beads, segments and bilingual text (routes in workbench.api)."""
