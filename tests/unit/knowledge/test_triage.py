"""Symptom triage as tables: everyday words, slang and typos for each level,
general questions that must go to the FAQ (None), the day parser, the
max_day rule, negation per clause, and the loader's checks.

A missed warning sign is the worst failure, so the emergency/urgent table is
the longest; the non-report table guards the other side (FAQ questions must
not be answered with "contact your clinic today").
"""


import pytest
import yaml

from knowledge.triage import (
    EMERGENCY,
    EXPECTED,
    TRIAGE_FILE,
    UNCLEAR,
    URGENT,
    Triage,
    TriageError,
    answer,
    day_in_text,
    load_triage_rules,
    triage,
)


@pytest.fixture(scope="module")
def rules():
    return load_triage_rules()


def _cases(table):
    """(text, expected) pairs with the text as the test id."""
    return pytest.mark.parametrize("text,level", table, ids=[text for text, _ in table])


EMERGENCY_CASES = [
    ("thinking about getting it but right now my throat feels tight", EMERGENCY),
    ("struggling to get a breath in since this morning", EMERGENCY),
    ("feels like my windpipe is being squeezed", EMERGENCY),
    ("swallowing is getting harder and harder", EMERGENCY),
    ("my voice is hoarse and my throat feels thick", EMERGENCY),
    ("tongue feels too big for my mouth", EMERGENCY),
    ("woke up with my eyes puffed into slits", EMERGENCY),
    ("can't open my left eye, it's so puffy", EMERGENCY),
    ("my lips have blown up since this morning", EMERGENCY),
    ("my eyes are so swollen that they've nearly closed", EMERGENCY),
    ("Lips swollen and hard to breathe", EMERGENCY),
    ("lips swelling up fast pls help", EMERGENCY),
    ("cant breathe", EMERGENCY),
    ("i cant breath properly since the treatment", EMERGENCY),
    ("throat tight", EMERGENCY),
    ("my throat feels tight and weird", EMERGENCY),
    ("throat is closing up", EMERGENCY),
    ("passed out in the bathroom", EMERGENCY),
    ("my friend fainted after her session", EMERGENCY),
    ("feel like im going to faint", EMERGENCY),
    ("eyes swollen shut", EMERGENCY),
    ("my eyes are so swolen i cant open them", EMERGENCY),
    ("can't open my eyes this morning, face is huge", EMERGENCY),
    ("tongue feels swollen and thick", EMERGENCY),
    ("swollen lips and hives all over", EMERGENCY),
    ("struggling to breathe and my face is red", EMERGENCY),
    ("short of breath and dizzy", EMERGENCY),
    ("she collapsed", EMERGENCY),
    ("blacked out for a sec", EMERGENCY),
    ("wheezing since the treatment, chest tight", EMERGENCY),
    ("hard to swallow, throat puffy", EMERGENCY),
    ("no pus, but my lips are swelling", EMERGENCY),
    ("day 1 redness is fine but I'm having trouble breathing", EMERGENCY),
    ("i can hardly breath", EMERGENCY),
    ("tounge swelling", EMERGENCY),
    ("passed oot", EMERGENCY),
    ("feel like im going to faint", EMERGENCY),
]

URGENT_CASES = [
    # the words a product or a workout borrows must not hide the real thing
    ("my face is dripping clear fluid", URGENT),
    ("i feel so ill today", URGENT),
    ("got a gel for my spots that came up after the treatment", URGENT),
    ("green stuff on my cheek", URGENT),
    ("itchy blotches keep popping up on my cheeks", URGENT),
    ("the red is on my neck now too", URGENT),
    ("temperature reading 38.4 this morning", URGENT),
    ("feel all fluey since the treatment", URGENT),
    ("the glands in my neck feel swollen", URGENT),
    ("pounding pain in my cheek", URGENT),
    ("in agony tonight, my forehead", URGENT),
    ("little bubbles have come up on my cheek", URGENT),
    ("the skin looks soggy where the needles went", URGENT),
    ("my face keeps getting wet with clear sticky stuff", URGENT),
    ("the red has gone past the pen line i drew", URGENT),
    # no article describes swelling as normal healing: the clinic judges it
    ("a bit puffy the day after", URGENT),
    ("slightly swollen today", URGENT),
    ("swollen on day 2", URGENT),
    ("little bit swollen on day 0", URGENT),
    ("green stuff coming out of the little holes", URGENT),
    ("yellow crusty bits that smell", URGENT),
    ("white spots with stuff in them where the needles went", URGENT),
    ("weeping", URGENT),
    ("it's leaking clear stuff", URGENT),
    ("theres gunk on my cheeks", URGENT),
    ("some goo on my chin", URGENT),
    ("crusting and oozing days later", URGENT),
    ("burning up tonight", URGENT),
    ("shivery and achy", URGENT),
    ("hot to touch and swollen", URGENT),
    ("throbbing and paracetamol doesn't help", URGENT),
    ("ibuprofen isnt helping the pain at all", URGENT),
    ("red patch getting bigger every day", URGENT),
    ("bumps and welts everywhere", URGENT),
    ("itchy rash spreading down my neck", URGENT),
    ("I've got blisters on my forehead", URGENT),
    ("blistres on day 2", URGENT),
    ("pus coming out", URGENT),
    ("there's puss on my cheek", URGENT),
    ("I have a feaver", URGENT),
    ("running a temperature since last night", URGENT),
    ("temp is 38.4", URGENT),
    ("I have a temperature of 38.5", URGENT),
    ("39 degrees and chills", URGENT),
    ("think i have an infektion", URGENT),
    ("my face looks infected", URGENT),
    ("a bit of yellow in the holes", URGENT),
    ("red and hot and swollen", URGENT),
    ("no pus but it smells bad", URGENT),
    ("not sure if it's pus or just serum", URGENT),
    ("pain is unbearable", URGENT),
    ("the pain is killing me", URGENT),
    ("severe pain on my forehead", URGENT),
    ("red streaks going down my neck", URGENT),
    ("the redness is spreading to my neck", URGENT),
    ("redness getting worse on day 4", URGENT),
    ("still swollen on day 5", URGENT),
    ("still red after a week", URGENT),
    ("still red after 10 days", URGENT),
    ("still peeling after 2 weeks", URGENT),
    ("it's getting worse every day", URGENT),
    ("my face is more red than yesterday", URGENT),
    ("bleeding again on day 3", URGENT),
    ("feel really sick and dizzy", URGENT),
    ("massively swollen", URGENT),
    ("face swelling up fast", URGENT),
    ("no fever, but there's yellow crust", URGENT),
    ("not hot, not swollen, but oozing a bit", URGENT),
    ("yellow crust on day 2, no fever though", URGENT),
    ("my cheeks are weepy and crusty", URGENT),
    ("little white heads everywhere", URGENT),
    ("stinks", URGENT),
    ("breaking out in pimples everywhere", URGENT),
    ("is this pus?", URGENT),
    ("pus. is that normal?", URGENT),
    ("redness won't go away", URGENT),
    ("got a bit of a fever, can I still go to work?", URGENT),
    ("hives!!", URGENT),
    ("its swolllen and HOT", URGENT),
    ("the swelling is getting bigger, day 1", URGENT),
    ("allergic reaction to the serum i think", URGENT),
    ("rash on my face since yesterday", URGENT),
    ("shaking all over and sweaty", URGENT),
    ("day 3 and my face is still really red", URGENT),
    ("i dont think its infected but theres green stuff", URGENT),
    ("it's oozing yellow stuff", URGENT),
    ("nothing helps the throbbing", URGENT),
    ("face is weaping", URGENT),
    ("My face is burning like crazy", URGENT),
    ("fiver and chils", URGENT),
    ("my pores are leaking clear fluid", URGENT),
    ("cheeks hot and puffy", URGENT),
    ("what do i do pus coming out", URGENT),
    ("pus comes out if i squeeze", URGENT),
    ("I'm scared it's infected", URGENT),
    ("the pain is 8/10", URGENT),
    ("can't sleep because of the pain", URGENT),
    ("hi, had microneedling 4 days ago and my skin is still quite red and now there's some yellow crust, "
     "should I be worried?", URGENT),
]

EXPECTED_CASES = [
    ("some tightness around my mouth on day 1", EXPECTED),
    ("tingly and warm after my treatment", EXPECTED),
    ("is a bit of redness normal the day after?", EXPECTED),
    ("feels windburnt on day 1", EXPECTED),
    ("only a faint pink left this morning", EXPECTED),
    ("a bit tingly", EXPECTED),
    ("pink and a bit sensitive on day 1", EXPECTED),
    ("looks sunburned a few hours after", EXPECTED),
    ("tight and dry", EXPECTED),
    ("flaky on day 3", EXPECTED),
    ("peeling a little", EXPECTED),
    ("stings a bit when I put cream on", EXPECTED),
    ("feels warm", EXPECTED),
    ("no pus and no fever, just a bit red the day after, is that fine?", EXPECTED),
    ("my face is red, is that normal?", EXPECTED),
    ("day 2 and still pink, ok?", EXPECTED),
    ("its peeling, can i exfoliate?", EXPECTED),
    ("my skin is red like a sunburn", EXPECTED),
    ("face is really pink today", EXPECTED),
    ("bit red and sore this morning", EXPECTED),
    ("my skin feels tight", EXPECTED),
    ("skin is super dry and flaky", EXPECTED),
    ("it's a little sensitive to touch", EXPECTED),
    ("my face is sensative", EXPECTED),
    ("slight stinging when I wash", EXPECTED),
    ("cheeks feel warm", EXPECTED),
    ("peeling on day 4", EXPECTED),
    ("still a bit pink on day 2", EXPECTED),
    ("red, not hot, not spreading, no pus", EXPECTED),
    ("had it yesterday and I'm red", EXPECTED),
    ("redness isn't spreading, just pink", EXPECTED),
    ("no fever or anything, just dry", EXPECTED),
    ("without a fever, only a bit of redness", EXPECTED),
    ("my skin is flaking, is that normal?", EXPECTED),
    ("its rough and dry 2 days later", EXPECTED),
    ("red and hot like sunburn", EXPECTED),
    ("i look like a tomato lol", EXPECTED),
    ("still red but getting better", EXPECTED),
    ("redness has gone down a lot, a bit dry", EXPECTED),
    ("face feels hot and tight a few hours after", EXPECTED),
    ("my forehead is peeling a bit", EXPECTED),
    ("skin feels raw and sensitive", EXPECTED),
    ("I'm red but no swelling", EXPECTED),
    ("it hurts a little when I touch it", EXPECTED),
    ("a bit sore on day 1, no pus", EXPECTED),
    ("not throbbing, just tender", EXPECTED),
    ("Had the procedure today. Face is a bit red and tight, feels like a sunburn. Normal?", EXPECTED),
    ("i had microneedling 3 days ago, still flaky", EXPECTED),
    ("my lip is a bit dry", EXPECTED),
]

UNCLEAR_CASES = [
    ("my face is just... odd, day 2", UNCLEAR),
    ("my face seems kind of different today", UNCLEAR),
    ("is my face supposed to look like this?", UNCLEAR),
    ("my face feels weird", UNCLEAR),
    ("something's not right with my skin", UNCLEAR),
    ("my skin looks strange", UNCLEAR),
    ("it doesn't look right", UNCLEAR),
    ("something is wrong with my face", UNCLEAR),
    ("my face is acting up", UNCLEAR),
    ("feels off since the treatment", UNCLEAR),
    ("i'm worried about my skin", UNCLEAR),
    ("my skin looks bad", UNCLEAR),
    ("it looks funny", UNCLEAR),
    ("my face is itchy", UNCLEAR),
    ("I think I'm having a reaction", UNCLEAR),
    ("face feels odd today", UNCLEAR),
    ("my skin doesn't feel normal", UNCLEAR),
    ("looks different than yesterday", UNCLEAR),
    ("it's not going away", UNCLEAR),
    ("a bit bruised on day 1", UNCLEAR),
    ("the needle marks are still visible on day 5", UNCLEAR),
]

NON_REPORTS = [
    # a sign's word used for something else: sweat, a product's colour or purpose, a salon peel
    "crossfit tomorrow, ill be absolutely dripping, am i alright to go?",
    "can I go running if I'll be dripping with sweat?",
    "green colour corrector on my cheeks tomorrow, fine?",
    "can I keep using the benzoyl gel for my spots?",
    "booked a salicylic peel at the salon next week, too soon?",
    # asking whether to have it: the skin described is the reason for asking
    "so nervous, I fainted at my ear piercing, does microneedling hurt?",
    "my skin is dry and sensitive, am I a good candidate?",
    "would microneedling help my bumpy skin",
    "r the needles painful lol im a wimp",
    "you hurt the skin on purpose and it heals better?",
    "is there numbing cream or do I just bear it",
    "going somewhere hot and sunny next week, is that ok after",
    "I get cold sores every winter, can I still have it?",
    "I had a chemical peel last year",
    "does microneedling hurt?",
    "is it painful?",
    "what are the side effects?",
    "will my skin be red afterwards?",
    "how long does the redness last?",
    "is redness normal after microneedling?",
    "can I wear makeup after?",
    "is it safe?",
    "can it cause infection?",
    "what are the warning signs?",
    "how do I avoid infection?",
    "does it hurt",
    "will it hurt a lot?",
    "is microneedling painful",
    "how painful is microneedling?",
    "will I be red after the treatment?",
    "how long will the redness last?",
    "is swelling normal?",
    "does it cause swelling?",
    "will my face swell?",
    "will I peel?",
    "does your skin peel after microneedling",
    "is peeling normal after microneedling?",
    "how long does the peeling last",
    "is dryness a side effect?",
    "what if I get a fever?",
    "what should I do if I get a fever?",
    "what if my lips swell?",
    "can you get an infection from microneedling?",
    "is there a risk of infection?",
    "how can I tell if it's infected?",
    "what are the signs of infection?",
    "how to prevent infection after microneedling",
    "does microneedling cause scarring?",
    "can it cause blisters?",
    "do people get pus after microneedling?",
    "is bleeding normal?",
    "can I exercise after microneedling?",
    "when can I wear makeup again?",
    "how many sessions do I need?",
    "what is microneedling?",
    "how long does a session take?",
    "when will I see results?",
    "can I go in the sun?",
    "is it ok to use retinol?",
    "what aftercare do I need?",
    "should I expect any redness?",
    "how long is the downtime?",
    "can I exfoliate?",
    "does it sting?",
    "will it be sensitive afterwards?",
    "is it normal to feel a bit of stinging?",
    "when should I contact the clinic?",
    "what happens if it gets infected?",
    "how do I know if something is wrong?",
    "can microneedling cause an allergic reaction?",
    "do you get hives from the serum?",
    "is there much downtime?",
    "how red will I be?",
    "will the swelling go down quickly?",
    "is it safe for dark skin?",
    "can it help with acne scars?",
    "does it help with dark spots?",
    "how much does it hurt compared to botox",
    "what should I avoid after microneedling?",
    "when can I wash my face?",
    "I'm thinking about microneedling, does it hurt?",
    "I have a treatment next week, will my skin be red?",
    "what does infected skin look like?",
    "is it normal to have a fever after microneedling",
    "redness after microneedling",
    "can i take ibuprofen for the pain?",
    "will pus come out?",
    "what cream for peeling skin?",
    "does it help stretch marks?",
    "is the redness going to get worse?",
    "can I spread some moisturiser on my face?",
    "should I spread the serum all over?",
    "hi",
    "thanks!",
    "",
]


@_cases(EMERGENCY_CASES + URGENT_CASES)
def test_warning_signs_are_escalated(rules, text, level):
    result = triage(text, rules)
    assert result is not None and result.level == level, result


@_cases(EXPECTED_CASES)
def test_normal_healing_is_expected(rules, text, level):
    result = triage(text, rules)
    assert result is not None and result.level == level, result


@_cases(UNCLEAR_CASES)
def test_vague_reports_are_unclear(rules, text, level):
    result = triage(text, rules)
    assert result is not None and result.level == level, result
    assert result.signs == ()


@pytest.mark.parametrize("text", NON_REPORTS, ids=[t or "<empty>" for t in NON_REPORTS])
def test_general_questions_are_not_reports(rules, text):
    assert triage(text, rules) is None


DAYS = [
    ("day 3", 3), ("on day three it started", 3), ("3 days after", 3), ("two days later", 2),
    ("5 days post", 5), ("3 days since the treatment", 3), ("had it 3 days ago", 3), ("two days ago", 2),
    ("yesterday", 1), ("today", 0), ("this morning", 0), ("an hour ago", 0), ("a few hours after", 0),
    ("last night", 0), ("a week later", 7), ("2 weeks", 14), ("fourteen days", 14), ("48 hours", 2),
    ("the day after", 1), ("on the 3rd day", 3), ("a couple of days ago", 2), ("ten days", 10),
    ("had it done yesterday and this morning it's oozing", 1), ("moisturise twice a day", None),
    ("my face is red", None), ("38.5 degrees", None),
]


@pytest.mark.parametrize("text,day", DAYS, ids=[t for t, _ in DAYS])
def test_day_in_text(text, day):
    assert day_in_text(text) == day


MAX_DAY = [
    ("still red after 10 days", None, URGENT),
    ("still red", 10, URGENT),  # the caller's day
    ("still red", 1, EXPECTED),
    ("red on day 2", None, EXPECTED),
    ("red on day 3", None, URGENT),
    ("flaky", 6, EXPECTED),  # dryness and flaking up to about a week
    ("flaky", 7, URGENT),
    ("still flaking loads a week after", None, URGENT),
    ("day 6 and my skin is still a bit dry", None, EXPECTED),
    ("a few dots of blood on my forehead", 0, EXPECTED),  # pinpoints on the treatment day
    ("a few dots of blood on my forehead", 1, URGENT),
    ("tiny spots of blood on my forehead", 0, EXPECTED),  # spots of blood are not a rash
    ("red on day 1", 9, EXPECTED),  # the day in the text wins over the caller's
    ("redness won't go away", 1, EXPECTED),  # within the articles' time
]


@pytest.mark.parametrize("text,day,level", MAX_DAY, ids=[f"{t} (caller day {d})" for t, d, _ in MAX_DAY])
def test_expected_signs_past_max_day_are_urgent(rules, text, day, level):
    result = triage(text, rules, day=day)
    assert result is not None and result.level == level, result
    if level == URGENT:
        assert "lasting" in result.signs


def test_bleeding_beyond_pinpoints_is_urgent_even_on_the_treatment_day(rules):
    for text in ("my face is bleeding", "there is blood on my pillow", "it keeps bleeding"):
        assert triage(text, rules, day=0).level == URGENT, text


def test_day_used_for_the_verdict_is_reported(rules):
    assert triage("red on day 2", rules, day=5).day == 2
    assert triage("red", rules, day=5).day == 5
    assert triage("red", rules).day is None


NEGATION = [
    ("no pus but it smells bad", ("smell",), ("pus",)),
    ("no fever, but chills", ("fever",), ()),
    ("not hot, swollen a bit", ("swelling",), ("warmth", "hot_swelling")),
    ("no pus and it's oozing", ("oozing",), ("pus",)),
    ("no fever or chills, just red", ("redness",), ("fever",)),
    ("it isn't spreading, just pink", ("redness",), ("worsening",)),
    ("without a fever and no blisters", (), ("fever", "blisters")),
    ("not red but there's yellow crust", ("pus",), ("redness",)),
]


@pytest.mark.parametrize("text,present,absent", NEGATION, ids=[t for t, _, _ in NEGATION])
def test_negation_covers_only_its_clause(rules, text, present, absent):
    result = triage(text, rules)
    found = result.signs if result else ()
    assert set(present) <= set(found)
    assert not set(absent) & set(found)


def test_signs_are_worst_first(rules):
    result = triage("red and my lips are swelling, some pus too", rules)
    assert result.level == EMERGENCY
    assert result.signs[0] == "airway_swelling"
    assert result.signs.index("pus") < result.signs.index("redness")


def test_answers_name_the_action_and_cite_articles(rules):
    assert "emergency services now" in answer(Triage(EMERGENCY, (), None), rules).text.lower()
    urgent = answer(Triage(URGENT, (), None), rules)
    assert "not the normal healing the articles describe" in urgent.text
    assert "contact your clinic today" in urgent.text.lower()
    assert "moistur" not in urgent.text.lower()  # no aftercare advice that could delay care
    expected = answer(Triage(EXPECTED, (), None), rules)
    assert "a few hours to a couple of days" in expected.text and "contact your clinic" in expected.text.lower()
    assert {"rejuvenation", "ultimate_guide"} <= set(expected.sources)
    unclear = answer(Triage(UNCLEAR, (), None), rules).text.lower()
    assert "since when" in unclear and "contact your clinic if" in unclear and "did you mean" not in unclear


def test_article_times_used_are_in_the_articles(seeds):
    articles = " ".join(p.read_text(encoding="utf-8").lower() for p in seeds.glob("*.txt"))
    for phrase in ("mild sunburn", "a few hours to a couple of days", "within a day or two", "slight flaking"):
        assert phrase in articles


def test_every_level_has_an_answer_and_signs_have_sources(rules):
    assert set(rules.answers) == {EMERGENCY, URGENT, EXPECTED, UNCLEAR, "emergency_again", "urgent_again"}
    for sign in rules.all_signs():
        assert sign.sources and sign.label
        assert (sign.max_day is not None) == (sign.level == EXPECTED)


def test_loader_is_cached():
    assert load_triage_rules() is load_triage_rules()


def _write(tmp_path, mutate):
    raw = yaml.safe_load(TRIAGE_FILE.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "triage.yml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


BROKEN = [
    ("unknown level", lambda r: r["signs"]["pus"].update(level="serious"), "unknown level"),
    ("missing answer", lambda r: r["answers"].pop("unclear"), "unclear"),
    ("unknown source", lambda r: r["signs"]["redness"].update(source=["wikipedia"]), "unknown source"),
    ("unknown answer source", lambda r: r["answers"]["expected"].update(sources=["blog"]), "unknown source"),
    ("bad regex", lambda r: r["signs"]["pus"].update(patterns=["(unclosed"]), "bad pattern"),
    ("expected without max_day", lambda r: r["signs"]["redness"].pop("max_day"), "max_day"),
    ("combination of unknown sign", lambda r: r["combinations"]["hot_swelling"].update(all_of=["heat"]), "all_of"),
    ("missing cue list", lambda r: r["cues"].pop("negation"), "negation"),
]


@pytest.mark.parametrize("mutate,message", [(m, msg) for _, m, msg in BROKEN], ids=[n for n, _, _ in BROKEN])
def test_loader_rejects_inconsistent_files(tmp_path, mutate, message):
    with pytest.raises(TriageError, match=message):
        load_triage_rules(_write(tmp_path, mutate))


@pytest.mark.parametrize("text", ["i take blood thinners, can i still have it", "im on blood-thinning tablets",
                                  "my blood pressure is high, is that a problem", "had a blood test yesterday"])
def test_blood_as_a_medicine_or_a_measure_is_not_bleeding(rules, text):
    """A medicine or a test is for not_covered.yml; escalating it would alarm for nothing."""
    result = triage(text, rules)
    assert result is None or "bleeding" not in result.signs, result


@pytest.mark.parametrize("text", ["had it done at 10 today and my face looks like ive been sunbathing all afternoon lol",
                                  "came back from the clinic a few hours ago and im pink like ive spent the day at the beach"])
def test_healing_said_in_sun_words_is_the_expected_redness(rules, text):
    result = triage(text, rules)
    assert result is not None and result.level == EXPECTED and "redness" in result.signs, result


@pytest.mark.parametrize("text, level", [
    ("im not happy with how my session went last week, the therapist was really rough and rushed", None),
    ("skin feels a bit rough on day 2", "expected"),
    ("rough patches and flaking 3 days after", "expected"),
])
def test_rough_is_about_skin_not_a_therapist(rules, text, level):
    """A complaint about how the treatment was given is for the clinic's contact, not triage."""
    result = triage(text, rules)
    assert (result.level if result else None) == level, result
