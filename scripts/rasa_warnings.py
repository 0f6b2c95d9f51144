"""The two warnings Rasa 3.6 gives for any project like this one, and only those.

- "Slot auto-fill has been removed in 3.0...": rasa/shared/core/slot_mappings.py
  says it for every domain that has slots, whatever they are.
- "The following duplicated intents have been found across multiple domain files":
  Rasa adds the retrieval intents (faq, out_of_scope) found in data/nlu to the
  domain that already lists them, as its docs ask; left out of domain.yml, every
  rule naming them warns instead.

scripts/validate_data.py and scripts/train.py ignore them with ``ignore()``. Any
other warning still shows, and fails `make validate`.
"""

from __future__ import annotations

import warnings

RASA_OWN = ("Slot auto-fill has been removed", "The following duplicated intents have been found")


def ignore() -> None:
    for start in RASA_OWN:
        warnings.filterwarnings("ignore", message=start, category=UserWarning)

