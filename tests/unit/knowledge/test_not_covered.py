"""Conditions the articles don't cover: found in everyday words, never in
ordinary microneedling questions, and answered honestly with sources."""

from pathlib import Path

import pytest
import yaml

from knowledge.answers import KNOWLEDGE_FILE
from knowledge.not_covered import (
    NOT_COVERED_FILE,
    Condition,
    NotCoveredError,
    answer,
    find_conditions,
    join_labels,
    load_not_covered,
)


@pytest.fixture(scope="module")
def table():
    return load_not_covered()


def _keys(text, table):
    return [c.key for c in find_conditions(text, table)]


# (id, message, expected key)
CONDITION_MESSAGES = [
    ("pregnant", "I'm pregnant, is it ok?", "pregnancy"),
    ("pregnant-typo", "can i do microneedling if im pregant", "pregnancy"),
    ("pregnancy-typo", "is it safe during pregnacy", "pregnancy"),
    ("preggo", "Im preggo lol can I still book", "pregnancy"),
    ("expecting-end", "I'm expecting.", "pregnancy"),
    ("expecting-baby", "we are expecting a baby in May, can I get it done", "pregnancy"),
    ("expecting-curly", "I\u2019m expecting and wanted to book", "pregnancy"),
    ("trying-for-baby", "we're trying for a baby, is microneedling ok", "pregnancy"),
    ("ttc", "ttc at the moment, safe?", "pregnancy"),
    ("ivf", "I'm going through IVF next month", "pregnancy"),
    ("trimester", "second trimester, can I have the treatment", "pregnancy"),
    ("weeks-along", "any issues if I'm 20 weeks along", "pregnancy"),
    ("postpartum", "3 months postpartum, is it ok now?", "pregnancy"),
    ("breastfeeding", "is the numbing cream safe while breastfeeding?", "breastfeeding"),
    ("breast-feeding", "I'm still breast-feeding my son", "breastfeeding"),
    ("brestfeeding", "brestfeeding mum here, can i book", "breastfeeding"),
    ("nursing", "I'm nursing, can I get microneedling?", "breastfeeding"),
    ("bf", "currently bf, is it safe", "breastfeeding"),
    ("bfing", "bfing my 6 month old, ok to do it?", "breastfeeding"),
    ("pumping", "I'm exclusively pumping, does the cream get into breast milk", "breastfeeding"),
    ("lactating", "can lactating women have it", "breastfeeding"),
    ("diabetic", "I'm diabetic, can I have it?", "diabetes"),
    ("diabetes-typo", "I have diabeties", "diabetes"),
    ("type-2", "I have type 2, will I heal ok", "diabetes"),
    ("type-1-diabetic", "type 1 diabetic here", "diabetes"),
    ("insulin", "I take insulin every day", "diabetes"),
    ("metformin", "on metformin, is that a problem", "diabetes"),
    ("blood-sugar", "my blood sugar is high, can I still come", "diabetes"),
    ("have-sugar", "I have sugar, will it heal slowly", "diabetes"),
    ("warfarin", "I'm on warfarin", "blood_thinners"),
    ("warfarin-typo", "i take warferin", "blood_thinners"),
    ("eliquis", "can I do it on Eliquis?", "blood_thinners"),
    ("apixaban", "apixaban daily for AF", "blood_thinners"),
    ("xarelto", "I'm taking Xarelto", "blood_thinners"),
    ("clopidogrel", "on clopidogrel since last year", "blood_thinners"),
    ("breakout", "I'm in the middle of a breakout, can I still have it?", "active_acne"),
    ("angry-spots", "got some angry spots on my chin this week", "active_acne"),
    ("epilepsy", "I'm epileptic, is the pen ok for me", "epilepsy"),
    ("pacemaker", "does it matter that I have a pace maker", "heart"),
    ("antibiotics", "taking lymecycline for my skin", "antibiotics"),
    ("hrt", "I'm on HRT, any problem?", "hormones"),
    ("surgery", "I just had a facelift, how soon can I do it", "recent_surgery"),
    ("lips-filled", "can I get my lips filled the same day", "injectables"),
    ("c-section", "had a c section in the summer, ok to book?", "recent_surgery"),
    ("microblading", "will it affect my microbladed eyebrows", "cosmetic_tattoo"),
    ("heparin", "having heparin injections", "blood_thinners"),
    ("thin-blood", "I have thin blood, will I bleed a lot?", "blood_thinners"),
    ("blood-thinners", "I take blood thinners", "blood_thinners"),
    ("daily-aspirin", "I take a daily aspirin", "blood_thinners"),
    ("bleeding-disorder", "I have a bleeding disorder", "blood_thinners"),
    ("bruise-easily", "I bruise easily", "blood_thinners"),
    ("haemophilia", "my son has haemophilia, could he get it", "blood_thinners"),
    ("hemophilia", "hemophilia carrier, ok?", "blood_thinners"),
    ("accutane", "I'm on accutane", "isotretinoin"),
    ("roaccutane", "finished roaccutane 2 months ago", "isotretinoin"),
    ("acutane-typo", "i was on acutane last year", "isotretinoin"),
    ("isotretinoin", "taking isotretinoin for my skin", "isotretinoin"),
    ("absorica", "absorica course ended in june", "isotretinoin"),
    ("claravis", "claravis user, can I do it", "isotretinoin"),
    ("keloid", "I get keloids easily", "keloids"),
    ("raised-scars", "I tend to get raised scars", "keloids"),
    ("hypertrophic", "I have hypertrophic scarring on my chest", "keloids"),
    ("scar-easily", "I scar easily, is it risky", "keloids"),
    ("cold-sores", "I get cold sores, is that a problem", "cold_sores"),
    ("coldsore", "I have a coldsore right now", "cold_sores"),
    ("herpes", "I have herpes simplex", "cold_sores"),
    ("fever-blister", "I've got a fever blister on my lip", "cold_sores"),
    ("eczema", "I have eczema on my face", "eczema"),
    ("excema", "excema flare up, can I still come", "eczema"),
    ("dermatitis", "what about perioral dermatitis?", "eczema"),
    ("psoriasis", "I have psoriasis", "psoriasis"),
    ("soriasis", "soriasis on my forehead", "psoriasis"),
    ("rosacea", "I have rosacea", "rosacea"),
    ("rosacia", "is it ok with rosacia", "rosacea"),
    ("roseacea", "my roseacea is bad", "rosacea"),
    ("impetigo", "my daughter had impetigo last week", "skin_infection"),
    ("skin-infection", "I have a skin infection on my cheek", "skin_infection"),
    ("open-wound", "I have an open wound on my chin", "skin_infection"),
    ("warts", "I have warts on my face", "skin_infection"),
    ("lupus", "I have lupus", "autoimmune"),
    ("scleroderma", "diagnosed with scleroderma", "autoimmune"),
    ("rheumatoid", "rheumatoid arthritis, ok for me?", "autoimmune"),
    ("immunosuppressants", "I'm on immunosuppressants", "autoimmune"),
    ("autoimmune", "I have an auto-immune disease", "autoimmune"),
    ("methotrexate", "I take methotrexate weekly", "autoimmune"),
    ("chemo", "I'm having chemo", "cancer"),
    ("cancer", "I'm being treated for breast cancer", "cancer"),
    ("radiotherapy", "finished radiotherapy in spring", "cancer"),
    ("botox-same-day", "can I get botox the same day?", "injectables"),
    ("botox-typo", "can i have bottox and microneedling in the same week", "injectables"),
    ("fillers", "I had lip fillers last week", "injectables"),
    ("filler", "is it ok after dermal filler", "injectables"),
    ("anti-wrinkle", "I'm booked for anti-wrinkle injections on friday", "injectables"),
    ("tox", "can I do tox the same week", "injectables"),
    ("home-roller", "I bought a derma roller for home, how often should I use it?", "home_devices"),
    ("at-home-pen", "is an at home microneedling pen any good", "home_devices"),
    ("diy", "can I do DIY microneedling", "home_devices"),
    ("myself", "can I microneedle myself", "home_devices"),
    ("my-dermaroller", "how deep should my dermaroller go", "home_devices"),
    ("amazon", "the one from amazon, is it the same?", "home_devices"),
    ("mm-roller", "is a 0.5mm roller safe", "home_devices"),
    ("allergic-numbing", "I'm allergic to numbing cream", "allergies"),
    ("lidocaine", "I had a reaction to lidocaine before", "allergies"),
    ("alergic-typo", "im alergic to lidocaine", "allergies"),
    ("nickel", "I have a nickel allergy, are the needles metal?", "allergies"),
    ("moles", "I have lots of moles on my cheeks", "moles"),
    ("birthmark", "can it go over a birthmark", "moles"),
    ("vitiligo", "I have vitiligo", "vitiligo"),
    ("vitiligo-typo", "vitaligo patches on my hands", "vitiligo"),
    ("laser", "I had laser last week, can I book microneedling", "laser_peels"),
    ("chemical-peel", "had a chemical peel 5 days ago", "laser_peels"),
    ("ipl", "got IPL done on monday", "laser_peels"),
]


@pytest.mark.parametrize("text,key", [(t, k) for _, t, k in CONDITION_MESSAGES],
                         ids=[i for i, _, _ in CONDITION_MESSAGES])
def test_condition_is_found(table, text, key):
    assert _keys(text, table) == [key]


# Ordinary questions, several on topics the articles DO cover: never matched.
ORDINARY_MESSAGES = [
    ("cystic-acne", "does microneedling help with cystic acne?"),
    # other treatments asked about on their own are out of scope, not the patient's situation
    ("filler-alone", "how long does lip filler last"),
    ("botox-alone", "do you do botox injections"),
    ("peels-alone", "do chemical peels hurt"),
    ("acne-scars", "will it get rid of my acne scars"),
    ("surgery-scars", "can it improve scars from surgery"),
    ("hurt", "does it hurt?"),
    ("painful", "is microneedling painful"),
    ("acne-scars", "can it help acne scars?"),
    ("acne-scarring", "will it fix my old acne scarring"),
    ("treat-acne", "can microneedling treat acne"),
    ("cystic-acne", "does it help with cystic acne"),
    ("stretch-marks", "does it work on stretch marks on my stomach"),
    ("wrinkles", "will it reduce wrinkles around my eyes"),
    ("hyperpigmentation", "is it good for hyperpigmentation"),
    ("melasma", "can it help melasma and age spots"),
    ("pores", "will it shrink enlarged pores and blackheads"),
    ("surgery-scars", "I have scars from surgery, will it help"),
    ("sessions", "how many sessions will I need"),
    ("session-length", "how long is a session"),
    ("recovery", "how long is recovery"),
    ("downtime", "is there any downtime"),
    ("expect-afterwards", "what should I expect afterwards"),
    ("be-expecting", "what should I be expecting after my first session?"),
    ("expecting-redness", "I'm expecting some redness, is that normal?"),
    ("what-to-expect", "what to expect during the procedure"),
    ("safe", "is it safe?"),
    ("skin-types", "is it suitable for all skin types"),
    ("skin-type-2", "I have skin type 2, is that ok"),
    ("type-2-skin", "I have type 2 skin, is that ok"),
    ("side-effects", "what are the side effects"),
    ("makeup", "can I wear makeup the next day"),
    ("exercise", "when can I go to the gym"),
    ("sun", "can I go in the sun afterwards"),
    ("sunscreen", "which sunscreen should I use"),
    ("sunburn", "I got sunburned last week, can I still come?"),
    ("prp", "can it be combined with PRP?"),
    ("serums", "can I combine microneedling with serums"),
    ("other-treatments", "can I combine it with other treatments"),
    ("hyaluronic", "what serum do you use, hyaluronic acid?"),
    ("roller-or-pen", "do you use a roller or a pen"),
    ("roller-vs-pen", "what's the difference between a derma roller and a pen"),
    ("needle-depth", "how deep do the needles go"),
    ("drive-home", "can I drive home after my appointment?"),
    ("relax-home", "can I just relax at home after microneedling"),
    ("my-bf", "can my bf come with me to the appointment"),
    ("nurse-work", "I'm a nurse, can I go to work the next day"),
    ("nursing-home", "I work at a nursing home, when can I go back to work"),
    ("work-in-nursing", "I work in nursing, is the redness a problem"),
    ("bleeding", "is there any bleeding during the treatment"),
    ("bleed", "will I bleed?"),
    ("bruise", "will I bruise easily after?"),
    ("sugar-scrub", "can I use a sugar scrub"),
    ("skin-peel", "will my skin peel afterwards?"),
    ("peeling", "is peeling normal on day 3"),
    ("retinol", "when can I use retinol again"),
    ("tretinoin", "can I use tretinoin after"),
    ("exfoliate", "when can I exfoliate"),
    ("glycolic", "can I use glycolic acid"),
    ("results-last", "how long do results last"),
    ("results-see", "when will I see results"),
    ("candidate", "am I a good candidate"),
    ("prepare", "how do I prepare"),
    ("medications", "which medications should I stop before my session?"),
    ("what-is", "what is microneedling"),
    ("how-works", "how does collagen induction therapy work"),
    ("body-areas", "can it be done on my neck and body"),
    ("age", "I'm 45, am I too old?"),
    ("how-often", "how often can I get microneedling"),
    ("numbing", "how long before is the numbing cream applied"),
    ("redness", "how long does the redness last"),
    ("wash", "can I wash my face tonight"),
    ("dermapen-session", "how long is my dermapen treatment"),
    ("pen-hurt", "does the pen hurt more than the roller"),
    ("wedding", "I have a wedding in two weeks, when should I book"),
    ("infection-risk", "can sweating cause an infection"),
    ("non-toxic", "is the serum non toxic"),
    ("sensitive", "my skin is very sensitive after, is that normal"),
]


@pytest.mark.parametrize("text", [t for _, t in ORDINARY_MESSAGES], ids=[i for i, _ in ORDINARY_MESSAGES])
def test_ordinary_question_is_not_matched(table, text):
    assert _keys(text, table) == []


def test_several_conditions_in_order_of_appearance_once_each(table):
    assert _keys("I'm diabetic and pregnant", table) == ["diabetes", "pregnancy"]
    assert _keys("pregnant, diabetic, pregnancy again", table) == ["pregnancy", "diabetes"]
    assert _keys("on accutane and I have rosacea and eczema", table) == ["isotretinoin", "rosacea", "eczema"]


def test_every_condition_has_an_everyday_message(table):
    tested = {k for _, _, k in CONDITION_MESSAGES}
    assert tested == {c.key for c in table.conditions}


def test_table_sizes():
    assert len(CONDITION_MESSAGES) >= 80 and len(ORDINARY_MESSAGES) >= 50


@pytest.mark.parametrize("key", ["pregnancy", "breastfeeding", "blood_thinners", "injectables", "home_devices"])
def test_answer_names_label_says_not_covered_and_cites(table, key):
    condition = next(c for c in table.conditions if c.key == key)
    text = answer([condition], table)
    body, sources = text.split("\n")
    assert f"don't cover {condition.label}," in body
    assert "not suitable for everyone" in body and "consultation" in body
    assert "trained professional" in body and "provider" in body
    assert sources.startswith("Sources: ")
    for source in table.sources:
        assert f'"{source.title}"' in sources


def test_answer_joins_labels_and_adds_cited_extras(table):
    conditions = find_conditions("pregnant, on warfarin and booked for botox", table)
    text = answer(conditions, table)
    assert "don't cover pregnancy, blood-thinning medicines or bleeding disorders and Botox or fillers," in text
    assert "oral medications" in text and "PRP" in text
    assert '"What is Skin Resurfacing And What Are its Benefits?"' in text  # the medicines sentence's source
    assert "ask your provider" in text


def test_answer_says_a_shared_extra_once(table):
    text = answer(find_conditions("warfarin and accutane", table), table)
    assert text.count("oral medications") == 1


def test_answer_needs_a_condition(table):
    with pytest.raises(ValueError):
        answer([], table)


def test_join_labels():
    assert join_labels(["a"]) == "a"
    assert join_labels(["a", "b"]) == "a and b"
    assert join_labels(["a", "b", "c"]) == "a, b and c"


def test_condition_is_a_plain_value(table):
    assert Condition("rosacea", "rosacea") in table.conditions


def test_extras_quote_only_listed_articles():
    """Every source key, shared or per condition, is an article of the knowledge file."""
    known = set(yaml.safe_load(KNOWLEDGE_FILE.read_text(encoding="utf-8"))["sources"])
    raw = yaml.safe_load(NOT_COVERED_FILE.read_text(encoding="utf-8"))
    assert set(raw["sources"]) <= known
    for value in raw["conditions"].values():
        assert set((value.get("extra") or {}).get("sources", [])) <= known


# --- loader validation -----------------------------------------------------

def _write(tmp_path: Path, **changes) -> Path:
    raw = {
        "answer": "The articles don't cover {label}.",
        "sources": ["rejuvenation"],
        "conditions": {"rosacea": {"label": "rosacea", "patterns": ["\\brosacea\\b"]}},
    }
    for key, value in changes.items():
        if key.startswith("condition_"):
            raw["conditions"]["rosacea"][key[len("condition_"):]] = value
        else:
            raw[key] = value
    path = tmp_path / "not_covered.yml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_loader_accepts_a_minimal_file(tmp_path):
    table = load_not_covered(_write(tmp_path))
    assert _keys("I have Rosacea", table) == ["rosacea"]
    assert answer(find_conditions("rosacea", table), table).startswith("The articles don't cover rosacea.")


@pytest.mark.parametrize("changes,message", [
    ({"sources": ["rejuvenation", "wikipedia"]}, "unknown sources ['wikipedia']"),
    ({"sources": []}, "lists no sources"),
    ({"condition_patterns": []}, "needs at least one pattern"),
    ({"condition_patterns": [""]}, "empty pattern"),
    ({"condition_patterns": ["(unclosed"]}, "bad pattern"),
    ({"answer": "The articles don't cover this."}, "{label}"),
    ({"answer": "The articles don't cover {label} or {other}."}, "only {label}"),
    ({"condition_label": ""}, "needs a label"),
    ({"condition_extra": {"text": "Something.", "sources": ["blog"]}}, "unknown sources ['blog']"),
    ({"condition_extra": {"text": "", "sources": ["overview"]}}, "extra needs a text"),
    ({"conditions": {}}, "none listed"),
], ids=["unknown-source", "no-sources", "empty-patterns", "blank-pattern", "bad-regex",
        "no-label-placeholder", "other-placeholder", "no-label", "unknown-extra-source",
        "extra-without-text", "no-conditions"])
def test_loader_rejects_bad_files(tmp_path, changes, message):
    with pytest.raises(NotCoveredError) as err:
        load_not_covered(_write(tmp_path, **changes))
    assert message in str(err.value)


def test_loader_is_cached():
    assert load_not_covered() is load_not_covered()
