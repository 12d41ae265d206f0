"""Page furniture: menus, bylines, captions, teasers and cut-off text (issue 13)."""
from __future__ import annotations

import pytest

from strikeledger.errors import VocabularyError
from strikeledger.extract import furniture as furniture_mod
from strikeledger.extract.furniture import (BYLINE, CAPTION, CUTOFF, ILLUSTRATION, MENU, NO_DATE,
                                            NOT_ARTICLE, NOTICE, TEASER, TRAILER, find_furniture)

BODY = ("Russian drones struck port infrastructure in Odesa overnight, injuring two people, the "
        "governor said on Friday. A fire broke out at a grain terminal after the attack.\n\n"
        "The Air Force said Russia launched 87 drones overnight, 54 of which were shot down.\n")

PAGE = ("Skip to content\nMenu\n\nRussian drones hit Odesa port overnight, two injured\n\n"
        "By Olena Marchenko\n14 February 2025, 08:35\n\n"
        "This audio is created with AI assistance\n\n" + BODY +
        "\nFirefighters put out a blaze after a Russian strike in Odesa on 3 January 2024. "
        "(Photo: Odesa Regional Military Administration)\n\n"
        "Read also: Russian missile strike on Kharkiv kills 5, injures 30\n\n"
        "Odesa has been a frequent target since the start of the full-scale invasion. In the regional administrat")


def kind_of(text: str, phrase: str) -> str | None:
    return find_furniture(text).at(text.index(phrase))


@pytest.mark.parametrize("phrase, kind", [
    ("Skip to content", MENU),
    ("Menu", MENU),
    ("By Olena Marchenko", BYLINE),
    ("14 February 2025, 08:35", BYLINE),
    ("This audio is created with AI assistance", NOTICE),
    ("Firefighters put out a blaze", CAPTION),
    ("(Photo: Odesa Regional", CAPTION),
    ("Read also: Russian missile strike", TEASER),
    ("administrat", CUTOFF),
    # the article itself, headline included
    ("Russian drones hit Odesa port overnight", None),
    ("Russian drones struck port infrastructure", None),
    ("The Air Force said Russia launched 87 drones", None),
    ("Odesa has been a frequent target", None),
])
def test_each_part_of_a_pulled_page(phrase, kind):
    assert kind_of(PAGE, phrase) == kind


def test_a_block_of_other_stories_runs_to_the_end():
    text = BODY + "\nNews Feed\n\n12:59 AM\n\nFive killed as missiles hit Dnipro.\n\nMore text about 40 drones.\n"
    f = find_furniture(text)
    assert f.at(text.index("News Feed")) == TRAILER
    assert f.at(text.index("Five killed")) == TRAILER and f.at(len(text) - 3) == TRAILER
    assert f.at(text.index("87 drones")) is None


def test_a_related_header_before_the_article_is_not_its_end():
    """Menus and 'Related' links above the story: only that line, not the story after it."""
    text = "Related\n\nRussia launched 87 drones overnight, the Air Force said on Friday morning.\n"
    f = find_furniture(text)
    assert f.at(text.index("87 drones")) is None


def test_captions_of_the_attack_count_but_never_date_it():
    """A caption may state the attack's toll; its date is the photo's. A caption for
    illustration only is about nothing in the story."""
    text = ("Kyiv hit overnight\n\nIn Kyiv, debris killed one person on Dec. 20, 2024. | Roman Pilipey/AFP via Getty Images\n\n"
            "A Shahed drone at an exhibition in Kyiv, on May 12, 2023. Photo for illustrative purposes. "
            "(Oleksii Samsonov/Global Images Ukraine via Getty Images)\n\n" + BODY)
    f = find_furniture(text)
    assert f.at(text.index("In Kyiv, debris")) == CAPTION
    assert CAPTION in NO_DATE and CAPTION not in NOT_ARTICLE
    assert f.at(text.index("A Shahed drone at")) == ILLUSTRATION and ILLUSTRATION in NOT_ARTICLE


def test_a_credit_glued_to_the_next_sentence_ends_the_caption_there():
    text = ("Strikes on Kyiv\n\nSmoke over Kyiv on Dec. 20, 2024. (Kostiantyn Liberov/Libkos/Getty Images)"
            "Hotel guests left the building after the blast, and two people were injured.\n")
    f = find_furniture(text)
    assert f.at(text.index("Smoke over")) == CAPTION
    assert f.at(text.index("Hotel guests")) is None


def test_a_wire_dateline_is_the_lede_not_a_caption():
    text = ("Drone hits Odesa\n\nODESA, Ukraine (Reuters) - A Russian drone hit an apartment block in Odesa "
            "on Saturday, killing at least seven people, the governor said.\n")
    assert kind_of(text, "ODESA, Ukraine") is None


def test_a_text_that_ends_with_its_sentence_is_not_cut_off():
    assert not [s for s in find_furniture(BODY).spans if s.kind == CUTOFF]


def test_the_header_line_is_not_the_headline():
    text = "date 2024-03-22\nPhoto: the Air Force\n\n" + BODY
    assert kind_of(text, "Photo: the Air Force") is None  # the first line of content is the headline


def test_a_bad_vocabulary_file_is_one_clear_error(monkeypatch):
    from strikeledger.data import check
    bad = {"menu_lines": ["menu"], "teaser_starts": [1]}
    monkeypatch.setattr(furniture_mod, "load", lambda name, schema: check(bad, schema, f"strikeledger/data/{name}"))
    furniture_mod.vocab.cache_clear()
    try:
        with pytest.raises(VocabularyError) as err:
            furniture_mod.vocab()
        assert "furniture.json" in str(err.value) and "teaser_starts" in str(err.value)
    finally:
        furniture_mod.vocab.cache_clear()


def test_a_page_of_many_lines_is_read_line_by_line():
    """Linear: 20,000 lines of menus, captions and text, every line classified once."""
    block = ("Menu\nBy Jane Doe\nSmoke over Kyiv. (AP Photo/John Doe)\n"
             "Russia launched 87 drones overnight, the Air Force said on Friday morning.\n")
    text = block * 5000
    f = find_furniture(text)
    assert len(f.spans) == 15000 - 1  # the first caption line is the headline
    assert f.at(text.rindex("Russia launched")) is None
