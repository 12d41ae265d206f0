"""Language of a report (CONTRACT.md v1.1 `language`), on reports we wrote ourselves."""
import pytest

from strikeledger.extract.language import SAMPLE, detect_language
from strikeledger.extract.pipeline import extract_record
from strikeledger.model import Report

UK = ("Уночі ворог запустив по області дев'ять ударних дронів. Сили оборони знешкодили "
      "сім із них, повідомив голова обласної військової адміністрації.")
RU = ("Ночью враг запустил по области девять ударных дронов. Силы обороны уничтожили "
      "семь из них, сообщил глава областной военной администрации.")
EN = "Overnight the enemy launched nine attack drones at the region; seven were shot down."


@pytest.mark.parametrize("text, lang", [(UK, "uk"), (RU, "ru"), (EN, "en")])
def test_each_language_is_told_apart(text, lang):
    assert detect_language(text) == lang


def test_an_english_report_quoting_a_cyrillic_name_stays_english():
    text = EN + " The post on Telegram was signed «Сергій Лисак», the regional head. " + EN
    assert detect_language(text) == "en"


def test_no_letters_no_language():
    assert detect_language("12 345 — 07:30") is None


def test_only_the_start_is_read():
    # a long Ukrainian report with an English appendix past the sample stays Ukrainian
    text = (UK + " ") * (SAMPLE // len(UK) + 1) + EN * 50
    assert detect_language(text) == "uk"


@pytest.mark.parametrize("text, lang", [(UK, "uk"), (RU, "ru"), (EN, "en")])
def test_every_record_has_its_language(text, lang):
    record = extract_record(Report(report_id="r", text=text))
    assert record.language == lang
    assert '"language": "%s"' % lang in record.to_json() or f'"language":"{lang}"' in record.to_json()


def test_the_vocabulary_folder_is_the_language_where_the_package_has_one():
    from strikeledger.data import LANGUAGES
    from strikeledger.extract.document import Document
    from strikeledger.extract.language import read_language

    for text, lang in [(UK, "uk"), (RU, "ru"), (EN, "en")]:
        doc = Document(text=text)
        read_language(doc)
        assert doc.language == lang
        assert doc.lang == (lang if lang in LANGUAGES else "en")
