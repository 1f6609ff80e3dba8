"""Projects, their documents, the language versions of each document and their sentences."""
from django.conf import settings
from django.db import models
from django.db.models import F, Q

from translations.languages import language_name, validate_language


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    REVIEWER = "reviewer", "Reviewer"
    TRANSLATOR = "translator", "Translator"


class Project(models.Model):
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    # One abbreviation per line ("approx", "z.B"): sentence splitting must not end there.
    abbreviations = models.TextField(blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="projects"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def abbreviation_list(self) -> list[str]:
        """Return the project's own abbreviations, without trailing periods."""
        lines = (line.strip().rstrip(".") for line in self.abbreviations.splitlines())
        return [line for line in lines if line]


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_membership_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.project}"


class Document(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    notes = models.TextField(blank=True)
    source_language = models.CharField(max_length=8, validators=[validate_language])
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "title"]
        constraints = [
            models.UniqueConstraint(fields=["project", "title"], name="unique_document_title"),
        ]

    def __str__(self) -> str:
        return self.title


class Version(models.Model):
    class VersionRole(models.TextChoices):
        ORIGINAL = "original", "Original"
        TRANSLATION = "translation", "Translation"

    class Format(models.TextChoices):
        TEXT = "text", "Plain text"
        MARKDOWN = "markdown", "Markdown"
        HTML = "html", "HTML"
        DOCX = "docx", "Word (.docx)"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(max_length=8, validators=[validate_language])
    role = models.CharField(max_length=12, choices=VersionRole.choices)
    title = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=300, blank=True, help_text="Author or translator")
    # The text as imported; segments point into it and it is never rewritten.
    raw_text = models.TextField()
    source_format = models.CharField(max_length=10, choices=Format.choices)
    source_filename = models.CharField(max_length=255, blank=True)
    detected_encoding = models.CharField(max_length=40, blank=True)
    segmented_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "role", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(role="original"),
                name="one_original_per_document",
            ),
            models.UniqueConstraint(
                fields=["document", "language"], name="one_version_per_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} [{self.language}]"

    @property
    def language_name(self) -> str:
        return language_name(self.language)


class Segment(models.Model):
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField()
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    # Bumped on every edit; a change sent with an older number is refused (no lost update).
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="unique_segment_position"),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="segment_offsets_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} #{self.position}"


class ApiToken(models.Model):
    """A personal API key. Only its SHA-256 is stored: the plain key is shown once, at creation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the key, so a user can tell their tokens apart.
    prefix = models.CharField(max_length=12, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked is None
