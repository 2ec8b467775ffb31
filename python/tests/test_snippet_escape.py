"""Snippets are HTML-escaped by default (the default markers are HTML), plain with escape_html=False."""

from __future__ import annotations

import fahras


def _index() -> fahras.Index:
    idx = fahras.Index.in_memory()
    idx.add("x", "عنوان", "كيري <script>alert(1)</script> & لافروف")
    idx.commit()
    return idx


def test_snippet_text_is_html_escaped_by_default() -> None:
    idx = _index()
    for results in (idx.search("كيري"), fahras.Searcher(idx).search("كيري")):
        assert results[0].snippet == "<b>كيري</b> &lt;script&gt;alert(1)&lt;/script&gt; &amp; لافروف"


def test_escape_html_false_gives_the_text_as_stored() -> None:
    idx = _index()
    for results in (
        idx.search("كيري", highlight=("[", "]"), escape_html=False),
        fahras.Searcher(idx).search("كيري", highlight=("[", "]"), escape_html=False),
    ):
        assert results[0].snippet == "[كيري] <script>alert(1)</script> & لافروف"
