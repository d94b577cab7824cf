"""Approximate anchoring: the fast edit-distance search agrees with the textbook table, everywhere."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.anchor import AnchorError, anchor, end_distances
from sitegen.model import Selector


def sellers(text: str, pattern: str) -> list[int]:
    """The edit-distance table with a free start in text (Sellers 1980), column by column."""
    column = list(range(len(pattern) + 1))
    out = []
    for ch in text:
        new = [0]
        for i, p in enumerate(pattern, 1):
            new.append(min(column[i - 1] + (p != ch), column[i] + 1, new[i - 1] + 1))
        column = new
        out.append(column[-1])
    return out


letters = st.text(alphabet="abc d", min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=letters, pattern=letters)
def test_bit_vector_search_equals_the_table(text, pattern):
    assert end_distances(text, pattern) == sellers(text, pattern)


def test_long_patterns_cross_machine_words():
    text = "the council voted " * 40
    pattern = ("the council voted " * 8).replace("voted", "vote", 3)  # 144 characters, 3 edits
    assert end_distances(text, pattern) == sellers(text, pattern)
    assert min(end_distances(text, pattern)) == 3


def test_a_changed_quote_is_found_among_many_similar_paragraphs():
    paragraphs = [f"Paragraph {n}: the council met on day {n} and voted on the budget." for n in range(300)]
    text = "\n\n".join(paragraphs)
    start = text.index("Paragraph 217")
    changed = paragraphs[217].replace("voted", "votes")
    assert anchor(text, Selector(changed)) == (start, start + len(paragraphs[217]))


def test_a_quote_unlike_any_place_is_orphaned_and_two_equal_places_are_ambiguous():
    text = "The mayor said the vote was fair. Later the clerk said the vote was fair too."
    for selector, reason in ((Selector("Nothing here resembles this sentence at all"), "orphaned"),
                             (Selector("said the vote was fiar"), "ambiguous")):
        try:
            anchor(text, selector)
        except AnchorError as exc:
            assert exc.reason.startswith(reason)
        else:
            raise AssertionError(f"{selector.exact!r} anchored")
