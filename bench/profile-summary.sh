#!/usr/bin/env bash
# Where core-api spends its CPU: the hottest methods in a JFR recording (bench/run.sh PROFILE=1) or in
# async-profiler's collapsed stacks (PROFILE=async).
#   bench/profile-summary.sh core-api.jfr [N]      bench/profile-summary.sh profile-get-war.collapsed [N]
# Prints the top N (25) methods by samples on top of the stack (self), the top N Guildhall methods
# anywhere on the stack (inclusive), and the top N packages by self samples.
set -euo pipefail
file=${1:?usage: profile-summary.sh FILE.jfr|FILE.collapsed [N]}
n=${2:-25}
if [[ "$file" == *.collapsed ]]; then
  # async-profiler's collapsed stacks ("root;...;leaf count", classes with slashes): same three lists
  awk -v n="$n" '
    { c = $NF; line = $0; sub(/ [0-9]+$/, "", line); total += c
      k = split(line, fs, ";"); leaf = fs[k]; gsub("/", ".", leaf); self[leaf] += c
      pkg = leaf; sub(/\.[^.]+\.[^.]+$/, "", pkg); pkgs[pkg] += c
      delete seen
      for (i = 1; i <= k; i++) { fr = fs[i]; gsub("/", ".", fr); if (fr ~ /^dev\.guildhall\./ && !(fr in seen)) { seen[fr] = 1; incl[fr] += c } } }
    END {
      printf "%d CPU samples (async-profiler)\n\n", total
      print "== self (top of stack) =="
      for (f in self) printf "%6d %5.1f%%  %s\n", self[f], 100 * self[f] / total, f | "sort -rn | head -" n
      close("sort -rn | head -" n)
      print "\n== Guildhall methods, inclusive (anywhere on the stack) =="
      for (f in incl) printf "%6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / total, f | "sort -rn | head -" n
      close("sort -rn | head -" n)
      print "\n== packages, self =="
      for (p in pkgs) printf "%6d %5.1f%%  %s\n", pkgs[p], 100 * pkgs[p] / total, p | "sort -rn | head -" n
      close("sort -rn | head -" n)
    }' "$file"
  exit 0
fi
jfr print --stack-depth 128 --events jdk.ExecutionSample "$file" | awk -v n="$n" '
  /stackTrace = \[/ { in_stack = 1; depth = 0; delete seen; total++; next }
  in_stack && /^[[:space:]]*\]/ { in_stack = 0; next }
  in_stack {
    frame = $0
    sub(/^[[:space:]]+/, "", frame); sub(/[[:space:]]+line:.*/, "", frame); sub(/\(.*$/, "", frame)
    if (frame == "...") next
    if (depth == 0) {
      self[frame]++
      pkg = frame; sub(/\.[^.]+\.[^.]+$/, "", pkg); pkgs[pkg]++
    }
    if (frame ~ /^dev\.guildhall\./ && !(frame in seen)) { seen[frame] = 1; incl[frame]++ }
    depth++
  }
  END {
    printf "%d execution samples\n\n", total
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
