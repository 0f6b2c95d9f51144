"""BERT's uncased WordPiece tokenizer, with each piece's place in the text.

all-MiniLM-L6-v2 reads text split the way BERT's ``BasicTokenizer`` (lower
case, accents stripped, punctuation split off) and ``WordpieceTokenizer``
(greedy longest match from a vocabulary, "##" for a continuation) split it.
This is the same algorithm in plain Python, so the Rasa venv needs no
``tokenizers``/``transformers`` package; the character spans let the
featurizer give each of Rasa's tokens the pieces that cover it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

UNKNOWN = "[UNK]"
CLS = "[CLS]"
SEP = "[SEP]"
CONTINUATION = "##"
# BERT turns a word longer than this into [UNK] instead of splitting it.
MAX_WORD_CHARS = 100


@dataclass(frozen=True)
class Piece:
    """One vocabulary entry found in the text, and the characters it came from."""

    text: str
    id: int
    start: int
    end: int


def _is_punctuation(char: str) -> bool:
    # BERT counts every non-alphanumeric ASCII symbol ("$", "^", "`") as punctuation too.
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_control(char: str) -> bool:
    if char in "\t\n\r":
        return False
    return unicodedata.category(char) in ("Cc", "Cf")


def _is_whitespace(char: str) -> bool:
    return char in " \t\n\r" or unicodedata.category(char) == "Zs"


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F or 0x2B820 <= code <= 0x2CEAF
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F)


def _normalise(word: str) -> str:
    """Lower case without accents, as the uncased model was trained."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def basic_words(text: str) -> List[Tuple[str, int, int]]:
    """Splits text into BERT's words: (normalised word, start, end) in the original text."""
    words: List[Tuple[str, int, int]] = []
    start = None

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            normalised = _normalise(text[start:end])
            if normalised:
                words.append((normalised, start, end))
        start = None

    for i, char in enumerate(text):
        code = ord(char)
        if code == 0 or code == 0xFFFD or _is_control(char):
            close(i)  # dropped, as BERT's text cleaning does
        elif _is_whitespace(char):
            close(i)
        elif _is_punctuation(char) or _is_cjk(char):
            close(i)
            words.append((_normalise(char) or char, i, i + 1))
        elif start is None:
            start = i
    close(len(text))
    return words


class WordPieceTokenizer:
    """The vocabulary of a BERT model (its ``vocab.txt``) and the split into pieces."""

    def __init__(self, vocab: Dict[str, int]) -> None:
        self.vocab = vocab
        self.cls_id = vocab[CLS]
        self.sep_id = vocab[SEP]
        self.unknown_id = vocab[UNKNOWN]

    @classmethod
    def from_file(cls, path: Path) -> "WordPieceTokenizer":
        """Reads ``vocab.txt``: one piece per line, its id the line number."""
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return cls({line: i for i, line in enumerate(lines)})

    def _word_pieces(self, word: str, start: int, end: int) -> List[Piece]:
        if len(word) > MAX_WORD_CHARS:
            return [Piece(UNKNOWN, self.unknown_id, start, end)]
        # Offsets within the word are exact when normalising kept its length
        # (nearly always); otherwise every piece is given the whole word.
        exact = len(word) == end - start
        pieces: List[Piece] = []
        begin = 0
        while begin < len(word):
            stop = len(word)
            found = None
            while begin < stop:
                candidate = word[begin:stop]
                if begin > 0:
                    candidate = CONTINUATION + candidate
                if candidate in self.vocab:
                    found = candidate
                    break
                stop -= 1
            if found is None:
                return [Piece(UNKNOWN, self.unknown_id, start, end)]
            span = (start + begin, start + stop) if exact else (start, end)
            pieces.append(Piece(found, self.vocab[found], *span))
            begin = stop
        return pieces

    def tokenize(self, text: str, max_pieces: int = 254) -> List[Piece]:
        """The pieces of ``text`` (without [CLS]/[SEP]), at most ``max_pieces`` of them."""
        pieces: List[Piece] = []
        for word, start, end in basic_words(text):
            pieces.extend(self._word_pieces(word, start, end))
            if len(pieces) >= max_pieces:
                return pieces[:max_pieces]
        return pieces

    def encode(self, text: str, max_pieces: int = 254) -> Tuple[List[int], List[Piece]]:
        """Model input ids ([CLS] pieces [SEP]) and the pieces between them."""
        pieces = self.tokenize(text, max_pieces)
        return [self.cls_id] + [p.id for p in pieces] + [self.sep_id], pieces
