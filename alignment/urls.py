"""Browser pages for alignments: the editor."""
urlpatterns: list = []
