"""Version operations the API needed beyond translations.services.

They follow the same rules (one transaction, WorkbenchError on refusal).
"""
from django.db import transaction

from translations import services
from translations.models import Version
from workbench.errors import Conflict


def resegment(version: Version):
    """Re-segment a version, unless alignments point at its sentences by position."""
    from alignment.models import Alignment, Bead

    with transaction.atomic():
        aligned = Bead.objects.filter(alignment__in=Alignment.objects.filter(
            source=version) | Alignment.objects.filter(target=version))
        if aligned.exists():
            raise Conflict(
                "This version has aligned sentences; re-segmenting would break their beads. "
                "Split or merge single sentences instead, or delete the alignments first."
            )
        return services.resegment_version(version)
