"""Django admin for projects, documents, versions and sentences (staff only)."""
from functools import partial

from django.contrib import admin, messages
from django.db.models import Count

from alignment import services as alignment_services
from translations import services
from translations.models import (
    ApiToken,
    Document,
    Membership,
    Project,
    Role,
    Segment,
    Version,
)
from translations.tokens import revoke_token
from workbench.admin import NoDirectDelete
from workbench.errors import WorkbenchError


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


def _membership_steps(formset) -> list:
    """The inline's changes as calls of the membership services, owners made first.

    Through the services, the rule that a project keeps an owner holds here too; making
    new owners before demoting or removing others lets one save hand a project over.
    """
    project = formset.instance
    deleted = set(formset.deleted_forms)
    grants, removals = [], []
    for form in formset.forms:
        if form not in deleted and not form.has_changed():
            continue
        old = Membership.objects.filter(pk=form.instance.pk).select_related("user").first()
        if form in deleted:
            if old:
                removals.append(partial(services.remove_member, project, old.user))
            continue
        user, role = form.cleaned_data["user"], form.cleaned_data["role"]
        grants.append((role != Role.OWNER, partial(services.set_member, project, user, role)))
        if old and old.user_id != user.pk:  # the row was given to someone else
            removals.append(partial(services.remove_member, project, old.user))
    return [step for _, step in sorted(grants, key=lambda g: g[0])] + removals


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "member_count", "document_count", "created"]
    search_fields = ["name", "description"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            _members=Count("memberships", distinct=True),
            _documents=Count("documents", distinct=True),
        )

    @admin.display(description="Members", ordering="_members")
    def member_count(self, project):
        return project._members

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        for step in _membership_steps(formset):
            try:
                step()
            except WorkbenchError as exc:
                messages.error(request, exc.message)
        # What the admin's history message reads, had formset.save() run.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    @admin.display(description="Documents", ordering="_documents")
    def document_count(self, project):
        return project._documents


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0
    fields = ["language", "role", "title", "credit", "source_format", "segmented_at"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "source_language", "version_count", "created"]
    list_filter = ["project", "source_language"]
    search_fields = ["title", "notes"]
    # Its versions were imported and segmented in this language. Moving it to another
    # project stays possible (the form checks the title is free there).
    readonly_fields = ["source_language"]
    inlines = [VersionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_versions=Count("versions"))

    @admin.display(description="Versions", ordering="_versions")
    def version_count(self, document):
        return document._versions


class SegmentInline(admin.TabularInline):
    model = Segment
    extra = 0
    fields = ["position", "paragraph", "text", "start", "end", "revision"]
    readonly_fields = fields
    can_delete = False
    ordering = ["position"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = [
        "document", "language", "role", "credit", "source_format", "sentence_count", "created",
    ]
    list_filter = ["language", "role", "source_format", "document__project"]
    search_fields = ["document__title", "title", "credit", "source_filename"]
    # As in the API (services.update_version): the title and credit change; what the text
    # is (its document, language, role) stays as imported, or its alignments would break.
    readonly_fields = [
        "document", "language", "role", "raw_text", "source_format", "source_filename",
        "detected_encoding", "segmented_at",
    ]
    inlines = [SegmentInline]
    actions = ["resegment"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_sentences=Count("segments"))

    def has_add_permission(self, request):
        # Versions come from an import (file or text), which checks and segments them.
        return False

    @admin.display(description="Sentences", ordering="_sentences")
    def sentence_count(self, version):
        return version._sentences

    @admin.action(description="Re-segment the selected versions")
    def resegment(self, request, queryset):
        for version in queryset:
            try:
                summary = services.resegment_version(version)
            except WorkbenchError as exc:
                self.message_user(request, f"{version}: {exc.message}", messages.ERROR)
                continue
            self.message_user(
                request,
                f"{version}: {summary.paragraphs} paragraphs, {summary.sentences} sentences.",
                messages.SUCCESS,
            )


@admin.register(Segment)
class SegmentAdmin(NoDirectDelete, admin.ModelAdmin):
    """Sentences: their text can be corrected; adding or deleting one would shift the
    positions beads point at (split and merge them in the editor instead)."""

    list_display = ["version", "position", "paragraph", "text", "revision"]
    list_filter = ["version__language", "version__document__project"]
    search_fields = ["text"]
    readonly_fields = ["version", "position", "paragraph", "start", "end", "revision"]
    list_select_related = ["version__document"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        # Through the editor's service: logged (undoable), revision bumped, changes-since
        # readers of every alignment told. The form has refused blank text and NUL bytes.
        alignment_services.edit_sentence(obj, form.cleaned_data["text"], None, request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created by their users (UI, API, create_token); staff can only revoke."""

    list_display = ["name", "user", "prefix", "created", "last_used", "revoked"]
    list_filter = ["revoked", "created"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "name", "prefix", "created", "last_used", "revoked"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset.filter(revoked__isnull=True):
            revoke_token(token)
        self.message_user(request, "The selected tokens are revoked.", messages.SUCCESS)
