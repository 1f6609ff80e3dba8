"""Forms of the browser pages: they parse and check input; services do the work."""
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model

from translations.languages import known_languages
from translations.models import Role, Version


class Form(forms.Form):
    """A form whose labels carry no trailing colon (screen readers read them as they are)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def language_choices(blank: str | None = None) -> list[tuple[str, str]]:
    choices = sorted(known_languages().items(), key=lambda item: item[1])
    options = [(code, f"{name} ({code})") for code, name in choices]
    return [("", blank), *options] if blank else options


class ProjectForm(Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ProjectEditForm(ProjectForm):
    abbreviations = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="One per line (approx, z.B): never a sentence end. Used by later imports.")


class DocumentEditForm(Form):
    title = forms.CharField(max_length=300)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DocumentForm(Form):
    title = forms.CharField(max_length=300)
    source_language = forms.ChoiceField(label="Language of the original")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_language"].choices = language_choices()


class MemberForm(Form):
    username = forms.CharField(max_length=150, label="User name")
    # The least powerful role by default: making someone an owner should be a choice.
    role = forms.ChoiceField(choices=Role.choices, initial=Role.TRANSLATOR)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(f"There is no user named {username!r}.")
        self.user = user
        return username


class VersionForm(Form):
    """A new language version: an uploaded file or pasted text, and its language."""

    language = forms.ChoiceField(
        required=False, help_text="Leave on “Detect” to have the language recognised offline.",
    )
    role = forms.ChoiceField(
        choices=[("", "Decide for me"), *Version.VersionRole.choices],
        required=False,
        help_text="The original is the version in the document's own language.",
    )
    title = forms.CharField(max_length=300, required=False)
    credit = forms.CharField(max_length=300, required=False, label="Author or translator")
    file = forms.FileField(
        required=False,
        help_text="Plain text, Markdown, HTML or Word (.txt, .md, .html, .docx).",
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        label="Or paste the text",
        help_text="Blank lines separate paragraphs.",
        strip=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices("Detect from the text")
        self.fields["file"].widget.attrs["accept"] = ".txt,.text,.md,.markdown,.html,.htm,.docx"

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file is larger than the limit of {limit} MB.")
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("file"))
        has_text = bool((cleaned.get("text") or "").strip())
        if has_file == has_text:
            raise forms.ValidationError("Upload a file or paste the text (one of the two).")
        return cleaned


class AlignForm(Form):
    """Two versions of one document to align."""

    source = forms.ModelChoiceField(queryset=Version.objects.none())
    target = forms.ModelChoiceField(queryset=Version.objects.none())

    def __init__(self, document, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versions = document.versions.all()
        for name in ("source", "target"):
            self.fields[name].queryset = versions
            self.fields[name].label_from_instance = _version_label
        original = versions.filter(role=Version.VersionRole.ORIGINAL).first()
        if original is not None:
            self.fields["source"].initial = original.pk
            other = versions.exclude(pk=original.pk).first()
            self.fields["target"].initial = other.pk if other else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            raise forms.ValidationError("Choose two different versions.")
        return cleaned


def _version_label(version: Version) -> str:
    return f"{version.language_name} ({version.language}, {version.get_role_display().lower()})"
