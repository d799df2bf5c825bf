"""The protocol's operations (specs/protocol.md), each a method op_<name>(body) -> body."""
from __future__ import annotations

import os
import random

import torch

from . import PROTOCOLS, __version__, checkpoint
from .dist import Dist, wrap
from .models import load_policy
from .sampling import Sampling, generate_rows
from .scoring import score_end, sequence_logprobs
from .tensors import Ragged, RequestError
from .training import sft_step, train_step


class ProtocolError(RequestError):
    """The client speaks a protocol version this engine does not."""


#: Ops every rank runs (rank 0 broadcasts them); the rest only rank 0 serves.
COLLECTIVE = {"init", "generate", "logprobs", "score_end", "train_step", "sft_step", "save", "load", "shutdown"}
OPS = COLLECTIVE | {"tokenize", "decode"}


def pick_device(wanted: str, dist: Dist) -> torch.device:
    if wanted not in ("auto", "cpu", "cuda"):
        raise RequestError(f"device must be auto, cpu or cuda, not {wanted!r}")
    if wanted == "cuda" and not torch.cuda.is_available():
        raise RequestError("device cuda was asked for, but torch sees no CUDA device")
    if wanted == "cpu" or not torch.cuda.is_available():
        return torch.device("cpu")
    torch.cuda.set_device(dist.local_rank)
    return torch.device("cuda", dist.local_rank)


def describe(device: torch.device) -> str:
    if device.type == "cuda":
        return f"{device} ({torch.cuda.get_device_name(device)})"
    return f"cpu ({torch.get_num_threads()} threads)"


class Engine:
    def __init__(self) -> None:
        self.dist = Dist()
        self.dist.start(use_cuda=os.environ.get("HINTC_ENGINE_DEVICE", "auto") != "cpu" and torch.cuda.is_available())
        self.policy = None
        self.optimizer = None
        self.grad_clip = 1.0
        self.forward_budget = 1 << 15
        self.generate_budget = 1 << 20
        self.steps = 0

    def collective(self, op) -> bool:
        return op in COLLECTIVE

    def handle(self, op, body: dict) -> dict:
        if op not in OPS:
            raise RequestError(f"unknown op {op!r}")
        if self.policy is None and op not in ("init", "shutdown"):
            raise RequestError(f"{op} before init: the engine has no model yet")
        return getattr(self, "op_" + op)(body)

    def agree(self, ok: bool, body: dict) -> tuple[bool, dict]:
        """All ranks' outcome of a collective op: the leader's result, or the first rank's error."""
        if self.dist.world == 1:
            return ok, body
        outcomes = self.dist.gather_objects(None if ok else body)
        for rank, failure in enumerate(outcomes):
            if failure is not None:
                failure = dict(failure)
                failure["message"] = f"rank {rank}: {failure['message']}"
                return False, failure
        return ok, body

    def close(self) -> None:
        self.dist.stop()

    # -- handshake ---------------------------------------------------------------------------------
    def op_init(self, body: dict) -> dict:
        if body.get("protocol") not in PROTOCOLS:
            raise ProtocolError(f"the client speaks protocol {body.get('protocol')}; this engine speaks {list(PROTOCOLS)}")
        if self.policy is not None:
            raise RequestError("init was already done")
        cfg = body.get("config") or {}
        seed = int(cfg.get("seed", 0))
        random.seed(seed)
        torch.manual_seed(seed)
        device = pick_device(cfg.get("device", "auto"), self.dist)
        policy = load_policy(cfg.get("model") or {}, device)
        policy.precision = cfg.get("precision", "bf16")
        if policy.precision not in ("bf16", "fp32"):
            raise RequestError(f"precision must be bf16 or fp32, not {policy.precision!r}")
        if cfg.get("reference_model"):
            policy.freeze_reference()
        wrap(policy, self.dist, cfg.get("strategy", "ddp"))
        opt = cfg.get("optimizer") or {}
        betas = opt.get("betas", [0.9, 0.999])
        params = [p for p in policy.wrapped.parameters() if p.requires_grad]
        self.optimizer = torch.optim.AdamW(params, lr=float(opt.get("lr", 1e-5)), betas=(float(betas[0]), float(betas[1])),
                                           weight_decay=float(opt.get("weight_decay", 0.0)), eps=float(opt.get("eps", 1e-8)))
        self.grad_clip = float(opt.get("grad_clip", 1.0))
        # Logits are tokens x vocabulary: a 150k vocabulary needs far smaller forwards than the built-in 18.
        default_budget = self.forward_budget if policy.kind == "builtin" else 8192
        self.forward_budget = int(cfg.get("forward_token_budget", default_budget))
        self.generate_budget = int(cfg.get("generate_token_budget", self.generate_budget))
        self.policy = policy
        tok = policy.tokenizer
        return {
            "protocol": PROTOCOLS[-1], "engine_version": __version__, "device": describe(device),
            "world_size": self.dist.world, "vocab_size": tok.vocab_size, "eos_token_ids": list(tok.eos_ids),
            "pad_token_id": tok.pad_id, "model_name": policy.meta.get("name", policy.kind), "max_len": policy.max_len,
            "parameters": sum(p.numel() for p in policy.core.parameters()), "torch_version": torch.__version__,
            "strategy": cfg.get("strategy", "ddp"), "precision": policy.precision if device.type == "cuda" else "fp32",
        }

    def op_shutdown(self, body: dict) -> dict:
        return {}

    # -- text ----------------------------------------------------------------------------------------
    def op_tokenize(self, body: dict) -> dict:
        texts = body.get("texts")
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise RequestError("tokenize: texts must be a list of strings")
        enc = self.policy.tokenizer.encode
        return {"tokens": Ragged.from_lists([enc(t) for t in texts], "i32").to_wire("i32")}

    def op_decode(self, body: dict) -> dict:
        tokens = self._tokens(body, "tokens")
        dec = self.policy.tokenizer.decode
        return {"texts": [dec(r.tolist()) for r in tokens.rows()]}

    def _tokens(self, body: dict, key: str) -> Ragged:
        r = Ragged.from_wire(body.get(key), "i32", key)
        if r.values.numel():
            lo, hi = int(r.values.min()), int(r.values.max())
            if lo < 0 or hi >= self.policy.tokenizer.vocab_size:
                raise RequestError(f"{key}: token ids must lie in 0..{self.policy.tokenizer.vocab_size - 1}, found {lo if lo < 0 else hi}")
        return r

    # -- sampling and scoring ------------------------------------------------------------------------
    @torch.no_grad()
    def op_generate(self, body: dict) -> dict:
        prompts, prefixes = self._tokens(body, "prompts"), self._tokens(body, "prefixes")
        if len(prompts) != len(prefixes):
            raise RequestError(f"generate: {len(prompts)} prompts but {len(prefixes)} prefixes")
        s = Sampling.parse(body.get("sampling") or {})
        mine = list(self.dist.my_slice(len(prompts) * s.n))
        contexts = [torch.cat([prompts.row(r // s.n), prefixes.row(r // s.n)]).long() for r in mine]
        prefix_lens = [len(prefixes.row(r // s.n)) for r in mine]
        if self.dist.lockstep:  # FSDP: equal rows on every rank so every forward is matched
            per = -(-len(prompts) * s.n // self.dist.world)
            filler = torch.cat([prompts.row(0), prefixes.row(0)]).long()
            contexts += [filler] * (per - len(contexts))
            prefix_lens += [len(prefixes.row(0))] * (per - len(prefix_lens))
        gen = torch.Generator(device=self.policy.device)
        gen.manual_seed((s.seed * 1_000_003 + self.dist.rank) % (1 << 63))
        self.policy.core.eval()
        rows = []
        width = max((len(c) for c in contexts), default=1) + s.max_new_tokens
        per_chunk = max(1, self.generate_budget // width)
        chunks = [list(range(i, min(i + per_chunk, len(contexts)))) for i in range(0, len(contexts), per_chunk)]
        for chunk in self.dist.pad_rounds(chunks):
            idx = chunk or [0]
            got = generate_rows(self.policy, [contexts[i] for i in idx], [prefix_lens[i] for i in idx], s, gen, self.dist)
            rows += got if chunk else []
        parts = self.dist.gather_objects([(r.tokens, r.logprobs, r.prefix_logprobs, r.finish) for r in rows[: len(mine)]])
        if not self.dist.leader:
            return {}
        flat = [row for part in parts for row in part]
        dec = self.policy.tokenizer.decode
        return {
            "tokens": Ragged.from_lists([r[0] for r in flat], "i32").to_wire("i32"),
            "logprobs": Ragged.from_lists([r[1] for r in flat], "f32").to_wire("f32"),
            "prefix_logprobs": Ragged.from_lists([r[2] for r in flat], "f32").to_wire("f32"),
            "texts": [dec(r[0]) for r in flat],
            "finish_reasons": [r[3] for r in flat],
        }

    def _gather_rows(self, rows: list, key: str) -> dict:
        parts = self.dist.gather_objects([r.tolist() for r in rows])
        if not self.dist.leader:
            return {}
        return {key: Ragged.from_lists([r for part in parts for r in part], "f32").to_wire("f32")}

    def op_logprobs(self, body: dict) -> dict:
        seqs = [r.long() for r in self._tokens(body, "tokens").rows()]
        mine = [seqs[i] for i in self.dist.my_slice(len(seqs))]
        self.policy.core.eval()
        return self._gather_rows(sequence_logprobs(self.policy, mine, self.forward_budget, self.dist), "logprobs")

    def op_score_end(self, body: dict) -> dict:
        tokens = self._tokens(body, "tokens")
        cands = Ragged.from_wire(body.get("candidates"), "i32", "candidates")
        end = body.get("end")
        if len(cands) != len(tokens):
            raise RequestError(f"score_end: {len(tokens)} sequences but {len(cands)} candidate lists")
        if not isinstance(end, list) or not all(isinstance(t, int) and 0 <= t < self.policy.tokenizer.vocab_size for t in end):
            raise RequestError("score_end: end must be a list of token ids of the model's vocabulary")
        sl = self.dist.my_slice(len(tokens))
        seqs = [tokens.row(i).long() for i in sl]
        cl = [cands.row(i) for i in sl]
        self.policy.core.eval()
        return self._gather_rows(score_end(self.policy, seqs, cl, end, self.forward_budget, self.dist), "scores")

    # -- training and state --------------------------------------------------------------------------
    def op_train_step(self, body: dict) -> dict:
        self._tokens(body, "tokens")
        metrics = train_step(self.policy, self.optimizer, body, self.dist, self.grad_clip)
        self.steps += 1
        return metrics

    def op_sft_step(self, body: dict) -> dict:
        self._tokens(body, "tokens")
        metrics = sft_step(self.policy, self.optimizer, body, self.dist, self.grad_clip)
        self.steps += 1
        return metrics

    def op_save(self, body: dict) -> dict:
        folder = body.get("dir")
        if not isinstance(folder, str) or not folder:
            raise RequestError("save: dir must be a folder path")
        checkpoint.save(self.policy, self.optimizer, folder, self.dist, self.steps)
        return {"dir": os.path.abspath(folder), "step": self.steps}

    def op_load(self, body: dict) -> dict:
        folder = body.get("dir")
        if not isinstance(folder, str) or not os.path.isdir(folder):
            raise RequestError(f"load: {folder!r} is not a folder")
        self.steps = checkpoint.load(self.policy, self.optimizer, folder, self.dist)
        return {"dir": os.path.abspath(folder), "step": self.steps}
