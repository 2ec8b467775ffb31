"""fahras.Analyzer: tiers on the name forms, character offsets, options."""

from __future__ import annotations

import dataclasses

import pytest

import fahras

LAVROV = "لافروف"
KERRY = "كيري"


@pytest.fixture(scope="module")
def analyzer() -> fahras.Analyzer:
    return fahras.Analyzer()


def one(analyzer: fahras.Analyzer, word: str) -> fahras.Token:
    tokens = analyzer.analyze(word)
    assert len(tokens) == 1, tokens
    return tokens[0]


@pytest.mark.parametrize(
    "word, forms",
    [
        ("ولافروف", ("لافروف", "افروف")),  # و + لافروف; ل + افروف is only a guess at the least exact tier
        ("بلافروف", ("لافروف",)),
        ("وبلافروف", ("بلافروف", "لافروف")),
        ("للافروف", ("لافروف",)),
        ("وكيري", ("كيري",)),
    ],
)
def test_proclitic_forms_hold_the_bare_name(analyzer: fahras.Analyzer, word: str, forms: tuple[str, ...]) -> None:
    token = one(analyzer, word)
    assert token.normalized == word
    for form in forms:
        assert form in token.forms
    assert token.bare == token.forms[-1]


def test_exact_tier_keeps_the_name_whole(analyzer: fahras.Analyzer) -> None:
    # لافروف itself starts with ل, so its forms guess ل + افروف; the exact tier keeps the name.
    token = one(analyzer, LAVROV)
    assert token.normalized == LAVROV
    assert LAVROV not in token.forms
    # ك is not stripped without the article after it: كيري stays whole.
    kerry = one(analyzer, KERRY)
    assert kerry.forms == ()
    assert kerry.bare == KERRY


def test_lam_lam_restores_the_article(analyzer: fahras.Analyzer) -> None:
    token = one(analyzer, "للصدر")
    assert "الصدر" in token.forms
    assert "صدر" in token.forms


def test_harakat_are_removed_from_normalized_form(analyzer: fahras.Analyzer) -> None:
    assert one(analyzer, "كِيري").normalized == KERRY
    assert one(analyzer, "لافـــروف").normalized == LAVROV  # tatweel


@pytest.mark.parametrize(
    "text, expected",
    [
        ("أحمد", "احمد"),
        ("إسلام", "اسلام"),
        ("آمال", "امال"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("مسؤول", "مسوول"),
        ("٢٠١٥", "2015"),
        ("Café", "cafe"),
    ],
)
def test_normalize_rules(analyzer: fahras.Analyzer, text: str, expected: str) -> None:
    assert analyzer.normalize(text) == expected


def test_normalize_is_idempotent(analyzer: fahras.Analyzer) -> None:
    text = "قالَ وزيرُ الخارجيّة ولافروف: «إنّ المفاوضات مستمرة» ٢٠١٥"
    once = analyzer.normalize(text)
    assert analyzer.normalize(once) == once


@pytest.mark.parametrize(
    "text",
    [
        "قال ولافروف إنّ كِيري للصدر",
        "  \n\tوَقَالَ لافـــروف   ",
        "Lavrov لافروف 😀 كيري Kerry",  # an emoji is one code point but four UTF-8 bytes
        "عام ٢٠١٥ في جنيف، قال: «نعم».",
        "ﻻ",  # a presentation form that NFKC expands
        "",
    ],
)
def test_offsets_slice_the_original_text(analyzer: fahras.Analyzer, text: str) -> None:
    tokens = analyzer.analyze(text)
    previous_end = 0
    for token in tokens:
        assert 0 <= previous_end <= token.start < token.end <= len(text)
        word = text[token.start : token.end]
        assert word.strip() == word and word
        assert analyzer.normalize(word) == token.folded
        previous_end = token.end


def test_offsets_keep_harakat_of_the_original(analyzer: fahras.Analyzer) -> None:
    text = "اجتمع كِيري ولافروف"
    words = [text[t.start : t.end] for t in analyzer.analyze(text)]
    assert words == ["اجتمع", "كِيري", "ولافروف"]


def test_positions_are_consecutive(analyzer: fahras.Analyzer) -> None:
    tokens = analyzer.analyze("قال لافروف إن كيري في جنيف")
    assert [t.position for t in tokens] == list(range(len(tokens)))


def test_stopwords(analyzer: fahras.Analyzer) -> None:
    assert analyzer.is_stopword("في")
    assert not analyzer.is_stopword(LAVROV)
    flags = {t.normalized: t.stopword for t in analyzer.analyze("لافروف في جنيف")}
    assert flags == {LAVROV: False, "في": True, "جنيف": False}


def test_stages_can_be_switched_off() -> None:
    plain = fahras.Analyzer(strip_proclitics=False, stem=False)
    token = plain.analyze("ولافروف")[0]
    assert token.forms == ()
    assert token.bare == token.normalized == "ولافروف"
    assert token.stem == token.bare

    keep_harakat = fahras.Analyzer(fahras.AnalyzerOptions(normalizer=fahras.NormalizerOptions(strip_diacritics=False)))
    assert keep_harakat.normalize("كِيري") == "كِيري"


def test_options_round_trip_and_change_the_id(analyzer: fahras.Analyzer) -> None:
    options = fahras.AnalyzerOptions(stem=False, normalizer=fahras.NormalizerOptions(fold_digits=False))
    custom = fahras.Analyzer(options)
    assert custom.options == options
    assert analyzer.options == fahras.AnalyzerOptions()
    assert custom.id != analyzer.id
    assert analyzer.id.startswith("fahras-arabic/")
    assert fahras.Analyzer().id == analyzer.id


def test_tokens_are_immutable_values(analyzer: fahras.Analyzer) -> None:
    token = one(analyzer, LAVROV)
    with pytest.raises(dataclasses.FrozenInstanceError):
        token.stem = "x"  # type: ignore[misc]
    assert token == one(analyzer, LAVROV)


def test_bad_options() -> None:
    with pytest.raises(TypeError):
        fahras.Analyzer(stem="yes")
    with pytest.raises(TypeError):
        fahras.Analyzer(no_such_option=True)
    with pytest.raises(fahras.InvalidArgumentError, match="invalid_utf8"):
        fahras.Analyzer(invalid_utf8="ignore")
    with pytest.raises(TypeError):
        fahras.Analyzer(fahras.NormalizerOptions())  # type: ignore[arg-type]
    strict = fahras.Analyzer(invalid_utf8="strict")
    assert strict.options.invalid_utf8 == "strict"
    assert strict.analyze("كيري")[0].normalized == KERRY


def test_long_text_in_threads(analyzer: fahras.Analyzer) -> None:
    # analyze() releases the GIL; an Analyzer is shared between threads.
    from concurrent.futures import ThreadPoolExecutor

    text = "قال وزير الخارجية الروسي سيرغي لافروف إن محادثاته مع جون كيري كانت بناءة. " * 200
    expected = analyzer.analyze(text)
    with ThreadPoolExecutor(4) as pool:
        for result in pool.map(analyzer.analyze, [text] * 8):
            assert result == expected


def test_analyze_function_gives_forms_and_spans() -> None:
    text = "اجتمع كِيري ولافروف في جنيف (Geneva)"
    tokens = fahras.analyze(text)
    assert [text[slice(*t.span)] for t in tokens] == ["اجتمع", "كِيري", "ولافروف", "في", "جنيف", "Geneva"]
    assert all(t.span == (t.start, t.end) for t in tokens)
    kerry, lavrov = tokens[1], tokens[2]
    assert kerry.normalized == "كيري" and kerry.span == (6, 11)  # code points, harakat included
    assert lavrov.forms == ("لافروف", "افروف") and lavrov.bare == "افروف"
    assert tokens[3].stopword and tokens[5].normalized == "geneva"
    assert fahras.analyze(text) == fahras.Analyzer().analyze(text)
    assert fahras.analyze("") == []
    with pytest.raises(TypeError):
        fahras.analyze(b"bytes")  # type: ignore[arg-type]
