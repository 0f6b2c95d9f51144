"""How near a phrase must be to a rule's name to take that rule: measured on the names themselves.

Each name of each aftercare rule is treated as a phrase of a message and
matched, with ``rule_of_phrases``, to all the other names; a threshold and
margin are judged by how often the rule it gives is the name's own rule, and
how many names get a rule at all. No test set is read, so the choice does not
fit the held-out messages. Prints one line per setting:

    PYTHONPATH=. .venv/bin/python scripts/phrase_thresholds.py
"""

from __future__ import annotations

from components.minilm_encoder import shared_encoder
from components.phrase_rules import describing_words, name_arrays, rule_of_phrases
from knowledge.answers import load_knowledge

SETTINGS = [(0.8, 0.05), (0.7, 0.05), (0.65, 0.05), (0.65, 0.1), (0.6, 0.05), (0.6, 0.1), (0.6, 0.15),
            (0.55, 0.1), (0.55, 0.15), (0.55, 0.2), (0.5, 0.05), (0.5, 0.15), (0.5, 0.2)]


def main() -> None:
    arrays = name_arrays(load_knowledge().aftercare.values(), shared_encoder(None).sentence_vector)
    vectors, texts, rules = arrays["name_vectors"], arrays["name_texts"].tolist(), arrays["name_rules"].tolist()
    describing = [describing_words(text) for text in texts]
    for threshold, margin in SETTINGS:
        answered = right = 0
        for index, text in enumerate(texts):
            others = [i for i, other in enumerate(texts) if i != index and other != text]
            rule = rule_of_phrases([text], vectors[index:index + 1], vectors[others], [rules[i] for i in others],
                                   [describing[i] for i in others], threshold, margin)
            if rule is not None:
                answered += 1
                right += rule == rules[index]
        print(f"threshold {threshold:.2f} margin {margin:.2f}: {answered} of {len(texts)} names answered, "
              f"{right / max(answered, 1):.1%} with their own rule")


if __name__ == "__main__":
    main()
