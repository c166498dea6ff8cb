#!/usr/bin/env bash
# The steps of action.yml (the botocore upgrade gate as a composite GitHub Action), as a script:
# `detect` finds the lock file, `gate` runs the gate and writes the step summary, annotations and
# outputs. Kept out of action.yml so that tests/test_action.py can run exactly these steps on a
# synthetic pull request, outside GitHub.
#
# Environment (action.yml maps its inputs onto it):
#   INPUT_LOCK_FILE   the lock or requirements file; empty: the first of uv.lock, poetry.lock,
#                     pdm.lock, Pipfile.lock, requirements.txt, requirements*.txt
#   INPUT_FROM        the pinned release; empty: git:BASE_SHA:<lock file>
#   INPUT_TO          the candidate release; empty: <lock file> as the pull request has it
#   INPUT_CONTRACTS, INPUT_FIXTURES, INPUT_FAIL_ON   passed on when set (else pyproject's
#                     [tool.botocontract], else botocontract's defaults)
#   BASE_SHA          the pull request's base commit (github.event.pull_request.base.sha)
#   LOCK_FILE         (gate) what `detect` found
#   SUMMARY_LIMIT     the most the step summary may hold, in bytes (GitHub: 1 MiB)
#   BOTOCONTRACT_CACHE_DIR   the wheel cache; default ~/.cache/botocontract, which action.yml caches
#   GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   as GitHub sets them
set -euo pipefail

die() {
  # One annotation and one line in the log; exit 2, as botocontract does on bad input.
  echo "::error title=botocontract gate::$1"
  exit 2
}

detect() {
  local lock="${INPUT_LOCK_FILE:-}"
  if [ -z "$lock" ]; then
    local candidate
    for candidate in uv.lock poetry.lock pdm.lock Pipfile.lock requirements.txt requirements*.txt; do
      if [ -f "$candidate" ]; then
        lock="$candidate"
        break
      fi
    done
  fi
  if [ -z "$lock" ] && { [ -z "${INPUT_FROM:-}" ] || [ -z "${INPUT_TO:-}" ]; }; then
    die "no lock file found (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, requirements*.txt): set the lock-file input, or both from and to"
  fi
  if [ -n "$lock" ] && [ ! -f "$lock" ] && [ -z "${INPUT_TO:-}" ]; then
    die "lock-file $lock: no such file"
  fi
  echo "lock-file=$lock" >>"$GITHUB_OUTPUT"
}

# The markdown report, cut at a line so that it fits in $1 bytes, with a note saying so. GitHub
# refuses a step summary over its limit whole, so an uncut report would show nothing at all.
fit() {
  # The program comes with -c: stdin is the report.
  python -c '
import sys

room = int(sys.argv[1])
text = sys.stdin.buffer.read()
if len(text) > room:
    note = (
        f"\n\n**Cut here: the report is {len(text):,} bytes, more than a step summary holds. "
        "Run `botocontract gate` with `--format markdown` locally for all of it.**\n"
    ).encode()
    cut = text.rfind(b"\n", 0, max(0, room - len(note)))
    text = text[: max(cut, 0)] + note
sys.stdout.buffer.write(text)
' "$1"
}

gate() {
  local lock="${LOCK_FILE:-}" from="${INPUT_FROM:-}" to="${INPUT_TO:-}"
  if [ -z "$from" ]; then
    local base="${BASE_SHA:-}"
    [ -n "$base" ] || die "no base commit to read the lock file at: set the from input (outside a pull_request event)"
    if ! git cat-file -e "$base^{commit}" 2>/dev/null; then
      # actions/checkout fetches only the merge commit by default: bring the base commit along.
      git fetch --no-tags --quiet --depth=1 origin "$base" || die "cannot fetch the base commit $base"
    fi
    from="git:$base:$lock"
  fi
  to="${to:-$lock}"
  # Where the cache step keeps the wheels, on every runner's OS (platformdirs differs on macOS).
  export BOTOCONTRACT_CACHE_DIR="${BOTOCONTRACT_CACHE_DIR:-$HOME/.cache/botocontract}"
  local args=(gate --from "$from" --to "$to")
  [ -z "${INPUT_CONTRACTS:-}" ] || args+=(--contracts "$INPUT_CONTRACTS")
  [ -z "${INPUT_FIXTURES:-}" ] || args+=(--fixtures "$INPUT_FIXTURES")
  [ -z "${INPUT_FAIL_ON:-}" ] || args+=(--fail-on "$INPUT_FAIL_ON")
  echo "botocontract ${args[*]}"

  local limit="${SUMMARY_LIMIT:-1048576}" used=0 room
  [ ! -f "${GITHUB_STEP_SUMMARY:-}" ] || used=$(wc -c <"$GITHUB_STEP_SUMMARY")
  room=$((limit - used))
  local markdown=(--format markdown)
  local help
  help=$(botocontract gate --help)  # whole, not piped into grep -q: pipefail and an early close
  if [[ "$help" == *--max-bytes* ]] && [ "$room" -ge 4096 ]; then
    markdown+=(--max-bytes "$room")  # the report lays itself out to fit; fit() stays a guard
  fi

  # Both reports whatever the first says: exit codes are collected, not left to `set -e`. The
  # second run reads the wheels the first fetched.
  local summary=0 annotations=0 temp="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
  botocontract "${args[@]}" "${markdown[@]}" >"$temp/botocontract-summary.md" || summary=$?
  fit "$room" <"$temp/botocontract-summary.md" >>"$GITHUB_STEP_SUMMARY"
  # The report writes what fails the gate first, at most the 10 annotations of each kind GitHub
  # shows per step, and counts the rest in its last line.
  botocontract "${args[@]}" --format github || annotations=$?

  local code=$summary
  [ "$code" -ne 0 ] || code=$annotations
  {
    echo "from=$from"
    echo "to=$to"
    echo "exit-code=$code"
    if [ "$code" -eq 0 ]; then echo "verdict=pass"; elif [ "$code" -eq 1 ]; then echo "verdict=fail"; else echo "verdict=error"; fi
  } >>"$GITHUB_OUTPUT"
  # 0: the upgrade passes; 1: the gate failed; 2: bad input; 3: internal error.
  exit "$code"
}

case "${1:-}" in
  detect) detect ;;
  gate) gate ;;
  *) echo "usage: $0 detect|gate" >&2 && exit 2 ;;
esac
