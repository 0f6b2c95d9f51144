"""Every name the code shares with domain.yml, the training data and the NLU
pipeline: intents, entities, slots, forms, actions, responses and the keys
our components add to a message's parse data. Written once here and imported
(as rasa/shared/core/constants.py is for Rasa); tests/unit/knowledge/test_names.py
checks each against domain.yml.
"""

# --- intents -----------------------------------------------------------------
GREET = "greet"
GOODBYE = "goodbye"
THANK = "thank"
AFFIRM = "affirm"
DENY = "deny"
BOT_CHALLENGE = "bot_challenge"
ASK_HUMAN = "ask_human"
REQUEST_CALLBACK = "request_callback"
CAPABILITIES = "capabilities"
FAQ = "faq"  # retrieval intent: faq/<topic>
OUT_OF_SCOPE = "out_of_scope"  # retrieval intent: out_of_scope/<kind>
REPORT_SYMPTOM = "report_symptom"
ASK_NOT_COVERED = "ask_not_covered"
OTHER_LANGUAGE = "other_language"
CHOOSE_TOPIC = "choose_topic"  # a topic button's payload
ASK_AFTERCARE = "ask_aftercare"
ASK_AFTERCARE_PLAN = "ask_aftercare_plan"
INFORM_TREATMENT_DATE = "inform_treatment_date"
FOLLOW_UP = "follow_up"
FEEDBACK = "feedback"
FORGET_ME = "forget_me"
SOURCES = "sources"  # the "Sources" button under a reply to several questions
# Rasa's own: set by the FallbackClassifier.
NLU_FALLBACK = "nlu_fallback"

RETRIEVAL_INTENTS = (FAQ, OUT_OF_SCOPE)
CHIT_CHAT = (GREET, GOODBYE, THANK, AFFIRM, DENY)

# --- entities ----------------------------------------------------------------
TOPIC = "topic"  # a topic button's FAQ topic
AFTERCARE_TOPIC = "aftercare_topic"  # also a slot and the lookup table of the rules' names
DATE = "DATE"  # spaCy's NER (components/spacy_dates.py)
TIME = "TIME"
VOTE = "vote"  # 👍/👎 payload: "up" or "down"
ANSWER = "answer"  # 👍/👎 payload: the answer voted on

# --- slots -------------------------------------------------------------------
TREATMENT_DATE = "treatment_date"
ASKED_DAY = "asked_day"  # the day the last aftercare verdict was for ("my bridesmaid day on the sunday")
CLINIC_CONTACT = "clinic_contact"  # also the placeholder in the warning responses
FEEDBACK_SLOT = "feedback"
CALLBACK_NAME = "callback_name"
CALLBACK_CONTACT = "callback_contact"
CALLBACK_CONSENT = "callback_consent"
LAST_ANSWER = "last_answer"  # what the last answer was about (knowledge/thread.py)
AWAITING = "awaiting"  # what the assistant just offered ("callback_offer")
LAST_SOURCES = "last_sources"  # the articles a reply of several answers cited
REQUESTED_SLOT = "requested_slot"  # Rasa's own

# --- forms -------------------------------------------------------------------
TREATMENT_DATE_FORM = "treatment_date_form"
CALLBACK_FORM = "callback_form"

# --- actions -----------------------------------------------------------------
ACTION_LISTEN = "action_listen"  # Rasa's own
ACTION_DEFAULT_FALLBACK = "action_default_fallback"  # Rasa's own
ACTION_ANSWER_QUESTION = "action_answer_question"
ACTION_GREET = "action_greet"
ACTION_CONTACT_CLINIC = "action_contact_clinic"
ACTION_FEEDBACK = "action_feedback"
ACTION_FORGET_ME = "action_forget_me"
ACTION_ASK_CALLBACK_NAME = "action_ask_callback_name"
ACTION_ASK_CALLBACK_CONTACT = "action_ask_callback_contact"
ACTION_ASK_CALLBACK_CONSENT = "action_ask_callback_consent"
VALIDATE_CALLBACK_FORM = "validate_callback_form"
ACTION_SUBMIT_CALLBACK = "action_submit_callback"
ACTION_TRIAGE = "action_triage"
ACTION_NOT_COVERED = "action_not_covered"
ACTION_DID_YOU_MEAN = "action_did_you_mean"
ACTION_ANSWER_TOPIC = "action_answer_topic"
ACTION_FOLLOW_UP = "action_follow_up"
ACTION_AFTERCARE_ANSWER = "action_aftercare_answer"
ACTION_REMEMBER_TREATMENT_DATE = "action_remember_treatment_date"
ACTION_ASK_TREATMENT_DATE = "action_ask_treatment_date"
VALIDATE_TREATMENT_DATE_FORM = "validate_treatment_date_form"
ACTION_SOURCES = "action_sources"

# --- responses ---------------------------------------------------------------
UTTER_FAQ = "utter_faq"  # utter_faq/<topic>, rendered from the knowledge file
UTTER_OUT_OF_SCOPE = "utter_out_of_scope"
UTTER_GREET = "utter_greet"
UTTER_CONTACT_CLINIC = "utter_contact_clinic"
UTTER_FEEDBACK = "utter_feedback"
UTTER_FORGOTTEN = "utter_forgotten"
UTTER_FORGET_FAILED = "utter_forget_failed"
UTTER_REPHRASE = "utter_rephrase"
UTTER_CAPABILITIES = "utter_capabilities"
UTTER_AFTERCARE_GENERAL = "utter_aftercare_general"
UTTER_ACTION_SERVER_DOWN = "utter_action_server_down"
UTTER_SYMPTOM_EMERGENCY = "utter_symptom_emergency"
UTTER_WARNING_SIGNS = "utter_warning_signs"
UTTER_SYMPTOM_EXPECTED = "utter_symptom_expected"
UTTER_SYMPTOM_UNCLEAR = "utter_symptom_unclear"
# The warning again, to a next message about the same problem (knowledge/thread.py).
UTTER_SYMPTOM_EMERGENCY_AGAIN = "utter_symptom_emergency_again"
UTTER_WARNING_SIGNS_AGAIN = "utter_warning_signs_again"
UTTER_CALLBACK_DECLINED = "utter_callback_declined"

# --- keys in a message's parse data ------------------------------------------
# Ours (components/):
PARTS = "parts"  # the questions of a message that asks several (MessageParts)
TEXT_AS_WRITTEN = "text_as_written"  # the text before PunctuationNormaliser
TRIAGE = "triage"  # the triage level SafetyOverride read
CONDITIONS = "conditions"  # not-covered conditions SafetyOverride found
# Rasa's, read by our code:
INTENT_RANKING = "intent_ranking"
RESPONSE_SELECTOR = "response_selector"
INTENT_RESPONSE_KEY = "intent_response_key"
UTTER_ACTION = "utter_action"
RETRIEVAL_INTENT = "retrieval_intent"


def retrieval_response(intent: str, key: str) -> str:
    """utter_faq/pain for ("faq", "pain")."""
    return f"utter_{intent}/{key}"


def faq_response(topic: str) -> str:
    return retrieval_response(FAQ, topic)
