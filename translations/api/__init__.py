"""REST API for projects, members, documents, versions and tokens (routes in workbench.api)."""
