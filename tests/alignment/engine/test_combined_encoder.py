"""Combined encoders: e5 and USE side by side, cosine = weighted mean of the parts' cosines."""
import numpy as np
import pytest

from alignment.engine.encoders import get_encoder

DE = ["Der Gipfel wurde im Mai von zwei Bergsteigern erreicht.", "Die Preise stiegen stark."]
FR = ["Le sommet a été atteint en mai par deux alpinistes.", "Les prix ont fortement augmenté."]


def test_a_combined_cosine_is_the_weighted_mean_of_the_parts():
    e5, use = get_encoder("e5-small"), get_encoder("use-m3")
    combined = get_encoder("e5-small*0.7+use-m3*0.3")
    assert combined.dim == e5.dim + use.dim and "*0.700+" in combined.id
    pairs = [(e5, 0.7), (use, 0.3)]
    expected = sum(w * (enc.encode(DE, "de") @ enc.encode(FR, "fr").T) for enc, w in pairs)
    got = combined.encode(DE, "de") @ combined.encode(FR, "fr").T
    np.testing.assert_allclose(got, expected, atol=1e-4)
    assert got[0, 0] > got[0, 1] and got[1, 1] > got[1, 0]  # translations are nearest


def test_combined_names_are_checked():
    with pytest.raises(ValueError, match="In the combined encoder"):
        get_encoder("e5-small+word2vec")
    with pytest.raises(ValueError, match="positive weights"):
        get_encoder("e5-small*0+use-m3")
    assert get_encoder("e5-small+use-m3").encode([], "de").shape == (0, 896)
