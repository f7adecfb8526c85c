# Sourced by the scripts that download from a package registry (npm,
# crates.io, Debian). `retry CMD...` runs CMD up to three times, 10 s and
# then 30 s apart: a registry's passing error (stop 18's CI lost a whole run
# to one failed `npm install`) should cost a minute, not the run. A command
# that fails three times still fails the script, with its own error printed.
retry() {
  local attempt=1 rc
  local -a delays=(10 30)
  while true; do
    "$@" && return 0
    rc=$?
    if ((attempt > ${#delays[@]})); then
      echo "retry: gave up after $attempt attempts (exit $rc): $*" >&2
      return "$rc"
    fi
    echo "retry: attempt $attempt failed (exit $rc), again in ${delays[attempt - 1]} s: $*" >&2
    sleep "${delays[attempt - 1]}"
    attempt=$((attempt + 1))
  done
}
