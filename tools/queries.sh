# Sourced by tools/bench_national.sh and tools/bench_queries.sh: the benchmark queries.

# The queries of FILE (tools/bench_queries.tsv: QUERY <TAB> --year <TAB> --unit), one a line
# as "query<TAB>year<TAB>unit" with "-" for an empty field (read would merge adjacent TABs).
query_lines() {
	grep -v '^#' "$1" | awk -F'\t' -v OFS='\t' '{for (i = 1; i <= 3; i++) if ($i == "") $i = "-"; print $1, $2, $3}'
}

# query_opts DB YEAR UNIT: the array opts, thidua search's options for one query line.
query_opts() {
	opts=(--db "$1" --limit 20 --format tsv)
	[ "$2" = - ] || opts+=(--year "$2")
	[ "$3" = - ] || opts+=(--unit "$3")
}
