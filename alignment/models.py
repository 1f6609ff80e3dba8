"""Alignments between two versions of a document, their beads and the log of edits."""
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Subquery
from django.utils import timezone

from translations.models import Version

# Workers report at least once a second while they run: a minute of silence means trouble.
STALL_WARNING = timedelta(seconds=60)


class Alignment(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    source = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="+")
    encoder = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    error = models.TextField(blank=True)
    # A new token per run: a redelivered or duplicate message for an older run is ignored.
    job_token = models.CharField(max_length=36, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # The job's last sign of life: when it was queued, then each progress report.
    heartbeat = models.DateTimeField(null=True, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    bead_count = models.PositiveIntegerField(default=0)
    confirmed_count = models.PositiveIntegerField(default=0)
    # Numbers the changes to its beads (and to their sentences' text) in commit order: the
    # changes-since cursor. Taken under the row's lock, so a higher number never commits first.
    change_seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(condition=~Q(source=F("target")), name="two_distinct_versions"),
            models.UniqueConstraint(fields=["source", "target"], name="one_alignment_per_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.source} ↔ {self.target.language}"

    def save(self, *args, **kwargs):
        # The change number only moves forward, in record_change(): saving an instance read
        # before a change must not write the older number back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name != "change_seq"]
        super().save(*args, **kwargs)

    @property
    def document(self):
        return self.source.document

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def stalled(self) -> bool:
        """Say whether an active job has shown no sign of life for a while (no worker?)."""
        return bool(self.is_active and self.heartbeat
                    and timezone.now() - self.heartbeat > STALL_WARNING)

    def locked_beads(self):
        """Lock this alignment's row, then return its beads for the caller to lock.

        Every writer takes the alignment row before any bead, so no two can each hold what
        the other waits for. FOR NO KEY UPDATE: inserting beads (a foreign-key check on
        this row) does not wait for it. `of`: the ordering's join must not lock the row
        again after the beads.
        """
        Alignment.objects.select_for_update(no_key=True).filter(pk=self.pk).values_list(
            "pk", flat=True).first()
        return self.beads.select_for_update(of=("self",))

    def record_change(self) -> None:
        """Number this transaction's bead changes and recount the beads.

        Call it after writing beads, in the same transaction. Beads written meanwhile carry
        no number yet (their `change_seq` is NULL); they get the alignment's next one. The
        first UPDATE locks the alignment row until commit, so numbers are handed out in
        commit order, and the counts, read after it, include every earlier commit.
        """
        mine = Alignment.objects.filter(pk=self.pk)
        mine.update(change_seq=F("change_seq") + 1)
        self.beads.filter(change_seq__isnull=True).update(
            change_seq=Subquery(mine.values("change_seq")[:1]))
        counts = self.beads.aggregate(
            total=Count("id"), confirmed=Count("id", filter=Q(state=Bead.State.CONFIRMED))
        )
        self.bead_count, self.confirmed_count = counts["total"], counts["confirmed"]
        mine.update(bead_count=self.bead_count, confirmed_count=self.confirmed_count)


class Bead(models.Model):
    """Source sentences [src_start, src_end) matched with target sentences [tgt_start, tgt_end)."""

    class State(models.TextChoices):
        AUTO = "auto", "Automatic"
        CONFIRMED = "confirmed", "Confirmed"
        EDITED = "edited", "Edited"

    alignment = models.ForeignKey(Alignment, on_delete=models.CASCADE, related_name="beads")
    src_start = models.PositiveIntegerField()
    src_end = models.PositiveIntegerField()
    tgt_start = models.PositiveIntegerField()
    tgt_end = models.PositiveIntegerField()
    confidence = models.FloatField(default=0.0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.AUTO)
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated = models.DateTimeField(auto_now=True)
    # The alignment's change number of the last change to this bead or its sentences' text;
    # NULL while the transaction writing it has not called Alignment.record_change().
    change_seq = models.PositiveBigIntegerField(null=True, blank=True, default=None,
                                                editable=False)

    class Meta:
        # Beads form a monotone path: each starts where the previous ended on both sides and
        # moves at least one, so (src_start, tgt_start) orders them and no renumbering is needed.
        ordering = ["alignment", "src_start", "tgt_start"]
        indexes = [models.Index(fields=["alignment", "change_seq"], name="bead_changes")]
        constraints = [
            models.UniqueConstraint(
                fields=["alignment", "src_start", "tgt_start"], name="unique_bead_start"
            ),
            models.CheckConstraint(
                condition=Q(src_end__gte=F("src_start"), tgt_end__gte=F("tgt_start")),
                name="bead_ranges_in_order",
            ),
            models.CheckConstraint(
                condition=Q(src_end__gt=F("src_start")) | Q(tgt_end__gt=F("tgt_start")),
                name="bead_not_empty",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="bead_confidence_in_unit_range",
            ),
        ]

    def __str__(self) -> str:
        src, tgt = f"[{self.src_start},{self.src_end})", f"[{self.tgt_start},{self.tgt_end})"
        return f"{self.bead_type} {src}:{tgt}"

    @property
    def bead_type(self) -> str:
        return f"{self.src_end - self.src_start}-{self.tgt_end - self.tgt_start}"

    @property
    def is_human(self) -> bool:
        return self.state != self.State.AUTO

    def ranges(self) -> tuple[int, int, int, int]:
        return (self.src_start, self.src_end, self.tgt_start, self.tgt_end)

    def snapshot(self) -> dict:
        """Return what the operation log keeps of this bead."""
        return {
            "src": [self.src_start, self.src_end],
            "tgt": [self.tgt_start, self.tgt_end],
            "confidence": self.confidence,
            "state": self.state,
        }


class Operation(models.Model):
    """One edit, with the state before and after: history, "who changed this", and undo.

    Bead operations keep the run of beads they replaced (before) and the run they wrote
    (after); text edits keep the sentence's text before and after.
    """

    alignment = models.ForeignKey(
        Alignment, null=True, blank=True, on_delete=models.CASCADE, related_name="operations"
    )
    version = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.CASCADE, related_name="operations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=30)
    before = models.JSONField(default=list)
    after = models.JSONField(default=list)
    undoes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="undone_by"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["alignment", "created", "id"]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user} at {self.created:%Y-%m-%d %H:%M}"
