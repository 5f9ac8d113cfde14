#!/bin/sh
# `make demo`: index corpus/ into ./thidua.db and run example searches that show
# accent-insensitive, spelling-tolerant matching on the real report.
set -eu
bin=${1:-bin/thidua}
db=thidua.db
show() {
	printf '\n$ thidua %s\n' "$*"
	"$bin" "$@"
}
show index --db "$db" corpus
show docs --db "$db"
show search --db "$db" --limit 3 dong
show search --db "$db" --limit 3 '"chien si thi dua"'
show search --db "$db" --limit 3 '"toà án" Chiêm'
show search --db "$db" --limit 3 THADS
show search --db "$db" --limit 3 1419
show stats --db "$db"
