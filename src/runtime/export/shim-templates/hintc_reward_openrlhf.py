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

# {{service client}}


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
