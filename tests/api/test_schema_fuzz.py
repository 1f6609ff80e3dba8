"""Schemathesis against /api/schema/: no 500 and no answer outside the schema, for any input."""
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import client_for
from translations.tokens import create_token

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture
def keep_test_connection():
    """Let WSGI requests share the test's database connection, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def owner_key(alignment, owner, reviewer, translator, keep_test_connection):
    """A key of the project's owner, with texts and beads behind it (ids 1.. exist)."""
    return create_token(owner, "fuzz")[1]


# Loaded at collection, through the app itself. (schemathesis.pytest.from_fixture would
# load it per test, but schemathesis 4.32 fails with pytest 9 there: Function._nodeid.)
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_input_within_its_schema(case, owner_key):
    case.call_and_validate(headers={"Authorization": f"Token {owner_key}"}, checks=CHECKS)


def test_the_schema_and_the_docs_page_are_served_without_a_cdn(db):
    client = client_for(None)
    schema_response = client.get("/api/schema/?format=json")
    assert schema_response.status_code == 200
    assert "/api/v1/alignments/{id}/export/" in schema_response.json()["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "unpkg" not in docs
    assert "/static/drf_spectacular_sidecar/" in docs
    # The site's Content-Security-Policy allows scripts from 'self' only: none inline.
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", docs, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    init = re.search(r'<script src="([^"]*script[^"]*)"', docs).group(1)
    assert client.get(init.replace("&amp;", "&")).status_code == 200
