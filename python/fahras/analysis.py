r"""Analysis: the options of the pipeline, its tokens, the Analyzer and :func:`analyze`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Literal, Optional, Tuple

from . import _fahras
from ._native import from_native, to_native, with_overrides

InvalidUtf8 = Literal["replace", "strict"]
_NORMALIZER = _fahras.NormalizerOptions()  # the C++ defaults, which the dataclasses take
_ANALYZER = _fahras.AnalyzerOptions()


@dataclass
class NormalizerOptions:
    r"""Which normalization rules run. The defaults are the measured best (docs/design.md)."""

    nfkc: bool = _NORMALIZER.nfkc
    r"""ICU NFKC and case folding for non-Arabic, non-ASCII text."""
    strip_diacritics: bool = _NORMALIZER.strip_diacritics
    r"""Remove harakat U+064B–U+065F, superscript alef U+0670 and Quranic marks."""
    strip_tatweel: bool = _NORMALIZER.strip_tatweel
    r"""Remove tatweel U+0640."""
    fold_alef: bool = _NORMALIZER.fold_alef
    r"""أ إ آ ٱ → ا."""
    fold_alef_maksura: bool = _NORMALIZER.fold_alef_maksura
    r"""ى → ي."""
    fold_teh_marbuta: bool = _NORMALIZER.fold_teh_marbuta
    r"""ة → ه."""
    fold_hamza_carriers: bool = _NORMALIZER.fold_hamza_carriers
    r"""ؤ → و, ئ → ي."""
    fold_persian: bool = _NORMALIZER.fold_persian
    r"""ی → ي, ک گ → ك, ڤ → ف, پ → ب, چ → ج, ژ → ز, ۀ → ه."""
    fold_digits: bool = _NORMALIZER.fold_digits
    r"""Arabic-Indic digits → 0–9."""
    fold_latin: bool = _NORMALIZER.fold_latin
    r"""Latin lower-casing and accent removal."""


@dataclass
class AnalyzerOptions:
    r"""Options of an :class:`Analyzer`; every stage can be switched off.

    An index remembers the analyzer it was built with and refuses to open with different options
    (:class:`AnalyzerMismatchError`).
    """

    normalizer: NormalizerOptions = field(default_factory=NormalizerOptions)
    r"""The normalization rules."""
    invalid_utf8: InvalidUtf8 = _ANALYZER.invalid_utf8  # type: ignore[assignment]
    r"""``"replace"`` (bad UTF-8 becomes U+FFFD) or ``"strict"`` (raise :class:`EncodingError`).
    A Python ``str`` always encodes to valid UTF-8; this matters for indexes shared with C++ code."""
    strip_proclitics: bool = _ANALYZER.strip_proclitics
    r"""Produce :attr:`Token.forms` and :attr:`Token.bare` (else both equal ``normalized``)."""
    stem: bool = _ANALYZER.stem
    r"""Produce :attr:`Token.stem` (else it equals ``bare``)."""


@dataclass(frozen=True)
class Token:
    r"""One word of a text with its analysis tiers, from most to least exact.

    ``text[token.start:token.end]`` is the word as written in the original text (harakat and all).
    """

    normalized: str
    r"""The word as written, as the index keeps it (harakat, tatweel and invisible marks removed; letters not folded)."""
    folded: str
    r"""``normalized`` with the orthographic folds: the key under which spellings meet at query time."""
    forms: Tuple[str, ...]
    r"""Every form left by stripping a valid proclitic sequence, most to least letters."""
    bare: str
    r"""The most stripped form, or ``normalized`` when nothing can be stripped."""
    stem: str
    r"""The light (suffix-stripped) stem of ``bare``."""
    position: int
    r"""0-based word position in the text."""
    start: int
    r"""Offset of the word's first character in the text (code points, as ``str`` indexes)."""
    end: int
    r"""Offset one past the word's last character."""
    stopword: bool
    r"""True if ``bare`` or ``normalized`` is a stopword."""

    @property
    def span(self) -> Tuple[int, int]:
        r"""``(start, end)``: ``text[slice(*token.span)]`` is the word as written."""
        return (self.start, self.end)


class Analyzer:
    r"""The analysis pipeline: normalization, tokenization, proclitics, light stemming, stopwords.

    Immutable and thread-safe; long calls release the GIL. Build it from :class:`AnalyzerOptions` or
    keyword overrides of them: ``Analyzer(stem=False)``.
    """

    __slots__ = ("_impl",)

    def __init__(self, options: Optional[AnalyzerOptions] = None, **overrides: Any) -> None:
        r"""Builds an analyzer from ``options`` with the keyword ``overrides`` applied."""
        self._impl = _fahras.Analyzer(to_native(with_overrides(AnalyzerOptions, options, overrides), _fahras.AnalyzerOptions))

    @classmethod
    def _wrap(cls, impl: _fahras.Analyzer) -> Analyzer:
        r"""An Analyzer around an existing compiled analyzer."""
        analyzer = cls.__new__(cls)
        analyzer._impl = impl
        return analyzer

    def normalize(self, text: str) -> str:
        r"""Normalizes ``text`` without splitting it into words (idempotent)."""
        return self._impl.normalize(text)

    def analyze(self, text: str) -> List[Token]:
        r"""All words of ``text`` with their tiers, positions and character offsets."""
        if not isinstance(text, str):  # the compiled module would take bytes too, with byte offsets
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return [Token(**token) for token in self._impl.analyze(text)]

    def is_stopword(self, word: str) -> bool:
        r"""True if the word (as written or normalized) is a stopword; ى and ي stay apart (علي is none)."""
        return self._impl.is_stopword(word)

    @property
    def id(self) -> str:
        r"""Name and version of the analysis, as stored in indexes (``"fahras-arabic/N/..."``)."""
        return self._impl.id

    @property
    def options(self) -> AnalyzerOptions:
        r"""A copy of the options this analyzer was built with."""
        return from_native(self._impl.options, AnalyzerOptions)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"Analyzer(id={self.id!r})"


_default_analyzer: Optional[Analyzer] = None


def analyze(text: str) -> List[Token]:
    r"""The words of ``text`` as the default analyzer (the one of indexes built with default options)
    sees them: for each its normalized form, proclitic-free ``forms``, ``bare`` form, ``stem`` and
    ``span`` in ``text``. ``Analyzer(**options).analyze`` does the same with other options."""
    global _default_analyzer
    if _default_analyzer is None:
        _default_analyzer = Analyzer()  # immutable, so a race builds two equal ones at worst
    return _default_analyzer.analyze(text)
