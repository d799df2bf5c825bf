"""Tokenizers: a character tokenizer built from a config string, or a Hugging Face tokenizer from a folder."""
from __future__ import annotations

import os

from .tensors import RequestError

#: The built-in tokenizer's special tokens come first, then one id per character of the config's vocab.
PAD, EOS = 0, 1
SPECIALS = ["<pad>", "<eos>"]


class CharTokenizer:
    """One token per character of `vocab` (ids from 2); <pad> = 0, <eos> = 1."""

    def __init__(self, vocab: str) -> None:
        if len(set(vocab)) != len(vocab):
            dup = sorted({c for c in vocab if vocab.count(c) > 1})
            raise RequestError(f"the built-in vocab repeats characters: {''.join(dup)!r}")
        if not vocab:
            raise RequestError("the built-in vocab is empty")
        self.vocab = vocab
        self.ids = {c: i + len(SPECIALS) for i, c in enumerate(vocab)}
        self.vocab_size = len(vocab) + len(SPECIALS)
        self.eos_ids = [EOS]
        self.pad_id = PAD

    def encode(self, text: str) -> list[int]:
        try:
            return [self.ids[c] for c in text]
        except KeyError:
            bad = sorted({c for c in text if c not in self.ids})
            raise RequestError(f"characters outside the built-in vocab: {''.join(bad)!r}") from None

    def decode(self, ids: list[int]) -> str:
        n = len(SPECIALS)
        return "".join(self.vocab[i - n] for i in ids if n <= i < self.vocab_size)


class HfTokenizer:
    """A Hugging Face tokenizer; special tokens are neither added by encode nor shown by decode."""

    def __init__(self, path: str, generation_eos: list[int]) -> None:
        from transformers import AutoTokenizer  # only on machines that have it

        self.tok = AutoTokenizer.from_pretrained(path)
        self.vocab_size = len(self.tok)
        eos = list(generation_eos)
        if self.tok.eos_token_id is not None and self.tok.eos_token_id not in eos:
            eos.append(self.tok.eos_token_id)
        self.eos_ids = eos
        self.pad_id = self.tok.pad_token_id if self.tok.pad_token_id is not None else (eos[0] if eos else 0)
        self.name = os.path.basename(os.path.normpath(path))

    def encode(self, text: str) -> list[int]:
        return list(self.tok(text, add_special_tokens=False)["input_ids"])

    def decode(self, ids: list[int]) -> str:
        return self.tok.decode(ids, skip_special_tokens=True)
