"""Browser pages for alignments: the editor, its operations and job status."""
from django.urls import path

from alignment import views

urlpatterns = [
    path("alignments/<int:pk>/", views.editor_view, name="editor"),
    path("alignments/<int:pk>/operate/", views.operate, name="operate"),
    path("alignments/<int:pk>/next-risky/", views.next_risky, name="next_risky"),
    path("alignments/<int:pk>/realign/", views.realign, name="realign"),
    path("alignments/<int:pk>/status/", views.job_status, name="job_status"),
    path("alignments/<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
    path("alignments/<int:pk>/beads/<int:bead_id>/history/", views.bead_history,
         name="bead_history"),
    path("alignments/<int:pk>/beads/<int:bead_id>/split/", views.split_form, name="split_form"),
    path("alignments/<int:pk>/sentences/<int:segment_id>/edit/", views.segment_edit,
         name="segment_edit"),
]
