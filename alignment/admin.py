"""Django admin for alignments, beads and the operation log."""
from dataclasses import fields as dataclass_fields

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from alignment import jobs
from alignment.engine.aligner import AlignParams
from alignment.engine.encoders import get_encoder
from alignment.models import Alignment, Bead, Operation
from workbench.admin import NoDirectDelete
from workbench.errors import WorkbenchError


class BeadInline(admin.TabularInline):
    model = Bead
    extra = 0
    fields = ["bead_type", "src_start", "src_end", "tgt_start", "tgt_end",
              "confidence", "state", "updated_by"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True
    max_num = 0

    @admin.display(description="Type")
    def bead_type(self, bead):
        # The inline's blank template row has a bead with no ranges yet.
        return bead.bead_type if bead.pk else ""


class AlignmentForm(forms.ModelForm):
    """The settings of the next run: refused here if a worker could not use them."""

    class Meta:
        model = Alignment
        fields = ["encoder", "params"]

    def clean_encoder(self):
        try:
            get_encoder(self.cleaned_data["encoder"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return self.cleaned_data["encoder"]

    def clean_params(self):
        params = self.cleaned_data["params"] or {}
        try:
            AlignParams(**params)
        except TypeError:
            known = ", ".join(f.name for f in dataclass_fields(AlignParams))
            raise forms.ValidationError(f"Unknown setting; the aligner knows: {known}.") from None
        return params


@admin.register(Alignment)
class AlignmentAdmin(admin.ModelAdmin):
    """Alignments start from their document (editor, API) or the re-run action here; the
    two versions of one never change, since its beads point at their sentences."""

    form = AlignmentForm
    list_display = ["__str__", "status", "progress_percent", "encoder", "bead_count",
                    "confirmed_count", "short_error", "created"]
    list_filter = ["status", "encoder", "source__document__project"]
    search_fields = ["source__document__title", "error"]
    readonly_fields = ["source", "target", "created_by", "status", "progress", "error",
                       "job_token", "attempts", "heartbeat", "timings", "bead_count",
                       "confirmed_count", "started", "finished", "beads_link"]
    list_select_related = ["source__document", "target"]
    actions = ["rerun", "cancel"]
    inlines = [BeadInline]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Progress")
    def progress_percent(self, alignment):
        return f"{alignment.progress:.0%}"

    @admin.display(description="Error")
    def short_error(self, alignment):
        return alignment.error[:80]

    @admin.display(description="Beads")
    def beads_link(self, alignment):
        url = reverse("admin:alignment_bead_changelist") + f"?alignment__id__exact={alignment.pk}"
        return format_html('<a href="{}">{} beads</a>', url, alignment.bead_count)

    @admin.action(description="Re-run (keeps confirmed beads)")
    def rerun(self, request, queryset):
        for alignment in queryset:
            try:
                jobs.start_alignment(alignment.source, alignment.target, request.user)
            except WorkbenchError as exc:
                self.message_user(request, f"{alignment}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{alignment}: queued.", messages.SUCCESS)

    @admin.action(description="Cancel")
    def cancel(self, request, queryset):
        cancelled = sum(jobs.cancel(alignment) for alignment in queryset)
        self.message_user(request, f"{cancelled} job(s) cancelled.", messages.SUCCESS)


@admin.register(Bead)
class BeadAdmin(NoDirectDelete, admin.ModelAdmin):
    list_display = [
        "alignment", "src_start", "tgt_start", "bead_type", "confidence", "state",
        "updated_by", "updated",
    ]
    list_filter = ["state", "alignment"]
    readonly_fields = ["alignment", "src_start", "src_end", "tgt_start", "tgt_end",
                       "confidence", "state", "revision", "updated_by", "updated"]
    list_select_related = ["alignment__source__document", "alignment__target"]

    @admin.display(description="Type")
    def bead_type(self, bead):
        return bead.bead_type

    def has_add_permission(self, request):
        return False


@admin.register(Operation)
class OperationAdmin(NoDirectDelete, admin.ModelAdmin):
    list_display = ["alignment", "kind", "user", "created"]
    list_filter = ["kind"]
    readonly_fields = ["alignment", "user", "kind", "before", "after", "undoes", "created"]

    def has_add_permission(self, request):
        return False
