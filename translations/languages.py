"""The languages a version may be written in, and the validator that enforces the list."""
from django.core.exceptions import ValidationError


def known_languages() -> dict[str, str]:
    """Return ISO 639-1 code -> English name for every language the workbench segments."""
    from translations.segmentation import SUPPORTED_LANGUAGES

    return SUPPORTED_LANGUAGES


def validate_language(code: str) -> None:
    """Refuse a language code the workbench does not know."""
    if code not in known_languages():
        raise ValidationError(
            "Unknown language %(code)s; use an ISO 639-1 code such as en, de, es.",
            code="unknown_language",
            params={"code": code},
        )


def language_name(code: str) -> str:
    """Return the English name of a language code, or the code itself."""
    return known_languages().get(code, code)
