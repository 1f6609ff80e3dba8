"""Browser pages: sign-in, dashboard, projects, documents and versions."""
from django.contrib.auth import views as auth_views
from django.urls import path

from translations import views

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True),
         name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/members/", views.project_member, name="project_member"),
    path("projects/<int:pk>/documents/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/versions/", views.version_create, name="version_create"),
    path("documents/<int:pk>/align/", views.document_align, name="document_align"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
]
