"""The languages a version may be written in, and the validator that enforces the list."""
from functools import lru_cache

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


# Below this probability the suggestion is a guess; ask the user instead.
DETECTION_THRESHOLD = 0.5


@lru_cache(maxsize=1)
def _identifier():
    # py3langid ships its model inside the package: nothing is downloaded.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([c for c in known_languages() if c in identifier.nb_classes])
    return identifier


def detect_language(text: str) -> str | None:
    """Return the likely language of a text among the known ones, or None when unsure."""
    sample = " ".join(text.split())[:5000]
    if len(sample) < 20:
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= DETECTION_THRESHOLD else None
