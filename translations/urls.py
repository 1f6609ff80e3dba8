"""Browser pages: sign-in, dashboard, projects, documents and versions."""
from django.contrib.auth import views as auth_views
from django.urls import path

from translations import accounts, views

urlpatterns = [
    path("accounts/login/", accounts.ThrottledLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", accounts.tokens, name="tokens"),
    path("accounts/tokens/<int:pk>/revoke/", accounts.token_revoke, name="token_revoke"),
    path("", views.dashboard, name="dashboard"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/members/", views.project_member, name="project_member"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/delete/", views.project_delete, name="project_delete"),
    path("projects/<int:pk>/members/<int:user_id>/remove/", views.project_member_remove,
         name="project_member_remove"),
    path("projects/<int:pk>/documents/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/edit/", views.document_edit, name="document_edit"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
    path("documents/<int:pk>/versions/", views.version_create, name="version_create"),
    path("documents/<int:pk>/align/", views.document_align, name="document_align"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/delete/", views.version_delete, name="version_delete"),
]
