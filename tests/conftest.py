"""Shared fixtures: personas (owner, reviewer, translator, outsider) and a project with texts."""
import os
from pathlib import Path

import pytest

from tests.factories import DocumentFactory, MembershipFactory, ProjectFactory, UserFactory
from translations.importers import import_text
from translations.models import Role

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"


def pytest_collection_modifyitems(config, items):
    """Skip Redis tests where no Redis answers, unless CI demands the real servers.

    Tests of PostgreSQL's own behaviour skip on another database: bin/test selects them
    only for its PostgreSQL phase, so this only shows when pytest is run by hand.
    """
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        only = pytest.mark.skip(reason="PostgreSQL's own behaviour; bin/test runs it there")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(only)
    if os.environ.get("REQUIRE_SERVICES") == "1":
        return
    from scripts.services_up import reachable

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    if reachable(url, 6379):
        return
    skip = pytest.mark.skip(reason=f"no Redis at {url}; bin/test runs these where it answers")
    for item in items:
        if "redis" in item.keywords:
            item.add_marker(skip)


def pytest_report_header(config):
    """numpy and the BLAS kernel it runs: a floating-point warning from matmul, seen once in
    CI and never reproduced on clean inputs, would depend on them."""
    import numpy as np

    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    line = f"numpy {np.__version__}, {blas.get('name')} {blas.get('version')}"
    try:
        from threadpoolctl import threadpool_info

        line += "".join(f", {i.get('internal_api')} kernel {i.get('architecture')}"
                        for i in threadpool_info())
    except ImportError:
        pass
    return line


@pytest.fixture
def project_a(db):
    return ProjectFactory(name="Ayotzinapa dossier")


def _member(project, name, role):
    user = UserFactory(username=name)
    MembershipFactory(project=project, user=user, role=role)
    return user


@pytest.fixture
def owner(project_a):
    return _member(project_a, "olga_owner", Role.OWNER)


@pytest.fixture
def reviewer(project_a):
    return _member(project_a, "rita_reviewer", Role.REVIEWER)


@pytest.fixture
def translator(project_a):
    return _member(project_a, "tomas_translator", Role.TRANSLATOR)


@pytest.fixture
def outsider(db):
    return UserFactory(username="otto_outsider")


@pytest.fixture
def document_a(project_a):
    return DocumentFactory(project=project_a, title="Protests in November", source_language="de")


@pytest.fixture
def pasted():
    """Return pasted text as an import, the way the UI and API receive it."""
    return import_text


@pytest.fixture
def bead_confidences():
    """Confidences of the hand-made beads; a test package may override this fixture."""
    from tests.corpus import BEADS

    return [round(0.3 + 0.1 * index, 2) for index in range(len(BEADS))]


@pytest.fixture
def versions(document_a):
    """The German text and its English translation as two versions of document_a."""
    from tests.corpus import ENGLISH, GERMAN
    from translations.services import add_version

    source = add_version(document_a, import_text(GERMAN), language="de")
    target = add_version(document_a, import_text(ENGLISH), language="en")
    return source, target


@pytest.fixture
def alignment(versions, bead_confidences):
    """A finished alignment of the two versions with hand-made beads (no engine needed)."""
    from alignment.models import Alignment, Bead
    from tests.corpus import BEADS

    source, target = versions
    alignment = Alignment.objects.create(
        source=source, target=target, encoder="test", status=Alignment.Status.DONE
    )
    Bead.objects.bulk_create(
        Bead(alignment=alignment, src_start=a, src_end=b, tgt_start=c, tgt_end=d, confidence=p)
        for (a, b, c, d), p in zip(BEADS, bead_confidences, strict=True)
    )
    alignment.record_change()
    return alignment
