"""Speaker mentions and speakers (CONTRACT.md: speakers; figure speaker attribution)."""
from __future__ import annotations

import pytest

from strikeledger.extract.speakers import (
    SpeakerMention, byline_speaker, extract_speakers, find_speaker_mentions,
)

# (text, expected speaker names, in order of first appearance)
SPEAKERS = [
    ("Two people were killed in Sumy, the regional governor's office said.", []),
    ("President Volodymyr Zelensky said Russia used 40 missiles.", ["Volodymyr Zelenskyy"]),
    ("Zelenskiy said the attack was aimed at the grid.", ["Volodymyr Zelenskyy"]),
    ("Ukraine's Air Force said 30 of 35 drones were downed.", ["Ukrainian Air Force"]),
    ("Air defences destroyed 20 drones, according to the air force.", ["Ukrainian Air Force"]),
    ("Povitriani Syly reported 12 missiles.", ["Ukrainian Air Force"]),
    ("Mayor Vitaliy Klitschko wrote on Telegram that two districts were hit.", ["Vitali Klitschko"]),
    ("Klitschko said debris fell on a school.", ["Vitali Klitschko"]),
    ("Spokesman Yuriy Ihnat told the national telethon that most missiles were downed.", ["Yurii Ihnat"]),
    ("Ihnat: \"The drones flew at low altitude.\"", ["Yurii Ihnat"]),
    ("Three were injured, regional governor Oleh Syniehubov said.", ["Oleh Syniehubov"]),
    ("In Odesa, four people were hurt, reports Oleh Kiper.", ["Oleh Kiper"]),
    ("Interior Minister Ihor Klymenko put the toll at nine.", ["Ihor Klymenko"]),
    ("Kyiv City Military Administration head Serhii Popko: no hits were recorded.", ["Serhii Popko"]),
    ("The State Emergency Service said 40 people were rescued.", ["State Emergency Service"]),
    ("Rescuers said two more bodies were found.", ["State Emergency Service"]),
    ("Rescuers pulled three people from the rubble.", []),
    ("The National Police reported six injured in the city.", ["National Police"]),
    ("The Prosecutor General's Office said five civilians died.", ["Prosecutor General's Office"]),
    # a body is named as the report spells it in full (the record's name, not the vocabulary's)
    ("Russia's defence ministry claimed all targets were hit.", ["Russia's defence ministry"]),
    ("The Russian Defence Ministry said it struck energy sites. The ministry added that drones were downed.",
     ["Russian Defence Ministry"]),
    ("Grid operator Ukrenergo said power was cut in three regions.", ["Ukrenergo"]),
    ("DTEK said two of its plants were badly damaged.", ["DTEK"]),
    ("Its operator, Centrenergo, said the plant was destroyed.", ["Centrenergo"]),
    ("Ukraine's SBU security service said fragments of a missile were found.", ["SBU security service"]),
    ("The energy ministry said repairs would take weeks.", ["Ukrainian Ministry of Energy"]),
    ("Acting governor Mykhailo Petrenko said one man was killed.", ["Mykhailo Petrenko"]),
    ("\"It was terrible,\" said Ostap Melnyk, director of the city's water utility.", ["Ostap Melnyk"]),
    ("Taras Bondar, head of the village council, said the school was hit. Bondar added that no one died.",
     ["Taras Bondar"]),
    ("Health Minister Viktor Liashko said 16 were hurt at the hospital.", ["Viktor Liashko"]),
    ("Commander-in-Chief Oleksandr Syrskyi said the front was stable.", ["Oleksandr Syrskyi"]),
    ("According to regional governor Vitaliy Kim, a drone hit a house.", ["Vitaliy Kim"]),
    ("President Volodymyr Zelenskyy, speaking in Kyiv, said 60 drones were used.", ["Volodymyr Zelenskyy"]),
    ("The strike happened as Volodymyr Zelenskyy was visiting the front.", []),
    ("Kharkiv Mayor Ihor Terekhov said the city was hit 10 times, and governor Oleh Syniehubov said two died.",
     ["Ihor Terekhov", "Oleh Syniehubov"]),
    ("The Kremlin did not comment. Moscow and Russia have denied targeting civilians.", []),
    ("Evening summary from the Air Force: 80 missiles launched.", ["Ukrainian Air Force"]),
    ("Air Force summary: 20 drones were launched.", ["Ukrainian Air Force"]),
    ("Wladimir Klitschko visited the site.", []),
    ("Energy Minister Herman Halushchenko called it the largest attack on the grid.", ["Herman Halushchenko"]),
    ("Ukrhydroenergo said there was no threat of a dam breach.", ["Ukrhydroenergo"]),
]


@pytest.mark.parametrize("text,expected", SPEAKERS)
def test_extract_speakers(text, expected):
    assert [s.name for s in extract_speakers(text)] == expected


def test_speaker_roles():
    text = ("Dnipropetrovsk regional governor Serhiy Lysak said 11 were injured. "
            "Mayor Borys Filatov said a school was hit. Zaporizhzhia: city council secretary Petro Ivanenko says "
            "two were wounded. Ivanenko added that a depot burned.")
    roles = {s.name: s.role for s in extract_speakers(text)}
    assert roles == {
        "Serhii Lysak": "Head of Dnipropetrovsk Regional Military Administration",
        "Borys Filatov": "Mayor of Dnipro",
        "Petro Ivanenko": "Secretary of Zaporizhzhia City Council",
    }


def test_unknown_governor_role_from_context():
    [s] = extract_speakers("In the Poltava region, governor Oksana Hrytsenko said three died.")
    assert (s.name, s.role) == ("Oksana Hrytsenko", "Head of Poltava Regional Military Administration")


def test_unknown_person_appositive_role():
    [s] = extract_speakers("\"We will rebuild,\" said Ivan Tkach, chairman of Kyivenergo's supervisory board.")
    assert s.role == "Chairman of Kyivenergo's supervisory board"


def test_foreign_president_keeps_own_title():
    mentions = find_speaker_mentions("US President Joe Biden said the attack was barbaric.")
    assert [(m.name, m.role) for m in mentions] == [("Joe Biden", "US President")]


def test_mentions_offsets_and_surname_follow_up():
    text = "Mayor Vitalii Klitschko said four died. Later Klitschko said five."
    mentions = find_speaker_mentions(text)
    assert [(text[m.start:m.end], m.name, m.kind) for m in mentions] == [
        ("Vitalii Klitschko", "Vitali Klitschko", "person"), ("Klitschko", "Vitali Klitschko", "person")]
    assert mentions[0].title_text == "Mayor"
    assert isinstance(mentions[0], SpeakerMention)


def test_no_places_or_weapons_as_persons():
    text = ("Russia fired Kinzhal missiles at Kyiv. Moscow said the Kremlin ordered it. "
            "Ukraine said Shahed drones hit Lviv.")
    assert all(m.kind == "body" or m.name not in {"Russia", "Moscow", "Kremlin", "Ukraine"}
               for m in find_speaker_mentions(text))
    assert [m for m in find_speaker_mentions(text) if m.kind == "person"] == []


def test_russian_air_force_is_not_ukrainian():
    assert find_speaker_mentions("Russian air force bombers launched the missiles.") == []


@pytest.mark.parametrize("text,expected", [
    ("Kyiv Mayor Vitaliy Klitschko, on Telegram:\n\nExplosions in the capital.", "Vitali Klitschko"),
    ("Lviv Mayor Andriy Sadovyi, Telegram, Monday 2 September 2024\n\nA hard night.", "Andriy Sadovyi"),
    ("Dnipro, 5 May 2024. Post by Mayor Borys Filatov\n\nThe city was hit.", "Borys Filatov"),
    ("Air Force of the Armed Forces of Ukraine · 12.08.2023\n\nOn the night of 12 August...", "Ukrainian Air Force"),
    ("14.06.2023 | Kyiv City Military Administration\n\nAnother night attack.", "Kyiv City Military Administration"),
    ("date 2024-02-07\nKharkiv Mayor Ihor Terekhov, Telegram:\n\nExplosions.", "Ihor Terekhov"),
    ("Air Force Command of the Armed Forces of Ukraine: results of the day\n\nThe enemy attacked.",
     "Ukrainian Air Force"),
])
def test_byline_speaker(text, expected):
    author = byline_speaker(text)
    assert author is not None and author.name == expected


@pytest.mark.parametrize("text", [
    "Zelenskyy says Russia launched 500 drones\n\nPresident Volodymyr Zelenskyy said on Sunday...",
    "Kyiv toll rises to 12 after strike\n\nUpdated 3 May 2024\n\nThe toll rose, Klitschko said.",
    "LIVE: missiles hit Kyiv\n\nMonday, 10 October 2022. All times are Kyiv time",
    "16.12.2022 | Dnipropetrovsk region\n\nThe enemy attacked.",
])
def test_no_byline_for_news(text):
    assert byline_speaker(text) is None


def test_byline_author_is_a_speaker():
    speakers = extract_speakers("Kyiv Mayor Vitaliy Klitschko, on Telegram:\n\nTwo people died in Darnytskyi district.")
    assert [(s.name, s.role) for s in speakers] == [("Vitali Klitschko", "Mayor of Kyiv")]


def test_enough_cases():
    assert len(SPEAKERS) >= 40


class TestReportedNames:
    @staticmethod
    def names(text):
        from strikeledger.extract.speakers import reported_names
        return reported_names(text, find_speaker_mentions(text))

    def test_full_spelling_of_the_report_wins(self):
        text = ("The Ministry of Foreign Affairs of Ukraine condemned the strike. "
                "The ministry said five people were killed.")
        assert self.names(text) == {"Ukrainian Ministry of Foreign Affairs": "Ministry of Foreign Affairs"}

    def test_country_possessive_becomes_a_prefix(self):
        text = "Ukraine's Interior Ministry said 17 people were injured."
        assert self.names(text) == {"Ukrainian Ministry of Internal Affairs": "Ukrainian Interior Ministry"}

    def test_acronyms_capitals_and_common_nouns_keep_the_listed_name(self):
        text = "SES said two died. STATE EMERGENCY SERVICE OF UKRAINE. Rescuers said four were hurt."
        assert self.names(text) == {}

    def test_fixed_names_are_never_respelled(self):
        text = "The Air Force of the Armed Forces of Ukraine said 40 drones were shot down."
        assert self.names(text) == {}


def test_a_name_alone_over_a_title_line_heads_the_post():
    text = ("date 2025-03-02\nIvan Fedorov\nHead of Zaporizhzhia Regional Military Administration\n"
            "March 2 at 08:10\n\nThe enemy attacked our region overnight. Two people were injured.")
    author = byline_speaker(text)
    assert author is not None and author.name == "Ivan Fedorov"


def test_a_name_alone_over_prose_is_no_byline():
    text = "date 2025-03-02\nIvan Fedorov\nThe governor said two people were injured overnight.\n"
    assert byline_speaker(text) is None
