# GENERATED FILE, DO NOT EDIT. Made by `npm run gen` in hintc's repository from
# src/runtime/export/shim-templates/hintc_reward_trl.py and service-client.py; the copy `hintc export`
# wrote beside your data set is yours to change.
"""hintc's reward for TRL's GRPOTrainer: verdicts from a running `hintc serve-rewards`.

Written by `hintc export --to trl` beside the exported Parquet file:

    from datasets import load_dataset
    from hintc_reward_trl import hintc_reward
    dataset = load_dataset("parquet", data_files="train.trl.parquet", split="train")
    trainer = GRPOTrainer(model=..., reward_funcs=[hintc_reward], train_dataset=dataset, ...)

GRPOTrainer passes every column but "prompt" as a keyword argument: this function reads "answer",
"reward_check" (the data set's check as JSON) and "level". It returns one float per completion (TRL's
contract: list[float]). Where TRL hands over its `log_extra` callback (recent versions), the extracted
answer, the hint level and the verdict's status are logged as extra columns of the completions table, and
the share of completions without an answer as a metric through `log_metric`.

Start the service first (`hintc serve-rewards`). HINTC_REWARDS_URL says where it listens (default
http://127.0.0.1:8377); HINTC_REWARDS_TIMEOUT is the seconds one request may take (default 300).
Standard library only.
"""

import json
import os
import time
import urllib.error
import urllib.request

URL = os.environ.get("HINTC_REWARDS_URL", "http://127.0.0.1:8377").rstrip("/")
TIMEOUT_S = float(os.environ.get("HINTC_REWARDS_TIMEOUT", "300"))
# Items per request: below the service's default --max-batch (4096), so any batch a trainer hands over fits.
CHUNK = 1024
ATTEMPTS = 4


def hintc_reward(completions, answer, reward_check=None, level=None, log_extra=None, log_metric=None, **kwargs):
    """One score per completion: 1.0 when hintc's check finds the answer correct, else 0.0."""
    count = len(completions)
    checks = reward_check if reward_check is not None else [None] * count
    levels = level if level is not None else [0] * count
    items = []
    for completion, gold, check in zip(completions, answer, checks):
        item = {"gold": gold if isinstance(gold, (int, float)) and not isinstance(gold, bool) else str(gold), "response": _text(completion)}
        if check:
            item["check"] = json.loads(check) if isinstance(check, str) else dict(check)
        items.append(item)
    verdicts = verify(items)
    if callable(log_extra):
        log_extra("hintc_extracted", [v["extracted"] or "" for v in verdicts])
        log_extra("hintc_hint_level", [int(x) for x in levels])
        log_extra("hintc_status", [v["status"] for v in verdicts])
    if callable(log_metric) and verdicts:
        log_metric("hintc/no_answer", sum(v["status"] == "no_answer" for v in verdicts) / len(verdicts))
    return [float(v["score"]) for v in verdicts]


def _text(completion):
    """A completion is a string (standard format) or a list of messages (conversational format)."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, dict):
        return str(completion.get("content", ""))
    parts = [m.get("content", "") for m in completion if isinstance(m, dict)]
    return str(parts[-1]) if parts else ""


def verify(items):
    """Verdicts for [{"gold", "response", "check"?}] from the service, in order."""
    verdicts = []
    for start in range(0, len(items), CHUNK):
        verdicts.extend(_post({"items": items[start : start + CHUNK]})["verdicts"])
    return verdicts


def _post(payload):
    body = json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(URL + "/v1/verify", data=body, headers={"Content-Type": "application/json"})
    for attempt in range(ATTEMPTS):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            # 503: the service is restarting; anything else is a request it will never accept.
            if error.code != 503 or attempt == ATTEMPTS - 1:
                raise RuntimeError("hintc serve-rewards refused the request (HTTP %d): %s" % (error.code, error.read().decode("utf-8", "replace"))) from None
        except (urllib.error.URLError, ConnectionError) as error:
            if attempt == ATTEMPTS - 1:
                reason = getattr(error, "reason", error)
                raise RuntimeError("cannot reach hintc serve-rewards at %s (%s); start it with: hintc serve-rewards" % (URL, reason)) from None
        time.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")
