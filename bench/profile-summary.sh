#!/usr/bin/env bash
# Where core-api spends its CPU: the hottest methods in a JFR recording (bench/run.sh PROFILE=1) or in
# async-profiler's collapsed stacks (PROFILE=async).
#   bench/profile-summary.sh core-api.jfr [N]      bench/profile-summary.sh profile-get-war.collapsed [N]
# Prints the top N (25) methods by samples on top of the stack (self), the top N Guildhall methods
# anywhere on the stack (inclusive), and the top N packages by self samples.
set -euo pipefail
file=${1:?usage: profile-summary.sh FILE.jfr|FILE.collapsed [N]}
n=${2:-25}

# Both inputs as collapsed stacks: "root;...;leaf count", one line per sample or per distinct stack.
collapsed() {
  if [[ "$file" == *.collapsed ]]; then
    cat "$file"
  else
    jfr print --stack-depth 128 --events jdk.ExecutionSample "$file" | awk '
      /stackTrace = \[/ { in_stack = 1; depth = 0; next }
      in_stack && /^[[:space:]]*\]/ {
        in_stack = 0; line = ""
        for (i = depth; i >= 1; i--) line = line (line == "" ? "" : ";") frame[i]
        print line, 1; next }
      in_stack {
        f = $0
        sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*/, "", f); sub(/\(.*$/, "", f)
        if (f != "...") frame[++depth] = f }'
  fi
}

collapsed | awk -v n="$n" '
  { c = $NF; line = $0; sub(/ [0-9]+$/, "", line); total += c
    k = split(line, fs, ";"); leaf = fs[k]; gsub("/", ".", leaf); self[leaf] += c
    pkg = leaf; sub(/\.[^.]+\.[^.]+$/, "", pkg); pkgs[pkg] += c
    delete seen
    for (i = 1; i <= k; i++) {
      fr = fs[i]; gsub("/", ".", fr)
      if (fr ~ /^dev\.guildhall\./ && !(fr in seen)) { seen[fr] = 1; incl[fr] += c }
    } }
  END {
    printf "%d samples\n\n", total
    print "== self (top of stack) =="
    for (f in self) printf "%6d %5.1f%%  %s\n", self[f], 100 * self[f] / total, f | "sort -rn | head -" n
    close("sort -rn | head -" n)
    print "\n== Guildhall methods, inclusive (anywhere on the stack) =="
    for (f in incl) printf "%6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / total, f | "sort -rn | head -" n
    close("sort -rn | head -" n)
    print "\n== packages, self =="
    for (p in pkgs) printf "%6d %5.1f%%  %s\n", pkgs[p], 100 * pkgs[p] / total, p | "sort -rn | head -" n
    close("sort -rn | head -" n)
  }'
