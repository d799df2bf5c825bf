# The client of `hintc serve-rewards` that every reward shim holds (each shim is one self-contained file users
# copy). `npm run gen` (scripts/gen-reward-shims.ts) puts what is above the marker line in place of the
# template's `# {{service client}}` line, and what is below it after the template's last line.
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

# {{the shim's own functions}}


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
