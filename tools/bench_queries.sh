#!/bin/bash
# Query latency only (issue 4's 30 queries, tools/bench_queries.tsv) on an existing database,
# without re-indexing anything: what `make bench-national` measures for `thidua search`,
# plus CPU time, an optional second binary measured in the same run, and how many of its
# top 20 passages the first binary's top 20 share.
#
#   tools/bench_queries.sh DB THIDUA [OLD_THIDUA]
#
# Each query runs BENCH_REPS times (default 5) per binary, the two binaries alternating; the
# median wall and median CPU (user + sys, from bash's `time`) of each are kept, then p50 and
# p95 (nearest rank) over the queries. Process start alone is `thidua --help`, timed the
# same way. With OLD_THIDUA, "overlap" is how many of the new top 20 passages are in the
# old top 20 (out of the old count), and "score20" the score of the 20th passage of each
# (vn_rank: 200 adjacency + 100 accents + BM25 < 100, so it tells whether the new top 20
# stay in the old top 20's tier). Per-query rows go to stdout, the summary to stderr.
set -eu
. "$(dirname "$0")/queries.sh"
[ $# -ge 2 ] || {
	echo "usage: $0 DB THIDUA [OLD_THIDUA]" >&2
	exit 2
}
db=$1
new=$2
old=${3:-}
reps=${BENCH_REPS:-5}
queries=${BENCH_QUERIES:-$(cd "$(dirname "$0")" && pwd)/bench_queries.tsv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
pct() { sort -g | awk -v p="$1" '{v[NR] = $1} END {k = int(NR * p / 100 + 0.999999); if (k < 1) k = 1; print v[k]}'; }

# run CMD... once: prints "wall_ms cpu_ms" (output discarded)
run() {
	local t TIMEFORMAT='%3R %3U %3S'
	t=$({ time "$@" >/dev/null 2>&1; } 2>&1) || true
	echo "$t" | awk '{printf "%.1f %.1f\n", $1 * 1000, ($2 + $3) * 1000}'
}
# REPS runs of each binary, alternating; "$tmp/<tag>" gets one "wall cpu" line a run
measure() { # tag binary args... (tag "n" or "o")
	local tag=$1 bin=$2
	shift 2
	run "$bin" "$@" >>"$tmp/$tag"
}
# the score column of the last row of a search's TSV output (its header read from the binary)
score20() {
	awk -F'\t' -v c="$score_col" 'END {printf "%.1f", $c}' "$1"
}
medians() { # file: "wall cpu" medians
	echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f2 "$1" | median)"
}

score_col=$("$new" search --db "$db" --format tsv --limit 1 thidua-no-such-word | head -1 | tr '\t' '\n' | grep -nx score | cut -d: -f1)
echo "machine: $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
: >"$tmp/n"
: >"$tmp/o"
for r in $(seq "$reps"); do
	measure n "$new" --help
	[ -z "$old" ] || measure o "$old" --help
done
echo "process start (--help), wall/CPU ms: new $(medians "$tmp/n")${old:+, old $(medians "$tmp/o")}" >&2

printf 'query\twall_ms\tcpu_ms\trows%s\n' "${old:+	old_wall_ms	old_cpu_ms	old_rows	overlap	score20	old_score20}"
: >"$tmp/rows"
query_lines "$queries" |
	while IFS=$'\t' read -r q year unit; do
		query_opts "$db" "$year" "$unit"
		[ "$year" = - ] && year=
		[ "$unit" = - ] && unit=
		: >"$tmp/n"
		: >"$tmp/o"
		for r in $(seq "$reps"); do
			measure n "$new" search "${opts[@]}" "$q"
			[ -z "$old" ] || measure o "$old" search "${opts[@]}" "$q"
		done
		"$new" search "${opts[@]}" "$q" | tail -n +2 >"$tmp/new.rows"
		cut -f2 "$tmp/new.rows" | sort >"$tmp/new.ids"
		line="$q${year:+ --year $year}${unit:+ --unit $unit}	$(medians "$tmp/n" | tr ' ' '\t')	$(wc -l <"$tmp/new.ids")"
		if [ -n "$old" ]; then
			"$old" search "${opts[@]}" "$q" | tail -n +2 >"$tmp/old.rows"
			cut -f2 "$tmp/old.rows" | sort >"$tmp/old.ids"
			line="$line	$(medians "$tmp/o" | tr ' ' '\t')	$(wc -l <"$tmp/old.ids")	$(comm -12 "$tmp/new.ids" "$tmp/old.ids" | wc -l)"
			line="$line	$(score20 "$tmp/new.rows")	$(score20 "$tmp/old.rows")"
		fi
		echo "$line" | tee -a "$tmp/rows"
	done
summary() { # column name
	local col=$1
	echo "$2: p50 $(cut -f"$col" "$tmp/rows" | pct 50) p95 $(cut -f"$col" "$tmp/rows" | pct 95)" >&2
}
summary 2 "new wall ms"
summary 3 "new CPU ms"
if [ -n "$old" ]; then
	summary 5 "old wall ms"
	summary 6 "old CPU ms"
	echo "overlap with the old top 20: $(awk -F'\t' '{s += $8; n += $7} END {print s " of " n}' "$tmp/rows")" >&2
fi
