"""The NumPy MiniLM encoder against sentence-transformers' own output, and
the token features the Rasa featurizer builds from it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from components.minilm_encoder import MiniLMEncoder
from components.minilm_featurizer import token_vectors
from components.wordpiece import Piece, basic_words

# Made by scripts/minilm_reference.py (the command is in its docstring).
REFERENCE = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "minilm_reference.json")
                       .read_text(encoding="utf-8"))
CASES = REFERENCE["cases"]


@pytest.fixture(scope="module")
def encoder() -> MiniLMEncoder:
    return MiniLMEncoder()


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:30] for c in CASES])
def test_the_word_pieces_are_the_reference_tokenizers(encoder, case):
    ids, _ = encoder.tokenizer.encode(case["text"])
    assert ids == case["ids"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:30] for c in CASES])
def test_the_sentence_vector_matches_sentence_transformers(encoder, case):
    vector = encoder.sentence_vector(case["text"])
    reference = np.asarray(case["embedding"], dtype=np.float32)
    cosine = float(vector @ reference / np.linalg.norm(reference))
    assert cosine >= 0.999
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-5)


def test_other_words_for_the_same_question_are_closer_than_another_question(encoder):
    appointments = encoder.sentence_vector("how many appointments will I need")
    sessions = encoder.sentence_vector("how many sessions are required")
    pain = encoder.sentence_vector("does it hurt")
    assert appointments @ sessions > appointments @ pain + 0.3


def test_an_empty_text_still_gets_a_unit_vector(encoder):
    assert np.linalg.norm(encoder.sentence_vector("")) == pytest.approx(1.0, abs=1e-5)


def test_a_very_long_text_is_cut_to_the_models_length(encoder):
    vectors, pieces, _ = encoder.encode("skin " * 1000)
    assert len(pieces) == vectors.shape[0] == 254


@pytest.mark.parametrize("text, words", [
    ("Don't", [("don", 0, 3), ("'", 3, 4), ("t", 4, 5)]),
    ("Café!", [("cafe", 0, 4), ("!", 4, 5)]),
    ("a\x00b  c", [("a", 0, 1), ("b", 2, 3), ("c", 5, 6)]),
])
def test_words_keep_their_place_in_the_original_text(text, words):
    assert basic_words(text) == words


def test_each_token_gets_the_mean_of_the_pieces_covering_it():
    pieces = [Piece("micro", 1, 0, 5), Piece("##needling", 2, 5, 14), Piece("hurt", 3, 15, 19)]
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]], dtype=np.float32)
    fallback = np.array([9.0, 9.0], dtype=np.float32)
    tokens = [(0, 14), (15, 19), (20, 21)]  # "microneedling", "hurt", an emoji no piece covers
    result = token_vectors(tokens, pieces, vectors, fallback)
    assert result.tolist() == [[0.5, 0.5], [2.0, 2.0], [9.0, 9.0]]
