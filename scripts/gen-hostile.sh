#!/usr/bin/env bash
# Generates the hostile inputs of docs/benchmarks.md ("Hostile input") into
# DIR (default target/hostile). Nothing generated is committed.
#
#   many/spec00000.yaml … spec09999.yaml   10 000 small specs (one run)
#   long-path.json                          one path key of 80 000 bytes
#   many-enum.yaml                          ~8 MB, 10^6 enum values (not UPPER_SNAKE_CASE)
#   regex-ruleset.yaml                      `pattern` rules with nested repetition
#
# Usage: scripts/gen-hostile.sh [DIR]
set -euo pipefail
out=${1:-target/hostile}
mkdir -p "$out/many"

# 10 000 small specs, each with a few findings (singular resource, version).
for i in $(seq -w 0 9999); do
  printf 'openapi: 3.0.0\ninfo:\n  title: Spec %s\n  version: v1\npaths:\n  /order/{id}:\n    get:\n      responses:\n        "200":\n          description: ok\n' \
    "$i" > "$out/many/spec0$i.yaml"
done

# One path key of exactly 80 000 bytes: /item0/item1/… (every segment singular).
path=$(seq 0 19999 | awk '{ s = s "item" $0 "/" } END { printf "%s", substr(s, 1, 79999) }')
printf '{"openapi":"3.0.0","info":{"title":"t","version":"1.0.0"},"paths":{"/%s":{"get":{"responses":{"200":{"description":"ok"}}}}}}\n' \
  "$path" > "$out/long-path.json"

# 10^6 enum values that are not UPPER_SNAKE_CASE (rule 240), ~8 MB.
{
  printf 'openapi: 3.0.0\ninfo:\n  title: t\n  version: 1.0.0\npaths: {}\ncomponents:\n  schemas:\n    Big:\n      type: string\n      enum: ['
  seq 1 1000000 | sed 's/^/v/' | paste -sd, | tr -d '\n'
  printf ']\n'
} > "$out/many-enum.yaml"

# Nested repetition: `(a+)+$` (linear engine), and one that needs
# backtracking (a backreference) applied to every description of a spec.
cat > "$out/regex-ruleset.yaml" <<'EOF'
extends: [zalando]
rules:
  nested-repetition:
    description: Descriptions end with a run of a (nested repetition)
    given: $..description
    severity: warn
    then:
      function: pattern
      functionOptions:
        notMatch: "([a-z]+)+$"
  nested-repetition-backreference:
    description: The same with a backreference (backtracking engine)
    given: $..description
    severity: warn
    then:
      function: pattern
      functionOptions:
        notMatch: "^(\\w)(?:\\1?\\w+\\s?)+$"
EOF
echo "generated in $out"
