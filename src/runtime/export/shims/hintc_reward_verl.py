# GENERATED FILE, DO NOT EDIT. Made by `npm run gen` in hintc's repository from
# src/runtime/export/shim-templates/hintc_reward_verl.py and service-client.py; the copy `hintc export`
# wrote beside your data set is yours to change.
"""hintc's reward for verl: verdicts from a running `hintc serve-rewards`.

Written by `hintc export --to verl` beside the exported Parquet file. Point verl at it:

    custom_reward_function.path=hintc_reward_verl.py custom_reward_function.name=compute_score
    # one HTTP request per batch instead of per response:
    reward_model.reward_manager=batch custom_reward_function.name=compute_score_batch

Start the service first (`hintc serve-rewards`). HINTC_REWARDS_URL says where it listens (default
http://127.0.0.1:8377); HINTC_REWARDS_TIMEOUT is the seconds one request may take (default 300).
Standard library only.

Each result is a dict. verl uses "score" as the reward and logs every other key (reward_extra_info):
  acc         1.0 when the answer is correct, else 0.0
  pred        the answer read from the response ("" when none; verl's maj@N votes on it)
  hint_level  the row's hint level (extra_info["level"]; 0: no hint)
  status      correct, wrong, no_answer, timeout or error
The check (math, choice, ...) and its settings come from extra_info["reward_check"], which the export wrote
from the data set's reward; without it the service's default math check is used.
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


def compute_score(data_source=None, solution_str=None, ground_truth=None, extra_info=None, **kwargs):
    """verl's per-response signature; the batch reward manager's plural keywords are accepted too."""
    if solution_str is None and "solution_strs" in kwargs:
        return compute_score_batch(**kwargs)
    return _results([solution_str], [ground_truth], [extra_info])[0]


def compute_score_batch(data_sources=None, solution_strs=(), ground_truths=(), extra_infos=None, **kwargs):
    """verl's BatchRewardManager signature: lists in, one result dict per response out."""
    solution_strs = list(solution_strs)
    infos = list(extra_infos) if extra_infos is not None else [None] * len(solution_strs)
    return _results(solution_strs, list(ground_truths), infos)


def _results(responses, golds, infos):
    items = []
    for response, gold, info in zip(responses, golds, infos):
        item = {"gold": _gold(gold), "response": response or ""}
        check = _check(info)
        if check is not None:
            item["check"] = check
        items.append(item)
    verdicts = verify(items)
    return [_result(v, info) for v, info in zip(verdicts, infos)]


def _result(verdict, info):
    return {
        "score": float(verdict["score"]),
        "acc": 1.0 if verdict["correct"] else 0.0,
        "pred": verdict["extracted"] or "",
        "hint_level": int(_get(info, "level", 0) or 0),
        "status": verdict["status"],
    }


def _gold(gold):
    if isinstance(gold, (int, float)) and not isinstance(gold, bool):
        return gold
    return "" if gold is None else str(gold)


def _check(info):
    text = _get(info, "reward_check", None)
    if not text:
        return None
    return json.loads(text) if isinstance(text, str) else dict(text)


def _get(info, key, default):
    if info is None:
        return default
    try:
        return info.get(key, default)
    except AttributeError:
        return default


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
