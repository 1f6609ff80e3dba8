"""The demo corpus loads completely, once, and its login works."""
from django.contrib.auth import authenticate
from django.core.management import call_command

from translations.demo import DEMO_PASSWORD, DEMO_USERNAME
from translations.models import Document, Segment, Version


def test_loading_the_demo_twice_creates_everything_once(db, capsys):
    call_command("load_demo")
    counts = (Document.objects.count(), Version.objects.count(), Segment.objects.count())
    call_command("load_demo")
    assert (Document.objects.count(), Version.objects.count(), Segment.objects.count()) == counts
    assert counts[0] == 5 and counts[1] == 8
    out = capsys.readouterr().out
    assert "Demo login: user 'demo', password 'demo-workbench'" in out
    assert "(0 new, 0 new versions)" in out


def test_the_demo_pairs_a_german_report_with_its_english_translation(db):
    call_command("load_demo")
    report = Version.objects.get(language="de", role="original").document
    assert sorted(report.versions.values_list("language", "role")) == [
        ("de", "original"), ("en", "translation"),
    ]
    assert authenticate(username=DEMO_USERNAME, password=DEMO_PASSWORD) is not None


def test_the_align_option_queues_each_demo_translation_once(db, monkeypatch):
    from alignment import jobs
    from alignment.models import Alignment

    sent = []
    monkeypatch.setattr(jobs, "enqueue", sent.append)
    call_command("load_demo", align=True)
    call_command("load_demo", align=True)
    pairs = sorted(Alignment.objects.values_list("source__language", "target__language"))
    assert pairs == [("de", "en"), ("en", "de"), ("en", "es")]
    assert len(sent) == 3
