"""Publication and attack dates (CONTRACT.md: attack.date, date_precision)."""
from __future__ import annotations

import datetime as dt

import pytest

from strikeledger.extract.dates import extract_attack_date, find_published, header_date

D = dt.date

# (text, expected published date)
PUBLISHED = [
    ("date 2023-04-05\nDrones hit Sumy overnight.", D(2023, 4, 5)),
    ("  date 2021-12-01 Russia shelled the town.", D(2021, 12, 1)),
    ("Headline here\n\nUpdated Feb. 3, 2025\n\nThe toll rose.", D(2025, 2, 3)),
    ("Updated 14 June 2023, 09:15\n\nMore bodies were found.", D(2023, 6, 14)),
    ("Published 2 April 2024, 11:00\n\nA strike hit Kharkiv.", D(2024, 4, 2)),
    ("Air Force Command of the Armed Forces of Ukraine | 05.02.2023\n\nOn the night of 5 February...", D(2023, 2, 5)),
    ("17.03.2024, 07:20\n\nThe enemy attacked Sumy region.", D(2024, 3, 17)),
    ("Poltava, 3 September 2024. Post by the regional head\n\nTwo missiles hit.", D(2024, 9, 3)),
    ("Odesa Mayor, Telegram, Thursday 6 June 2024\n\nAn awful night.", D(2024, 6, 6)),
    ("LIVE\n\nSaturday, 11 May 2024. All times are Kyiv time\n\n06:10 — Blasts.", D(2024, 5, 11)),
    ("Live\n\nTuesday, 3 October 2023 · all times Kyiv time\n\n07:00 — Sirens.", D(2023, 10, 3)),
    ("COMMENT | 7 August 2024\n\nWhy the grid keeps failing", D(2024, 8, 7)),
    ("KHARKIV, Ukraine, May 19, 2024 — Russian glide bombs hit a lake resort.", D(2024, 5, 19)),
    ("Headline\n\nPublished 1 May 2024\n\nUpdated 2 May 2024\n\nText.", D(2024, 5, 2)),
    ("LVIV, March 14 — Drones struck a depot early on Thursday. It was the fifth attack in 2024.", D(2024, 3, 14)),
    ("KYIV, Jan 8 — Russia fired missiles at Ukraine.", None),
    ("Russia launched drones at Ukraine overnight, officials said.", None),
    ("Russia launched drones overnight.\n\nIn 2022 the war began.\n\nOn 12 March 2023 a long sentence "
     "that is not a header at all and runs on and on.", None),
]


@pytest.mark.parametrize("text,expected", PUBLISHED)
def test_find_published(text, expected):
    assert find_published(text) == expected


def test_header_date_gives_body_offset():
    text = " date 2024-06-01 Drones struck Kharkiv."
    when, body = header_date(text)
    assert when == D(2024, 6, 1)
    assert text[body:] == "Drones struck Kharkiv."
    text = "date 2024-06-01\nDrones struck Kharkiv."
    assert header_date(text) == (D(2024, 6, 1), 16)
    assert header_date("Drones struck Kharkiv.") == (None, 0)
    assert header_date("date 2024-13-01\nx") == (None, 0)


# (text, published, expected date, expected precision)
ATTACK = [
    # explicit dates
    ("Russia launched 80 drones early on October 3, the air force said.", D(2024, 10, 3), D(2024, 10, 3), "day"),
    ("Russia fired missiles at Kyiv on Wednesday, Feb. 7, killing three.", None, D(2024, 2, 7), "day"),
    ("Drones hit Odesa early on Sunday, March 10, wounding eight.", None, D(2024, 3, 10), "day"),
    ("A missile struck Sumy early on Friday, Nov. 17.", None, D(2023, 11, 17), "day"),
    ("On the morning of 14 October the enemy struck Zaporizhzhia.", D(2022, 10, 14), D(2022, 10, 14), "day"),
    ("Christmas morning began with explosions in Kryvyi Rih.", D(2023, 12, 25), D(2023, 12, 25), "day"),
    ("Drones attacked the region on 04.06.2024. Two people were injured.", None, D(2024, 6, 4), "day"),
    ("Missiles struck the city on 2024-06-04, officials said.", None, D(2024, 6, 4), "day"),
    ("Russia struck Kharkiv on 5 April 2024, killing six.", None, D(2024, 4, 5), "day"),
    ("Russia struck Kharkiv on Dec. 30, killing two.", D(2024, 1, 2), D(2023, 12, 30), "day"),
    # nights: dated by the morning they end in
    ("On the night of 12 to 13 May the enemy attacked with 40 drones.", D(2024, 5, 13), D(2024, 5, 13), "day"),
    ("Russia attacked on the night of 30 to 31 August 2024 with 100 missiles.", None, D(2024, 8, 31), "day"),
    ("Drones hit Kyiv on the night of August 21-22, the military said.", D(2023, 8, 22), D(2023, 8, 22), "day"),
    ("On the night of 31 December to 1 January, the enemy launched 90 drones.", D(2024, 1, 1), D(2024, 1, 1), "day"),
    ("On the night of 9 February, the enemy attacked with 45 Shaheds.", D(2024, 2, 9), D(2024, 2, 9), "day"),
    ("Overnight on 17 June, Russia sent drones against the capital.", D(2023, 6, 17), D(2023, 6, 17), "day"),
    ("Russia attacked Dnipro overnight into Thursday, officials said.", D(2024, 6, 14), D(2024, 6, 13), "day"),
    ("The city came under attack on the night to Saturday.", D(2024, 6, 16), D(2024, 6, 15), "day"),
    # weekdays resolved against the reference date
    ("Russia fired 40 missiles at Ukraine on Tuesday.", D(2024, 6, 13), D(2024, 6, 11), "day"),
    ("Russia fired 40 missiles at Ukraine early on Monday.", D(2024, 6, 10), D(2024, 6, 10), "day"),
    ("Rescuers searched the rubble on Monday after Saturday's missile strike on Dnipro.", D(2024, 6, 10), D(2024, 6, 8), "day"),
    ("Toll from Friday's strike on Kharkiv rises to 9\n\nUpdated 26 May 2024\n\nThe toll has risen, officials said on Sunday.",
     None, D(2024, 5, 24), "day"),
    ("Explosions rocked Lviv on Sunday morning as drones hit a depot.", D(2024, 6, 16), D(2024, 6, 16), "day"),
    ("The strike, which killed four, happened on Thursday, officials said on Saturday.", D(2024, 6, 15), D(2024, 6, 13), "day"),
    # relative words
    ("Drones attacked Kyiv overnight. Debris fell in two districts.", D(2024, 6, 1), D(2024, 6, 1), "day"),
    ("This morning the enemy struck Kharkiv with missiles.", D(2024, 6, 1), D(2024, 6, 1), "day"),
    ("Last night Russia attacked the capital with drones.", D(2024, 6, 1), D(2024, 6, 1), "day"),
    ("Russia shelled the town yesterday, killing two.", D(2024, 6, 1), D(2024, 5, 31), "day"),
    ("Russia has launched 30 drones today, the Air Force says.", D(2024, 6, 1), D(2024, 6, 1), "day"),
    ("date 2024-06-01\nMissiles hit Odesa this morning.", None, D(2024, 6, 1), "day"),
    # dates of other events are ignored
    ("Drones hit Kyiv overnight.\n\nIt was the third attack this month, after strikes on June 3 and June 5.",
     D(2024, 6, 9), D(2024, 6, 9), "day"),
    ("Missiles hit Odesa early on Sunday.\n\nThe last comparable strike, on May 2, killed nine.",
     D(2024, 6, 9), D(2024, 6, 9), "day"),
    ("Drones hit Kyiv this morning.\n\nSince Feb. 24, Russia has fired thousands of missiles.",
     D(2024, 6, 9), D(2024, 6, 9), "day"),
    ("A strike hit Kharkiv this morning.\n\nAlso today.\n\nThree weeks ago, on May 19, six died in a similar attack.",
     D(2024, 6, 9), D(2024, 6, 9), "day"),
    ("A missile struck Sumy this morning.\n\nNews.\n\nWe all remember March 2023, when a strike killed 20.",
     D(2024, 6, 9), D(2024, 6, 9), "day"),
    ("Drones hit Odesa, officials said on Tuesday.", D(2024, 6, 11), D(2024, 6, 11), "day"),
    ("A missile hit a school, a week after the May 30 attack on the port.", D(2024, 6, 9), D(2024, 6, 9), "day"),
    ("Russia attacked Kyiv overnight.\n\nMore.\n\nMore.\n\nOnly yesterday, drones killed three in Sumy.",
     D(2024, 6, 9), D(2024, 6, 9), "day"),
    # year-less dates take their year from the weekday or from a year the report mentions
    ("Russia struck Kyiv early on Tuesday, Jan. 2, with ballistic missiles.", None, D(2024, 1, 2), "day"),
    ("Russia struck the grid on the night of 16 to 17 March. It was the eighth such attack in 2024.",
     None, D(2024, 3, 17), "day"),
    # nothing but a publication date
    ("date 2024-06-01\nThe enemy is attacking the region with drones. Stay in shelters.", None, D(2024, 6, 1), "day"),
    ("A missile hit a warehouse. Two people were injured.", None, None, None),
    # issue 13: a text that never says when is not dated by its publication alone (the
    # attack may be days before it); a word that says when is enough
    ("A missile hit a warehouse.", D(2024, 6, 1), None, None),
    ("A missile hit a warehouse overnight.", D(2024, 6, 1), D(2024, 6, 1), "day"),
    ("A missile hit a warehouse during the night.", D(2024, 6, 1), D(2024, 6, 1), "day"),
    # a month only
    ("The report examines strikes on hospitals in March 2024 attacks across the country.", None, D(2024, 3, 1), "month"),
]


# The day these cases are read on, for those without a publication date: what the clock
# once was. A weekday fixes a year-less date in the latest year up to it.
REFERENCE = D(2024, 6, 1)


@pytest.mark.parametrize("text,published,expected,precision", ATTACK)
def test_extract_attack_date(text, published, expected, precision):
    assert extract_attack_date(text, published, reference=REFERENCE) == (expected, precision)


@pytest.mark.parametrize("text,reference,expected", [
    # no publication date, no reference: a year the report names fixes the date, or the
    # weekday where only one of the war's first seven years (2022-2028) fits it
    ("Russia fired missiles at Kyiv on Wednesday, Feb. 7, killing three.", None, D(2024, 2, 7)),
    ("Russia fired missiles at Kyiv on Monday, Feb. 7, killing three.", None, None),  # 2022 and 2028 fit
    ("Russia fired missiles at Kyiv on Tuesday, Feb. 7, killing three.", None, D(2023, 2, 7)),
    ("Russia fired missiles at Kyiv on Thursday, March 1, killing three.", None, None),  # none fits
    ("Russia fired missiles at Kyiv on Feb. 7, killing three.", None, None),
    ("Russia fired missiles at Kyiv on Wednesday, Feb. 7, killing three. It was 2024.", None, D(2024, 2, 7)),
    ("Saturday, the first of June, twenty twenty-four. Russia launched 53 missiles on Saturday.", None,
     D(2024, 6, 1)),
    # the reference stands for the clock: the latest year up to it, never later
    ("Russia fired missiles at Kyiv on Wednesday, Feb. 7, killing three.", D(2030, 1, 1), D(2029, 2, 7)),
    ("A missile struck Sumy early on Friday, Nov. 17.", D(2024, 6, 1), D(2023, 11, 17)),
    # relative words are read against it as against a publication date
    ("Russia struck Kyiv overnight.", D(2025, 3, 9), D(2025, 3, 9)),
    ("Russia struck Kyiv overnight.", None, None),
])
def test_no_clock_a_reference_date_instead(text, reference, expected):
    """Regression: the year of "Wednesday, Feb. 7" came from date.today(), so the output
    changed with the day it ran; now it comes from the text or the reference passed in."""
    assert extract_attack_date(text, None, reference=reference)[0] == expected


def test_enough_cases():
    assert len(ATTACK) + len(PUBLISHED) >= 40


@pytest.mark.parametrize("text,expect", [
    ("From 19:00 on 27 September until the morning of 28 September, Russia attacked Ukraine "
     "with drones.", "2025-09-28"),
    ("From 18:00 on 27 September to 08:00 on 28 September the enemy attacked with 50 drones.",
     "2025-09-28"),
    ("The attack that began on the evening of September 26 and ran until dawn on September 27 "
     "was the largest this month.", "2025-09-27"),
    ("The Air Force says 90 Shaheds were launched between yesterday evening and this morning.",
     "2025-09-28"),
])
def test_overnight_window_is_dated_by_its_end(text, expect):
    """Regression: a window 'from X until the morning of Y' was dated by its start."""
    import datetime as _dt
    from strikeledger.extract.dates import extract_attack_date
    assert extract_attack_date(text, _dt.date(2025, 9, 28))[0] == _dt.date.fromisoformat(expect)


@pytest.mark.parametrize("text,expect", [
    ("Massive overnight strike Feb 2-3: 450 drones and 71 missiles.", "2026-02-03"),
    ("Russia attacked the grid overnight on 6-7 March with 67 missiles.", "2026-03-07"),
    ("What we know about Russia's March 1 strike on the power system.", "2026-03-01"),
])
def test_a_night_written_as_two_days_and_a_dated_strike(text, expect):
    """Regression: 'Feb 2-3' was dated by its first day; 'the March 1 strike' was weak."""
    import datetime as _dt
    from strikeledger.extract.dates import extract_attack_date
    assert extract_attack_date(text, _dt.date(2026, 3, 9))[0] == _dt.date.fromisoformat(expect)


def test_a_period_of_days_is_not_a_night():
    import datetime as _dt
    from strikeledger.extract.dates import extract_attack_date
    text = "Coverage period: 22-28 August. Russia struck Kyiv on 26 August with 100 drones."
    assert extract_attack_date(text, _dt.date(2026, 8, 29))[0] == _dt.date(2026, 8, 26)


@pytest.mark.parametrize("text,expect", [
    ("Sunday, 6 April 2025\n\nTwo missiles hit the town shortly before 19:00 on Saturday. "
     "By Sunday morning the toll had risen to ten.", "2025-04-05"),
    ("November 14, 2025\n\nMinisters will meet in Brussels on Monday. Overnight, drones hit Odesa.",
     "2025-11-14"),
])
def test_reporting_and_future_days_do_not_date_the_attack(text, expect):
    """Regression: 'By Sunday morning' and 'will meet ... on Monday' dated the attack."""
    import datetime as _dt
    from strikeledger.extract.dates import extract_attack_date, find_published
    assert extract_attack_date(text, find_published(text))[0] == _dt.date.fromisoformat(expect)


@pytest.mark.parametrize("text, expected", [
    ("date 2026-05-10\nOn the night of the thirteenth to the fourteenth of March, drones hit Kyiv.",
     dt.date(2026, 3, 14)),
    ("date 2024-06-03\nOn Saturday, the first of June, missiles struck Kharkiv.", dt.date(2024, 6, 1)),
    ("date 2025-02-24\nRussia attacked Odesa on the twenty-third of February, the governor said.",
     dt.date(2025, 2, 23)),
])
def test_days_written_in_words(text, expected):
    assert extract_attack_date(text, None) == (expected, "day")


def test_an_ordinal_word_without_a_month_is_no_date():
    text = "date 2024-06-02\nThe first may be the hardest. Russia attacked Sumy overnight."
    assert extract_attack_date(text, None) == (dt.date(2024, 6, 2), "day")


# --- issue 13: real published pages -------------------------------------------------------

PAGES = [
    # no header: the byline under the menus dates the page; "overnight" is its morning
    ("Skip to content\nMenu\n\nDrones hit Odesa\n\nBy Olena Marchenko\n14 February 2025, 08:35\n\n"
     "Russian drones struck Odesa overnight, injuring two people.", None, D(2025, 2, 14)),
    # a photo caption's date is the photo's, never the attack's when anything else dates it
    ("date 2025-02-14\nDrones hit Odesa\n\nFirefighters in Odesa on 3 January 2024. (Photo: Odesa RMA)\n\n"
     "Russian drones struck Odesa overnight, injuring two people.", None, D(2025, 2, 14)),
    # ... but dates a report that is dated nowhere else
    ("Drones hit Odesa\n\nRussia struck Odesa on February 13, 2025, the day before. (AP Photo/Jane Doe)\n\n"
     "Russian drones struck the port, injuring two people.", None, D(2025, 2, 13)),
    # "on Saturday night" in a Monday story: the night ends on Sunday ...
    ("date 2024-06-10\nKharkiv counts damage\n\nDrones struck the city on Saturday night, hitting homes.",
     None, D(2024, 6, 9)),
    # ... unless the text puts the strike before midnight
    ("date 2024-10-17\nToll rises\n\nThe toll from Tuesday night's strike rose to eight. The missile hit "
     "shortly before 10 p.m. on Tuesday.", None, D(2024, 10, 15)),
    # the headline dates the story; a day recalled further down is another strike
    ("date 2024-03-28\nUkraine downs 26 drones in latest overnight strikes\n\nUkraine downed 26 drones, an "
     "official said. On Wednesday Russian strikes killed three people in the south.", None, D(2024, 3, 28)),
    # a feature that recalls the start of the war and an earlier night is dated by its own day
    ("date 2024-02-26\nTwo years on\n\nSince February 24, 2022, Russia has launched thousands of drones. The "
     "deadliest night came on 29 December 2023. The latest strike came early on Monday, when a drone hit Odesa.",
     None, D(2024, 2, 26)),
]


@pytest.mark.parametrize("text,reference,expected", PAGES, ids=[t.split("\n")[0][:30] for t, _, _ in PAGES])
def test_real_page_patterns_date_the_attack(text, reference, expected):
    from strikeledger.extract.pipeline import extract_record
    from strikeledger.model import Report
    assert extract_record(Report(report_id="p", text=text), reference=reference).attack.date == expected


# --- Ukrainian and Russian (issue 14): our own sentences ---------------------------------

@pytest.mark.parametrize("text, want", [
    ("У ніч на 28 вересня противник атакував Київ ударними БпЛА.", dt.date(2025, 9, 28)),
    ("В ночь на 27 сентября враг атаковал Одессу дронами.", dt.date(2025, 9, 27)),
    ("Уночі ворог атакував Харків.", dt.date(2025, 9, 30)),
    ("Минулої доби росіяни обстріляли Херсон.", dt.date(2025, 9, 30)),
    ("Вчора ввечері ворог завдав удару по Сумах.", dt.date(2025, 9, 29)),
    ("Ночью враг атаковал Днепр.", dt.date(2025, 9, 30)),
])
def test_ukrainian_and_russian_date_words(text, want):
    assert extract_attack_date(text, dt.date(2025, 9, 30)) == (want, "day")


def test_a_ukrainian_report_that_never_says_when_is_undated():
    assert extract_attack_date("Ворог атакував Харків дронами.", dt.date(2025, 9, 30)) == (None, None)
