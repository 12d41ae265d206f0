"""Synthetic attack reports for the benchmark, generated lazily from templates.

`reports(n, seed)` yields n dicts {"id", "text", "published"}; report i depends only on
(seed, i), so any prefix of a corpus is the same whatever n is, and nothing is held in
memory beyond the current report. Seven styles (Air Force summary, governor post, mayor
post, emergency-service release, police release, wire story, live blog) are filled from
small vocabularies and padded with context paragraphs, so lengths run from a few dozen to
well over a thousand words. The texts are invented: they imitate the language of such
reports (qualifiers, number words, ages, floors, times, earlier attacks, period totals)
without copying any real or evaluation report.
"""
from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

CITIES = [
    ("Kyiv", "Kyiv"), ("Kharkiv", "Kharkiv"), ("Odesa", "Odesa"), ("Dnipro", "Dnipropetrovsk"),
    ("Zaporizhzhia", "Zaporizhzhia"), ("Lviv", "Lviv"), ("Sumy", "Sumy"),
    ("Kryvyi Rih", "Dnipropetrovsk"), ("Mykolaiv", "Mykolaiv"), ("Poltava", "Poltava"),
    ("Chernihiv", "Chernihiv"), ("Vinnytsia", "Vinnytsia"), ("Kherson", "Kherson"),
    ("Ternopil", "Ternopil"), ("Rivne", "Rivne"), ("Khmelnytskyi", "Khmelnytskyi"),
    ("Cherkasy", "Cherkasy"), ("Zhytomyr", "Zhytomyr"), ("Lutsk", "Volyn"),
    ("Ivano-Frankivsk", "Ivano-Frankivsk"), ("Kremenchuk", "Poltava"), ("Bila Tserkva", "Kyiv"),
]
GOVERNORS = ["Oleh Marchenko", "Iryna Kovalenko", "Taras Bondar", "Andrii Melnyk",
             "Natalia Savchenko", "Serhii Tkachenko", "Maksym Lysenko", "Olena Hrytsenko"]
MAYORS = ["Vitalii Demchenko", "Ihor Rudenko", "Halyna Shevchuk", "Pavlo Kravets"]
RESCUE = ["the State Emergency Service", "rescuers", "the regional emergency service"]
WIRES = ["Reuters", "AP", "AFP"]
DRONES = ["Shahed", "Shahed-136", "Geran-2", "attack", "strike", "kamikaze"]
MISSILES = [("Kh-101", "cruise"), ("Kalibr", "cruise"), ("Iskander-M", "ballistic"),
            ("Kinzhal", "aeroballistic"), ("Kh-22", "cruise"), ("Kh-59", "guided"),
            ("Iskander-K", "cruise"), ("KN-23", "ballistic")]
TARGETS = ["an apartment building", "a private house", "a school", "a kindergarten",
           "a hospital", "an energy facility", "a substation", "a warehouse", "a grain terminal",
           "a railway depot", "a shopping centre", "a church", "an administrative building",
           "a water pumping station", "a boiler house", "a bread factory", "a petrol station",
           "a high-rise", "several garages", "a power line", "a dormitory", "a sports hall"]
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve"]
QUALIFIERS = ["", "", "", "at least ", "more than ", "over ", "nearly ", "about ",
              "some ", "up to ", "almost ", "no fewer than ", "around "]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

CONTEXT = [
    "Power was cut to {big} households in the region; engineers expect to restore supply by the evening.",
    "The attack came {n} days after a similar strike on the same district, which killed {small} people last week.",
    "Russia has launched over {big} drones at Ukraine since the start of the month, according to official tallies.",
    "A {floors}-storey building was partly destroyed, and rescuers worked through the night at {clock} to clear rubble.",
    "Residents spent hours in shelters and metro stations as the air raid alert lasted {small} hours.",
    "Foreign ministers of several European countries condemned the strike and called for more air defence systems.",
    "The Russian defence ministry claimed its forces had shot down {big} Ukrainian drones over Russian regions.",
    "Schools in the city switched to remote learning for the rest of the week, the local education department said.",
    "The region has been hit almost every night this {month}, with energy infrastructure a frequent target.",
    "Volunteers handed out water and hot food near the damaged buildings, and psychologists were on site.",
    "Trains on the {city} line ran with delays of up to {small} hours because of damage to the overhead wires.",
    "Officials urged residents to charge power banks and keep water supplies as further strikes were expected.",
    "Debris fell on {n} districts of the city; in one of them a fire broke out on the {floors}th floor of a residential tower.",
    "The strike was the {nth} on the city this {month}, officials said, and repairs to earlier damage were still under way.",
    "Ukraine's partners have pledged new deliveries of interceptor missiles, though officials say supplies remain short.",
    "A {age}-year-old woman who lives nearby said the blast shattered every window on her street at {clock}.",
]


def _num(rng: random.Random, lo: int, hi: int, words: float = 0.2) -> str:
    n = rng.randint(lo, hi)
    if n <= 12 and rng.random() < words:
        return NUMBER_WORDS[n - 1]
    return f"{n:,}" if n >= 1000 and rng.random() < 0.7 else str(n)


def _article(age: int) -> str:
    return f"An {age}" if age in (8, 11, 18) or 80 <= age <= 89 else f"A {age}"


def _q(rng: random.Random) -> str:
    return rng.choice(QUALIFIERS)


def _context(rng: random.Random, city: str, date: dt.date, k: int) -> list[str]:
    out = []
    for _ in range(k):
        sentences = rng.sample(CONTEXT, rng.randint(2, 4))
        out.append(" ".join(s.format(
            big=_num(rng, 200, 60000, 0), small=_num(rng, 2, 12), n=rng.randint(2, 9),
            floors=rng.randint(5, 25), clock=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
            month=MONTHS[date.month - 1], city=city, nth=f"{rng.randint(4, 19)}th",
            age=rng.randint(19, 88)) for s in sentences))
    return out


def _casualties(rng: random.Random, city: str) -> str:
    choices = [
        f"{_q(rng)}{_num(rng, 1, 40)} people were killed and {_q(rng)}{_num(rng, 2, 90)} injured in {city}.",
        f"{_article(rng.randint(18, 90))}-year-old man was killed in {city}, and {_num(rng, 2, 12)} other people were wounded.",
        f"The death toll in {city} rose to {_num(rng, 2, 30)}, including a {rng.randint(2, 16)}-year-old girl.",
        f"In {city}, {_q(rng)}{_num(rng, 2, 60)} people were injured, among them {_num(rng, 2, 6)} children.",
        f"{_num(rng, 2, 9).capitalize()} people were hospitalised in {city}; one of them is in serious condition.",
        f"No casualties were reported in {city}, but {rng.choice(TARGETS)} was damaged.",
        f"Dozens of people were injured in {city}, and several were killed, local officials said.",
        f"Two people died and {_num(rng, 3, 25)} were wounded when {rng.choice(TARGETS)} was hit in {city}.",
    ]
    s = rng.choice(choices)
    return s[0].upper() + s[1:]


def _damage(rng: random.Random, city: str) -> str:
    a, b = rng.sample(TARGETS, 2)
    return rng.choice([
        f"In {city}, {a} and {b} were damaged.",
        f"Debris hit {a} in {city}; {b} caught fire.",
        f"The strike destroyed {a} and damaged {b} on the outskirts of {city}.",
        f"Fires broke out at {a} in {city}, and windows were blown out in {b} nearby.",
    ])


def _launch(rng: random.Random) -> tuple[str, str]:
    d = _num(rng, 20, 800, 0)
    m = _num(rng, 2, 60)
    (mname, mtype), (m2, _) = rng.sample(MISSILES, 2)
    dr = rng.choice(DRONES)
    launched = rng.choice([
        f"Russia attacked Ukraine overnight with {_q(rng)}{d} {dr} drones and {_q(rng)}{m} missiles, including {mname} {mtype} missiles.",
        f"The enemy launched {d} {dr} drones and {m} {mname} and {m2} missiles.",
        f"In total, {_q(rng)}{d} drones and {m} missiles of various types were launched at Ukraine.",
        f"Russian forces fired {m} {mname} missiles and sent {d} {dr} UAVs against the country's energy system.",
    ])
    downed = rng.choice([
        f"Air defence shot down {_num(rng, 10, 700, 0)} drones and {_num(rng, 1, 50)} missiles.",
        f"{_num(rng, 10, 700, 0)} UAVs were shot down or suppressed, and {_num(rng, 1, 40)} were lost locationally.",
        f"Air defence neutralised {_q(rng)}{_num(rng, 10, 700, 0)} targets, the Air Force said.",
        f"{_num(rng, 1, 40).capitalize()} of the missiles were intercepted; the rest hit their targets.",
    ])
    return launched, downed


def _airforce(rng, date, city, oblast):
    launched, downed = _launch(rng)
    start = f"{rng.randint(18, 23)}:00"
    lines = [f"On the night of {date.day - 1 if date.day > 1 else date.day} {MONTHS[date.month - 1]}, "
             f"from {start}, the enemy attacked with strike UAVs and missiles.",
             launched, downed,
             f"Hits were recorded at {_num(rng, 2, 20)} locations, and debris fell at {_num(rng, 2, 12)} more.",
             f"The main direction of the strike was {city} and {oblast} region."]
    return "\n\n".join(lines), 0


def _governor(rng, date, city, oblast):
    name = rng.choice(GOVERNORS)
    parts = [f"{name}:" if rng.random() < 0.5 else f"Head of the {oblast} regional military administration {name} reported:",
             f"The enemy attacked {city} with drones {rng.choice(['overnight', 'this morning', 'in the evening'])}.",
             _damage(rng, city), _casualties(rng, city)]
    if rng.random() < 0.5:
        parts.append(f"UPD {rng.randint(8, 20)}:{rng.randint(0, 59):02d}. {_casualties(rng, city)}")
    return "\n\n".join(parts), 1


def _mayor(rng, date, city, oblast):
    name = rng.choice(MAYORS)
    return "\n\n".join([
        f"Mayor {name} wrote on Telegram that explosions were heard in {city} at {rng.randint(0, 5):02d}:{rng.randint(0, 59):02d}.",
        _damage(rng, city), _casualties(rng, city),
        "Emergency services are working at all sites, and more information will follow."]), 1


def _ses(rng, date, city, oblast):
    return "\n\n".join([
        f"{rng.choice(RESCUE).capitalize()} reported that after the night attack on {city} fires broke out at {_num(rng, 2, 9)} locations.",
        _damage(rng, city),
        f"{_num(rng, 20, 180, 0)} rescuers and {_num(rng, 4, 40, 0)} units of equipment were involved. {_casualties(rng, city)}",
        f"Pyrotechnicians checked {_num(rng, 2, 15)} hectares for unexploded ordnance."]), 1


def _police(rng, date, city, oblast):
    return "\n\n".join([
        f"The National Police in {oblast} region said investigators were documenting the consequences of the strike on {city}.",
        _casualties(rng, city), _damage(rng, city),
        "Criminal proceedings were opened under the article on violations of the laws and customs of war."]), 1


def _wire(rng, date, city, oblast):
    wire = rng.choice(WIRES)
    launched, downed = _launch(rng)
    day = WEEKDAYS[date.weekday()]
    official = rng.choice(GOVERNORS)
    paras = [
        f"KYIV, Ukraine ({wire}) — {launched[0].upper() + launched[1:]} Officials said the barrage targeted {city} and other cities early {day}.",
        f"{_casualties(rng, city)} {_damage(rng, city)}",
        f"Ukraine's Air Force said {downed[0].lower() + downed[1:]}",
        f"\"{_casualties(rng, city)}\" regional governor {official} said on Telegram.",
    ]
    return "\n\n".join(paras), 2


def _liveblog(rng, date, city, oblast):
    entries = []
    minutes = sorted(rng.sample(range(6 * 60, 22 * 60), rng.randint(3, 8)), reverse=True)
    for m in minutes:
        c = rng.choice(CITIES)[0] if rng.random() < 0.4 else city
        body = rng.choice([_casualties, _damage])(rng, c)
        entries.append(f"{m // 60:02d}:{m % 60:02d} {body}")
    launched, downed = _launch(rng)
    entries.append(f"{minutes[-1] // 60 - 1:02d}:00 {launched} {downed}")
    return "\n\n".join(entries), 1


STYLES = [("airforce", _airforce), ("governor", _governor), ("mayor", _mayor), ("ses", _ses),
          ("police", _police), ("wire", _wire), ("liveblog", _liveblog)]


def report(i: int, seed: int = 7) -> dict:
    """The i-th synthetic report of corpus `seed`."""
    rng = random.Random(seed * 1_000_003 + i)
    style, make = STYLES[rng.randrange(len(STYLES))]
    date = dt.date(2022, 10, 1) + dt.timedelta(days=rng.randrange(1200))
    city, oblast = rng.choice(CITIES)
    body, context_weight = make(rng, date, city, oblast)
    # Length: most reports are short; a tail of long ones (explainers, live blogs).
    k = min(int(rng.expovariate(0.6) * (1 + context_weight)), 24)
    paras = [body] + _context(rng, city, date, k)
    text = "\n\n".join(paras)
    published = date + dt.timedelta(days=rng.choice([0, 0, 0, 1]))
    if rng.random() < 0.3:
        text = f"date {published.isoformat()}\n{text}"
    return {"id": f"bench-{seed}-{i:07d}-{style}", "text": text + "\n",
            "published": published.isoformat()}


def reports(n: int, seed: int = 7, start: int = 0) -> Iterator[dict]:
    """Reports start .. start+n-1 of corpus `seed`, one at a time."""
    for i in range(start, start + n):
        yield report(i, seed)
