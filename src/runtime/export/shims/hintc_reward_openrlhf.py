# GENERATED FILE, DO NOT EDIT. Made by `npm run gen` in hintc's repository from
# src/runtime/export/shim-templates/hintc_reward_openrlhf.py and service-client.py; the copy `hintc export`
# wrote beside your data set is yours to change.
"""hintc's reward for OpenRLHF: verdicts from a running `hintc serve-rewards`.

Written by `hintc export --to openrlhf` beside the exported Parquet file. Train with

    --prompt_data train.openrlhf.parquet --input_key prompt --label_key label \
    --remote_rm_url hintc_reward_openrlhf.py

and without --apply_chat_template: "prompt" already is the exact prompt hintc compiled (chat template
applied, hint placed as the spec says, also as the start of the response), and "label" is a JSON string
with the answer, the hint level and the check.

reward_func(queries, prompts, labels) returns OpenRLHF's dict: "rewards" and "scores" (tensors of 1.0 /
0.0) and "extra_logs" (tensors OpenRLHF logs: "hint_level", "answered"), plus "extracted" (the answers
read, a list of strings, for your own logging). Without torch the tensors are plain lists.

Start the service first (`hintc serve-rewards`). HINTC_REWARDS_URL says where it listens (default
http://127.0.0.1:8377); HINTC_REWARDS_TIMEOUT is the seconds one request may take (default 300).
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


def reward_func(queries, prompts, labels, **kwargs):
    """queries: prompt + response as decoded text; prompts: the prompts; labels: the label column."""
    parsed = [_label(label) for label in labels]
    items = []
    for query, prompt, label in zip(queries, prompts, parsed):
        item = {"gold": label["answer"], "response": _response(query, prompt)}
        if label.get("check"):
            item["check"] = label["check"]
        items.append(item)
    verdicts = verify(items)
    scores = [float(v["score"]) for v in verdicts]
    levels = [float(label.get("level", 0)) for label in parsed]
    answered = [0.0 if v["status"] == "no_answer" else 1.0 for v in verdicts]
    return {
        "rewards": _tensor(scores),
        "scores": _tensor(scores),
        "extra_logs": {"hint_level": _tensor(levels), "answered": _tensor(answered)},
        "extracted": [v["extracted"] or "" for v in verdicts],
    }


def _label(label):
    """The export's JSON label; a plain string is taken as the answer itself (math check, level 0)."""
    if isinstance(label, dict):
        return label
    try:
        value = json.loads(label)
    except (TypeError, ValueError):
        return {"answer": "" if label is None else str(label)}
    return value if isinstance(value, dict) and "answer" in value else {"answer": str(label)}


def _response(query, prompt):
    """The response: the query after its prompt (the prompt's instruction may itself mention \\boxed{})."""
    if prompt and query.startswith(prompt):
        return query[len(prompt) :]
    tail = prompt[-200:] if prompt else ""
    at = query.rfind(tail) if tail else -1
    return query[at + len(tail) :] if at >= 0 else query


def _tensor(values):
    try:
        import torch
    except ImportError:
        return values
    return torch.tensor(values, dtype=torch.float32)


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
