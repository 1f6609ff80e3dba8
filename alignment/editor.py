"""View-model helpers for the alignment editor: filters, paging, focus and bead operations.

Nothing here changes data by itself: operations go through alignment.services, filters
through alignment.queries. This module only turns request values into those calls and
their results into what one page of the editor shows.
"""
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from alignment import segment_edits, services
from alignment.models import Alignment, Bead
from alignment.queries import BeadRow, filter_beads, with_text
from workbench.errors import WorkbenchError

PAGE_SIZE = 100
# Below this confidence, or when not 1-1, an unconfirmed bead is worth a second look.
RISKY_BELOW = 0.5

STATUS_CHOICES = [
    ("", "All beads"),
    ("unconfirmed", "Unconfirmed only"),
    ("confirmed", "Confirmed only"),
    ("edited", "Edited only"),
    ("auto", "Automatic only"),
]
TYPE_CHOICES = [
    ("", "Any type"),
    ("1-1", "1-1 only"),
    ("non-1-1", "Not 1-1"),
    ("n-m", "Several sentences a side"),
    ("1-0", "1-0 (no target)"),
    ("0-1", "0-1 (no source)"),
]
ORDER_CHOICES = [("", "Document order"), ("risk", "Lowest confidence first")]
FILTER_FIELDS = ("status", "bead_type", "max_confidence", "search", "order")


def _choice(value: str | None, choices) -> str:
    value = (value or "").strip()
    return value if value in {key for key, _ in choices} else ""


def _confidence(value: str | None) -> float | None:
    try:
        number = float((value or "").strip())
    except ValueError:
        return None
    return number if 0.0 <= number <= 1.0 else None


@dataclass(frozen=True)
class BeadFilters:
    """The editor's filters, read leniently from a query string (unknown values are ignored)."""

    status: str = ""
    bead_type: str = ""
    max_confidence: float | None = None
    search: str = ""
    order: str = ""

    @classmethod
    def from_query(cls, data: Mapping) -> "BeadFilters":
        return cls(
            status=_choice(data.get("status"), STATUS_CHOICES),
            bead_type=_choice(data.get("bead_type"), TYPE_CHOICES),
            max_confidence=_confidence(data.get("max_confidence")),
            search=(data.get("search") or "").strip()[:200],
            order=_choice(data.get("order"), ORDER_CHOICES),
        )

    @property
    def risk_order(self) -> bool:
        return self.order == "risk"

    @property
    def active(self) -> bool:
        return any(self.as_query().get(name) for name in FILTER_FIELDS if name != "order")

    def queryset(self, alignment: Alignment) -> QuerySet[Bead]:
        """Return the matching beads in the order the editor lists them."""
        return filter_beads(
            alignment,
            state=self.status or None,
            bead_type=self.bead_type or None,
            max_confidence=self.max_confidence,
            search=self.search or None,
            lowest_confidence_first=self.risk_order,
        )

    def as_query(self) -> dict[str, str]:
        """Return the non-empty filters as query-string values."""
        values = {
            "status": self.status,
            "bead_type": self.bead_type,
            "max_confidence": "" if self.max_confidence is None else f"{self.max_confidence:g}",
            "search": self.search,
            "order": self.order,
        }
        return {key: value for key, value in values.items() if value}

    def export_query(self) -> dict[str, str]:
        """Return the filters for the export endpoint, in the API's own parameter names."""
        # The API's names for the same filters: the file holds exactly the listed beads.
        mirrored = {
            "state": self.status,
            "type": self.bead_type,
            "confidence_below": self.as_query().get("max_confidence", ""),
            "q": self.search,
        }
        return {key: value for key, value in mirrored.items() if value}


@dataclass
class EditorRow:
    """One bead as the editor shows it."""

    row: BeadRow
    number: int  # 1-based position in the current listing

    @property
    def bead(self) -> Bead:
        return self.row.bead

    @property
    def source(self):
        return self.row.source

    @property
    def target(self):
        return self.row.target

    @property
    def band(self) -> str:
        """Return the confidence band, for colour: low, mid or high."""
        confidence = self.bead.confidence
        if confidence < RISKY_BELOW:
            return "low"
        return "mid" if confidence < 0.8 else "high"


@dataclass
class EditorPage:
    rows: list[EditorRow]
    page: int
    pages: int
    total: int
    focus_id: int | None = None
    first: int = field(init=False)
    last: int = field(init=False)

    def __post_init__(self) -> None:
        self.first = (self.page - 1) * PAGE_SIZE + 1 if self.rows else 0
        self.last = self.first + len(self.rows) - 1 if self.rows else 0

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _int(value, default: int | None = None) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def position_in(beads: QuerySet[Bead], bead: Bead, risk_order: bool) -> int:
    """Return how many beads of the listing come before this one."""
    before = Q(src_start__lt=bead.src_start) | Q(
        src_start=bead.src_start, tgt_start__lt=bead.tgt_start
    )
    if risk_order:
        before = Q(confidence__lt=bead.confidence) | (Q(confidence=bead.confidence) & before)
    return beads.filter(before).count()


def editor_page(alignment: Alignment, filters: BeadFilters, page=None, focus=None) -> EditorPage:
    """Return one page of the listing: the page asked for, or the one holding the focus."""
    beads = filters.queryset(alignment)
    total = beads.count()
    pages = max(1, -(-total // PAGE_SIZE))
    number = _int(page, 1)
    focus_bead = beads.filter(pk=_int(focus)).first() if _int(focus) else None
    if focus_bead is not None and page in (None, ""):
        number = position_in(beads, focus_bead, filters.risk_order) // PAGE_SIZE + 1
    number = min(max(number, 1), pages)
    offset = (number - 1) * PAGE_SIZE
    rows = with_text(alignment, beads[offset : offset + PAGE_SIZE])
    return EditorPage(
        rows=[EditorRow(row, offset + index + 1) for index, row in enumerate(rows)],
        page=number,
        pages=pages,
        total=total,
        focus_id=focus_bead.pk if focus_bead else None,
    )


def next_risky(alignment: Alignment, filters: BeadFilters, after_id=None) -> Bead | None:
    """Return the next unconfirmed bead of low confidence or unusual shape, wrapping around."""
    beads = (
        filters.queryset(alignment)
        .exclude(state=Bead.State.CONFIRMED)
        .filter(Q(confidence__lt=RISKY_BELOW) | ~Q(src_len=1, tgt_len=1))
        .order_by("src_start", "tgt_start")
    )
    current = alignment.beads.filter(pk=_int(after_id)).first() if _int(after_id) else None
    if current is not None:
        later = beads.filter(
            Q(src_start__gt=current.src_start)
            | Q(src_start=current.src_start, tgt_start__gt=current.tgt_start)
        ).first()
        if later is not None:
            return later
    return beads.first()


@dataclass(frozen=True)
class Operation:
    """A bead operation the editor offers: the permission it needs and how to run it."""

    action: str  # translations.permissions action: edit or review
    run: Callable[..., object]
    advance: bool = False  # move the focus to the following bead afterwards
    needs_bead: bool = True


def _split(alignment, bead_id, revision, user, data):
    src_at, tgt_at = _int(data.get("src_at")), _int(data.get("tgt_at"))
    if src_at is None or tgt_at is None:
        raise WorkbenchError("Choose where to split on both sides.")
    return services.split(alignment, bead_id, revision, user, src_at, tgt_at)


def _shift(side: str, delta: int):
    def run(alignment, bead_id, revision, user, data):
        return services.shift(alignment, bead_id, revision, user, side, delta)

    return run


def _simple(function):
    def run(alignment, bead_id, revision, user, data):
        return function(alignment, bead_id, revision, user)

    return run


OPERATIONS: dict[str, Operation] = {
    "confirm": Operation("review", _simple(services.confirm)),
    "confirm_next": Operation("review", _simple(services.confirm), advance=True),
    "unconfirm": Operation("review", _simple(services.unconfirm)),
    "merge": Operation("edit", _simple(services.merge_with_next)),
    "split": Operation("edit", _split),
    "shift_src_down": Operation("edit", _shift("src", 1)),
    "shift_src_up": Operation("edit", _shift("src", -1)),
    "shift_tgt_down": Operation("edit", _shift("tgt", 1)),
    "shift_tgt_up": Operation("edit", _shift("tgt", -1)),
    "detach": Operation("edit", _simple(services.detach)),
    "undo": Operation(
        "edit", lambda alignment, b, r, user, d: services.undo_last(alignment, user),
        needs_bead=False,
    ),
    "redo": Operation(
        "edit", lambda alignment, b, r, user, d: services.redo_last(alignment, user),
        needs_bead=False,
    ),
}


@dataclass
class OperationResult:
    focus_id: int | None
    advance: bool
    message: str


def apply_operation(alignment: Alignment, name: str, data: Mapping, user) -> OperationResult:
    """Run a named bead operation with the values of a submitted form."""
    operation = OPERATIONS.get(name)
    if operation is None:
        raise WorkbenchError(f"Unknown operation {name!r}.")
    bead_id, revision = _int(data.get("bead")), _int(data.get("revision"))
    if operation.needs_bead and bead_id is None:
        raise WorkbenchError("Choose a bead first.")
    result = operation.run(alignment, bead_id, revision, user, data)
    beads = result if isinstance(result, list) else [result]
    focus = beads[0].pk if beads else bead_id
    return OperationResult(focus, operation.advance, _done_message(name, beads))


def _done_message(name: str, beads: list) -> str:
    if name in ("undo", "redo"):
        return "Undone." if name == "undo" else "Redone."
    label = name.replace("_", " ").replace("src", "source").replace("tgt", "target")
    return f"{label.capitalize()}: done."


def focus_after(page: EditorPage, result: OperationResult, index) -> tuple[int | None, int]:
    """Return the bead to focus after an operation, and the row index to fall back on."""
    ids = [row.bead.pk for row in page.rows]
    fallback = min(max(_int(index, 0) or 0, 0), max(len(ids) - 1, 0))
    if result.focus_id in ids:
        position = ids.index(result.focus_id) + (1 if result.advance else 0)
        if position < len(ids):
            return ids[position], position
        return ids[-1], len(ids) - 1
    if ids:
        return ids[fallback], fallback
    return None, 0


def split_choices(bead: Bead) -> tuple[list[int], list[int], int, int]:
    """Return the cut points a split can use on each side and sensible defaults."""
    src = list(range(bead.src_start, bead.src_end + 1))
    tgt = list(range(bead.tgt_start, bead.tgt_end + 1))
    src_default = min(bead.src_start + max(1, (bead.src_end - bead.src_start) // 2), bead.src_end)
    tgt_default = min(bead.tgt_start + max(1, (bead.tgt_end - bead.tgt_start) // 2), bead.tgt_end)
    return src, tgt, src_default, tgt_default


def change_sentence(alignment: Alignment, segment, action: str, text: str, revision, offset,
                    user) -> str:
    """Save a sentence's new text, or split it at the cursor, or merge it with the next one."""
    if action == "save":
        services.edit_sentence(segment, text, revision, user, alignment=alignment)
        return "Sentence saved."
    if action not in ("split", "merge"):
        raise WorkbenchError(f"Unknown sentence operation {action!r}.")
    if text.strip() != segment.text:
        raise WorkbenchError("Save your change to the text first, then split or merge.")
    if action == "merge":
        segment_edits.merge_with_next(segment.pk, revision, None, user, alignment=alignment)
        return "Sentences merged."
    position = _int(offset)
    if position is None:
        raise WorkbenchError("Put the cursor where the sentence should be cut.")
    # The form strips nothing, but the stored text may differ by surrounding blanks.
    segment_edits.split_segment(segment.pk, position, revision, user, alignment=alignment)
    return "Sentence split in two."


# The history panel looks through this many of the latest edits of an alignment.
HISTORY_SCAN = 5000


def bead_history(alignment: Alignment, bead: Bead, limit: int = 50) -> list:
    """Return the latest operations that touched this bead's sentences, text edits included."""
    operations = (
        services.operations_of(alignment).select_related("user")
        .order_by("-created", "-id")[:HISTORY_SCAN]
    )
    found = [op for op in operations if _touches(alignment, bead, op)]
    return found[:limit]


def _touches(alignment: Alignment, bead: Bead, operation) -> bool:
    for item in operation.before + operation.after:
        if "src" in item:  # a bead
            if (item["src"][0] < bead.src_end and bead.src_start < item["src"][1]) or (
                item["tgt"][0] < bead.tgt_end and bead.tgt_start < item["tgt"][1]
            ):
                return True
        elif "position" in item:  # a sentence: text edit, sentence split or merge
            if operation.version_id == alignment.source_id:
                low, high = bead.src_start, bead.src_end
            else:
                low, high = bead.tgt_start, bead.tgt_end
            if low <= item["position"] < high:
                return True
    return False


HISTORY_LABELS = {
    "confirm": "confirmed",
    "unconfirm": "took back the confirmation",
    "merge": "merged with the next bead",
    "split": "split",
    "shift_src": "moved the source boundary",
    "shift_tgt": "moved the target boundary",
    "detach": "inserted an empty side",
    "undo": "undid an operation",
    "edit_text": "edited a sentence",
    "split_segment": "split a sentence in two",
    "merge_segments": "merged two sentences",
}


def describe(operation) -> str:
    """Return a short sentence about what an operation did."""
    return HISTORY_LABELS.get(operation.kind, operation.kind.replace("_", " "))


def span_label(item: dict) -> str:
    """Return 'source 3–4 · target 5' for a logged bead (1-based sentence numbers)."""
    def side(name, bounds):
        start, end = bounds
        if start == end:
            return f"{name} (none)"
        return f"{name} {start + 1}" if end - start == 1 else f"{name} {start + 1}–{end}"

    if "src" not in item:
        return f"sentence {item['position'] + 1}: “{item['text'][:80]}”"
    return f"{side('source', item['src'])} · {side('target', item['tgt'])}"
