"""The one router of API version 1."""
from rest_framework.routers import DefaultRouter

from alignment.api.imports import BilingualImportViewSet
from alignment.api.segments import SegmentViewSet
from alignment.api.views import AlignmentViewSet, BeadViewSet
from translations.api.tokens import TokenViewSet
from translations.api.views import DocumentViewSet, ProjectViewSet, VersionViewSet


class Router(DefaultRouter):
    # No ".json" suffix routes: "beads/0.5/" must be a 404, not a format "5".
    include_format_suffixes = False


router = Router()
router.register("projects", ProjectViewSet, basename="project")
router.register("documents", DocumentViewSet, basename="document")
router.register("versions", VersionViewSet, basename="version")
router.register("segments", SegmentViewSet, basename="segment")
router.register("alignments", AlignmentViewSet, basename="alignment")
router.register(r"alignments/(?P<alignment_pk>[0-9]{1,18})/beads", BeadViewSet, basename="bead")
router.register("bilingual-imports", BilingualImportViewSet, basename="bilingual-import")
router.register("tokens", TokenViewSet, basename="token")
