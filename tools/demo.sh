#!/bin/sh
# `make demo`: index the real seed report and the small synthetic corpus (corpus/generated,
# clearly marked synthetic) into ./thidua.db, then ask the questions users ask.
set -eu
bin=${1:-bin/thidua}
gen=${2:-corpus/generated}
db=thidua.db
show() {
	printf '\n$ thidua %s\n' "$*"
	"$bin" "$@"
}
# the demo's own database: one another thidua wrote (another schema version) is made again
if [ -e "$db" ] && ! "$bin" stats --db "$db" >/dev/null 2>&1; then
	printf 'demo: %s was written by another version of thidua; indexing into a new one\n' "$db" >&2
	rm -f "$db" "$db-wal" "$db-shm"
fi
show index --db "$db" corpus/tuyen-quang-2020-khoi-noi-chinh-bao-cao-tong-ket-thi-dua.txt "$gen/docs"
show stats --db "$db"
printf '\n# accent-insensitive search: dong finds đồng, động, đông…\n'
show search --db "$db" --limit 3 --year 2020 dong
printf '\n# sỹ = sĩ, abbreviations both ways, numbers however grouped\n'
show search --db "$db" --limit 3 --year 2020 '"chien si thi dua"'
show search --db "$db" --limit 3 --year 2020 THADS
show search --db "$db" --limit 3 1419
printf '\n# the report read like an auditor\n'
show docs --db "$db" --year 2020 --format tsv
show figures --db "$db" --kind score --max 999 --year 2020
show awards --db "$db" --unit "cong an tinh" --award "Cờ thi đua" --year 2018-2022
