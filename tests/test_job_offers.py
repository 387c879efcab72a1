"""The job-offer checker: the contract's risk rule, each flag in several languages, honest ads."""
import pytest
from hypothesis import given, settings, strategies as st

from actions.job_offer_signals import contacts, country_of, pay_amounts
from actions.job_offers import FLAGS, STRONG, WEAK, check_job_offer, risk_of

HONEST = {
    "en": ("Nordfisk AS (org. no. 912 345 678), Fiskeveien 12, 6003 Ålesund, Norway, is hiring fish "
           "processing workers. Pay according to the collective agreement, 210 NOK per hour. Written "
           "employment contract before departure. No fees for candidates. Apply at www.nordfisk.example.no"),
    "pl": ("Firma Budmax Sp. z o.o., KRS 0000123456, ul. Długa 5, 00-001 Warszawa, zatrudni murarzy. "
           "Umowa o pracę przed wyjazdem, wynagrodzenie 32 zł brutto za godzinę. Nie pobieramy żadnych opłat. "
           "Kontakt: praca@budmax.example.pl"),
    "de": ("Die Gartenbau Schulz GmbH, HRB 12345, Hauptstraße 4, 26121 Oldenburg, sucht Erntehelfer. "
           "Mindestlohn 13,90 € pro Stunde, schriftlicher Arbeitsvertrag vor Arbeitsbeginn, keine "
           "Vermittlungsgebühren. Bewerbung über www.schulz-gartenbau.example.de"),
}


@pytest.mark.parametrize("flags, risk", [
    (set(), "low"), ({"urgency_pressure"}, "medium"), ({"urgency_pressure", "messenger_only"}, "medium"),
    ({"urgency_pressure", "messenger_only", "vague_employer"}, "high"), ({"recruitment_fee"}, "high"),
])
def test_the_risk_rule_of_the_contract(flags, risk):
    assert risk_of(frozenset(flags)) == risk


def test_the_flags_are_exactly_those_of_the_contract():
    assert len(STRONG) == 6 and len(WEAK) == 7 and FLAGS == STRONG | WEAK


@pytest.mark.parametrize("language", sorted(HONEST))
def test_an_honest_ad_is_low_risk_and_its_good_signs_are_seen(language):
    report = check_job_offer(HONEST[language], language)
    assert report.risk == "low", report.flags
    assert "registered_company" in report.reassuring


@pytest.mark.parametrize("flag, text", [
    ("recruitment_fee", "Great job in Norway! Registration fee 250 EUR, pay to our agent before the start."),
    ("recruitment_fee", "Praca w Holandii. Opłata rekrutacyjna 500 zł płatna przed wyjazdem."),
    ("recruitment_fee", "Arbeit in Deutschland. Vermittlungsgebühr 300 Euro, zahlbar vorab."),
    ("recruitment_fee", "Работа в Финляндии. Оплата за оформление 200 евро."),
    ("advance_payment", "Before you travel you must pay 150 EUR for the visa and 80 EUR for the medical check."),
    ("advance_payment", "Trebuie să plătiți 200 de euro pentru viză înainte de plecare."),
    ("document_retention", "The employer will keep your passport during the contract for safety."),
    ("document_retention", "Paszport zostaje u pracodawcy na czas pracy."),
    ("travel_debt", "We pay your ticket to Norway, the cost is deducted from your first salary."),
    ("travel_debt", "Bilet opłacamy my, koszt potrącamy z pierwszej wypłaty."),
    ("irregular_status", "You can come on a tourist visa, papers later. Cash in hand every week."),
    ("irregular_status", "Praca na czarno, bez papierów, płatne do ręki."),
    ("sexualised_job", "Hostess wanted for a night club, young pretty girls 18-25, send full body photos."),
    ("sexualised_job", "Ищем девушек в массажный салон, отправьте фото в купальнике."),
    ("no_written_contract", "Contract will be signed on arrival. Just come, everything is agreed by phone."),
    ("housing_deduction", "Accommodation provided by the employer, rent deducted from salary."),
    ("urgency_pressure", "Departure tomorrow! Only 3 places left, decide today."),
    ("documents_upfront", "To apply, send a photo of your passport and ID card on WhatsApp."),
])
def test_each_flag_is_found_in_plain_words(flag, text):
    assert flag in check_job_offer(text).flags


@pytest.mark.parametrize("text", [
    "We never charge candidates any fee. Recruitment is free of charge.",
    "Nie pobieramy żadnych opłat od kandydatów.",
    "Your passport stays with you at all times.",
])
def test_saying_there_is_no_fee_or_that_papers_stay_with_you_is_not_a_warning(text):
    flags = check_job_offer(text).flags
    assert not flags & {"recruitment_fee", "advance_payment", "document_retention"}


@pytest.mark.parametrize("text, fees", [
    # The fee for the job, due before departure, is one warning: a recruitment fee.
    ("Registration fee 250 EUR to secure your place, pay before departure.", {"recruitment_fee"}),
    ("Opłata rekrutacyjna 1500 zł - płatna przed wyjazdem na konto.", {"recruitment_fee"}),
    ("Registreringsavgift 3000 kr.\nMå betales før avreise.", {"recruitment_fee"}),
    # Money up front for named things is an advance payment.
    ("Before the trip you pay 300 EUR for the visa and the medical check.", {"advance_payment"}),
    ("Uz medicinisko apskati un darba drebem jasamaksa 150 EUR pirms izbrauksanas.", {"advance_payment"}),
    # A package fee that includes the visa asks for both.
    ("Phí trọn gói 9.500$ (đã gồm visa, vé máy bay).", {"recruitment_fee", "advance_payment"}),
])
def test_a_payment_is_named_by_what_it_is_for(text, fees):
    assert check_job_offer(text).flags & {"recruitment_fee", "advance_payment"} == fees


def test_pay_far_above_the_going_rate_is_unrealistic():
    report = check_job_offer("Berry picking in Finland, 6 500 EUR per month, no experience needed, no language needed.")
    assert "unrealistic_pay" in report.flags and report.pay.ratio > 1.8


def test_normal_pay_is_not_unrealistic():
    report = check_job_offer("Berry picking in Finland, 12 EUR per hour, accommodation free.")
    assert "unrealistic_pay" not in report.flags


def test_contact_only_by_messenger_and_no_employer():
    report = check_job_offer("Work in Germany, good money. Write on WhatsApp +48 600 000 000")
    assert {"messenger_only", "vague_employer"} <= report.flags
    assert report.risk == "medium"


@pytest.mark.parametrize("text", [
    "CleanTeam Nord (Valby) søger 8 rengøringsassistenter. Skriv på Messenger.",
    "EuroWork Solutions is hiring 20 people for a warehouse. WhatsApp +48 600 000 000",
    "Bygg & Montasje Nord, Lillestrøm trenger 10 mann. Kun SMS +47 400 00 000",
    "Агенція праці «ЄвроСтарт». Пишіть у Viber +380 50 000 0000",
    "Aģentūra EuroDarbs (Jelgava) – alga 14,50 €/h. WhatsApp +371 20 000 000",
])
def test_a_company_named_without_its_legal_form_is_not_a_vague_employer(text):
    assert "vague_employer" not in check_job_offer(text).flags


@pytest.mark.parametrize("text", [
    "We are hiring! Work in Norway, good money. WhatsApp +48 600 000 000",
    "Neues Massage-Studio in Frankfurt sucht junge Damen. Telegram @studio",
    "Firma szuka pracowników do Holandii. Tylko SMS +48 600 000 000",
    "WORK IN SWEDEN HIRING NOW, write on Telegram",
])
def test_a_pronoun_a_city_or_a_shout_names_no_employer(text):
    assert "vague_employer" in check_job_offer(text).flags


def test_an_email_address_next_to_a_phone_is_not_messenger_only():
    # CONTRACTS.md: messenger_only is a messenger app or a personal phone and nothing else.
    report = check_job_offer("Praca w Holandii, Firma Tulp B.V. Zgłoszenia: tulp.praca@gmail.com, tel. +48 600 000 000")
    assert "messenger_only" not in report.flags


def test_a_company_site_next_to_a_phone_is_not_messenger_only():
    info = contacts("Call +47 400 00 000 or write to jobs@nordfisk.example.no")
    assert info.phone and info.company_web


@pytest.mark.parametrize("text, amount, currency, period", [
    ("Lønn 250 kr/time", 250, "NOK", "hour"), ("5 000 € miesięcznie", 5000, "EUR", "month"),
    ("18,50 EUR/h", 18.5, "EUR", "hour"), ("od 20 do 25 zł/godz", 25, "PLN", "hour"),
    ("2.800,00 € brutto/Monat", 2800, "EUR", "month"), ("зарплата 2500 евро в месяц", 2500, "EUR", "month"),
    # the period as people inflect it
    ("Du tjener 1.500 € om ugen", 1500, "EUR", "week"), ("1200 EUR tygodniowo", 1200, "EUR", "week"),
    ("90 € pro Tag, täglich bezahlt", 90, "EUR", "day"), ("3000 EUR mēnesī", 3000, "EUR", "month"),
    # a night's pay, as hostess and dancer ads give it, is a day's pay and not a month's
    ("300 € per night", 300, "EUR", "day"), ("200 lei pe NOAPTE", 200, "RON", "day"),
    # the first period word is the pay's; an evening bonus after it is not
    ("alates 29 800 SEK kuus + õhtu- ja nädalavahetuse lisad", 29800, "SEK", "month"),
])
def test_pay_is_read_in_local_formats(text, amount, currency, period):
    [pay] = pay_amounts(text, "NO")
    assert (pay.amount, pay.currency, pay.period) == (amount, currency, period)


@pytest.mark.parametrize("text, country", [
    ("Praca w Norwegii, Bergen", "NO"), ("Работа в Германии", "DE"), ("عمل في ألمانيا", "DE"),
    ("Darbs Somijā", "FI"), ("Jobb i Sverige", "SE"), ("Nothing about a place", None),
])
def test_the_country_of_the_job_is_read_in_any_language(text, country):
    assert country_of(text) == country


def test_a_short_cry_for_help_is_not_taken_for_an_ad():
    assert not check_job_offer("help me they are hitting me").looks_like_ad


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gets_a_valid_report(text):
    report = check_job_offer(text)
    assert report.risk in ("low", "medium", "high") and report.flags <= FLAGS


def test_very_long_text_is_cut_at_the_limit():
    assert check_job_offer("word " * 2000).truncated
