#!/usr/bin/env bash
# The engine on a CUDA machine, in one go (prepared in a session without a GPU; see bench/README.md).
#   bash bench/gpu-check.sh            # engine checks on CUDA + bf16 Qwen2 (0.5B shape, random weights) throughput
#   SIZE=tiny bash bench/gpu-check.sh  # a smaller Qwen2 for small cards
# Needs: an NVIDIA GPU, a Python with torch (CUDA build) and transformers ($HINTC_PYTHON, else python3).
# Node is optional: when node_modules is present the vitest engine suite also runs on CUDA.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${HINTC_PYTHON:-python3}"
export OPENBLAS_NUM_THREADS=1

nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || { echo "no NVIDIA GPU visible"; exit 1; }
"$PY" -c "import torch, transformers; assert torch.cuda.is_available(), 'torch sees no CUDA device'; print('torch', torch.__version__, 'CUDA', torch.version.cuda, 'transformers', transformers.__version__)"

echo "== Python unit checks (frames, loss gradients) on CPU"
PYTHONPATH=src/trainer "$PY" -m unittest discover -s test/python -t test/python

echo "== engine checks over the protocol on CUDA, then Qwen2 bf16 throughput"
"$PY" bench/gpu_check.py --device cuda --size "${SIZE:-0.5b}" --rows "${ROWS:-256}" --new-tokens "${NEW_TOKENS:-512}"

if [ -d node_modules ] && command -v npx >/dev/null; then
  echo "== vitest engine suite with the tiny model on CUDA (DDP test stays on CPU/gloo)"
  HINTC_PYTHON="$PY" HINTC_TEST_DEVICE=cuda HINTC_REQUIRE_TORCH=1 npx vitest run test/integration/engine
else
  echo "== (node_modules absent: vitest engine suite skipped; the checks above cover the same properties)"
fi
