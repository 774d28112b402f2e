"""Boilerplate cleaning: each rule on a small capture written for the test."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.cleaning import (DEFAULT_LEXICON, CleanResult, classify_line, clean_capture, is_body_line,
                               is_breadcrumb)

HEADLINE = "Envoys meet in Geneva to discuss a pause in the fighting"
BODY1 = "Delegations from both countries met in Geneva on Tuesday for a second day of talks, officials said."
BODY2 = "A spokesman said the talks would resume next week and that a ceasefire was still possible."
BODY3 = "Three civilians were killed in shelling overnight, the regional governor said on Wednesday."


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def kept(raw: str) -> list[str]:
    return [l for l in clean_capture(raw).text.splitlines() if l.strip()]


def test_result_shape_and_removed_count():
    raw = page("Advertisement", HEADLINE, BODY1)
    res = clean_capture(raw)
    assert isinstance(res, CleanResult)
    assert res.text == HEADLINE + "\n\n" + BODY1
    assert res.removed_lines == ["Advertisement"]
    assert res.removed == len(raw) - len(res.text)


def test_article_lines_kept_verbatim_with_paragraph_breaks():
    raw = HEADLINE + "\n" + "By Jane Roe, Diplomatic Editor\n\n" + BODY1 + "\n\n\n" + BODY2
    assert clean_capture(raw).text == HEADLINE + "\nBy Jane Roe, Diplomatic Editor\n\n" + BODY1 + "\n\n" + BODY2


@pytest.mark.parametrize("nav", [
    "Skip to main content", "Don't Miss", "Most Read", "Trending on Example News",
    "World | Europe | Ukraine crisis", "Home > World > Europe > War in Ukraine",
    "News › World › Conflicts", "POLITICS  /  WORLD  /  EUROPE", "Key events | Show key events only | Refresh",
])
def test_navigation_before_the_headline_is_dropped(nav):
    assert kept(page(nav, HEADLINE, BODY1)) == [HEADLINE, BODY1]


def test_masthead_and_section_label_above_headline_dropped():
    assert kept(page("THE EVENING POST", "Military", HEADLINE, BODY1)) == [HEADLINE, BODY1]


def test_dateline_byline_and_timestamps_kept():
    lines = ["March 9, 2022", HEADLINE, "By Reuters", "Staff Writer April 12, 2022 01:09:52 IST",
             "Published: 03/03/2022 21:47 CET | Updated: 03/03/2022 23:05 CET",
             "April 11 (Reuters) - " + BODY1]
    assert kept(page(*lines)) == lines


@pytest.mark.parametrize("ui", [
    "Advertisement", "4 min read", "Updated 2 hours ago", "Updated: 2 hours ago", "3 days ago",
    "Share this article   Facebook   Twitter   Email", "Share  ·  Save  ·  Listen (3 min)",
    "Follow us on Facebook, Twitter and Instagram.", "Read all the Latest News, Trending News, Sports News,",
    "Please turn on JavaScript to use this feature", "Key events", "Show key events only", "___",
])
def test_ui_lines_dropped_inside_the_body(ui):
    assert kept(page(HEADLINE, BODY1, ui, BODY2)) == [HEADLINE, BODY1, BODY2]


@pytest.mark.parametrize("teaser", [
    "ALSO READ: Ruble slides to a record low", "READ MORE: Inside the envoy talks",
    "Read more: Grain exports resume", "See also - Oil prices climb",
])
def test_inline_teasers_dropped(teaser):
    assert kept(page(HEADLINE, BODY1, teaser, BODY2)) == [HEADLINE, BODY1, BODY2]


@pytest.mark.parametrize("header,items", [
    ("Related coverage", ["- Port reopens after strike", "- EU extends sanctions"]),
    ("MORE FROM WORLD", ["- Grain prices climb", "- Abramovich attended talks"]),
    ("READ MORE", [">> Mass grave found near front", ">> What the speech said"]),
    ("Read next", ["- Explainer: what a truce would cover"]),
    ("Catch up", ["- Odesa: missile hits city centre"]),
    ("Related", ["› Who was in the room", "› Mourners gather in Kyiv"]),
    ("Most read", ["1. Troops enter city centre", "2. 'Nearly 2,000 dead', says mayor"]),
    ("also read", ["Ukraine conflict: oligarch denies poisoning claims", "World",
                   "The Journal reported on Monday that negotiators were targets of a suspected attack"]),
    ("Previous Story", ["Election won by opposition leader", "Next Story", "Markets slide in Asia"]),
    ("Latest from -Top News", ["Leaders hold talks in Beijing",
                               "The move was taken to ensure safety of climbers above 8,000 metres…reports Wire"]),
])
def test_teaser_blocks_after_the_body_dropped(header, items):
    assert kept(page(HEADLINE, BODY1, BODY2, header, *items)) == [HEADLINE, BODY1, BODY2]


def test_body_resumes_after_a_mid_article_teaser_block():
    raw = page(HEADLINE, BODY1, "Related", "- Port reopens after strike", "- EU extends sanctions", BODY3)
    assert kept(raw) == [HEADLINE, BODY1, BODY3]


@pytest.mark.parametrize("header", [
    "Comments (12)", "Comments / 4", "COMMENTS  (214)", "14 Comments | Sign in to comment",
    "Reader comments (6)", "1 comment", "Comment",
])
def test_everything_after_a_comments_header_dropped(header):
    comments = ["river_rat  1h", "Heard it is already over 10,000 dead and nobody will admit it at all.",
                "Reply  4", "JaneB", "Good that they are talking at least, this is a long overdue step."]
    assert kept(page(HEADLINE, BODY1, BODY2, header, *comments)) == [HEADLINE, BODY1, BODY2]


def test_comment_counter_above_the_body_drops_only_itself():
    assert kept(page(HEADLINE, "12 comments", BODY1, BODY2)) == [HEADLINE, BODY1, BODY2]


@pytest.mark.parametrize("footer", [
    "Copyright 2022 Example Press. All rights reserved. This material may not be published.",
    "Our Standards: The Example Trust Principles.", "Go toTop", "Back to top",
    "Comments are closed on this live blog.", "Do you have a story? Email news@example.org",
])
def test_page_end_footer_ends_the_article(footer):
    tail = ["Putin says 600,000 soldiers now in Ukraine", "In discussing the war, Putin noted that",
            "The only reason they would agree to a ceasefire would be if their own security was at risk."]
    assert kept(page(HEADLINE, BODY1, BODY2, footer, *tail)) == [HEADLINE, BODY1, BODY2]


@pytest.mark.parametrize("footer", ["Tags: Russia, Ukraine, Turkey", "Updated Date:", "© Example Press 2025",
                                    "Copyright 2023 Example Press"])
def test_soft_footers_dropped_and_open_a_teaser_block(footer):
    raw = page(HEADLINE, BODY1, footer, "Other story title here", "Another teaser without a full stop")
    assert kept(raw) == [HEADLINE, BODY1]


@pytest.mark.parametrize("caption", [
    "Russia's Foreign Minister at a briefing. (Photo/Reuters)",
    "File image of the foreign minister. AP",
    "Photo: Example Agency",
])
def test_clear_photo_captions_dropped(caption):
    assert kept(page(HEADLINE, caption, BODY1)) == [HEADLINE, BODY1]


def test_in_body_subheads_and_liveblog_times_kept():
    lines = [HEADLINE, "09:20", BODY1, "TOLL MOUNTS", BODY2, "What comes next", BODY3]
    assert kept(page(*lines)) == lines


def test_body_list_items_are_kept():
    lines = [HEADLINE, BODY1, "- Russia withdraws troops from the north of the country.",
             "- Ukraine adopts a neutral status.", BODY2]
    assert kept(page(*lines)) == lines


def test_list_after_a_top_block_header_dropped():
    raw = page("Most Read", "1. Storm cuts power", "2. Prices rise", HEADLINE, BODY1)
    assert kept(raw) == [HEADLINE, BODY1]


def test_credit_lines_kept():
    lines = [HEADLINE, BODY1, "(Reporting by Example correspondents; Editing by the desk)", "Source: TRT"]
    assert kept(page(*lines)) == lines


def test_lexicon_is_extendable():
    lex = dataclasses.replace(DEFAULT_LEXICON, ui_lines=DEFAULT_LEXICON.ui_lines + (r"listen to this story",))
    raw = page(HEADLINE, "Listen to this story", BODY1)
    assert kept(raw) == [HEADLINE, "Listen to this story", BODY1]
    assert [l for l in clean_capture(raw, lexicon=lex).text.splitlines() if l] == [HEADLINE, BODY1]


def test_line_helpers():
    assert is_body_line(BODY1) and not is_body_line(HEADLINE)
    assert not is_body_line("The Journal reported that negotiators were targets of an attack by hardliners…")
    assert is_breadcrumb("World | Europe | Ukraine") and not is_breadcrumb("10 Mar 2022 | 18:05 IST")
    assert not is_breadcrumb("By Staff Reporter · 4 days ago")
    assert classify_line("Comments (3)") == "comments" and classify_line(BODY1) == "text"


def test_empty_and_non_string_input():
    assert clean_capture("") == CleanResult("", [], 0)
    assert clean_capture("\n\n  \n").text == ""


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_arbitrary_text_never_raises_and_keeps_lines_verbatim(raw):
    res = clean_capture(raw)
    assert res.removed == len(raw) - len(res.text) >= 0
    raw_lines = set(raw.splitlines())
    assert all(line in raw_lines for line in res.text.splitlines() if line)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([HEADLINE, BODY1, BODY2, BODY3, "Related", "- teaser", "Comments (2)",
                                 "Advertisement", "", "World | Europe"]), max_size=15))
def test_random_line_mixes_never_raise(lines):
    res = clean_capture("\n".join(lines))
    assert isinstance(res.text, str)
