#!/bin/sh
# Rebuild data/passages.zdict, the zstd dictionary passage text is compressed with
# (lib/vn_pack.c). Trained only on real text — the seed report and the legacy transcripts —
# never on the synthetic corpus, whose benchmark it would otherwise flatter. Changing the
# dictionary changes the database format: bump schema_version in schema/thidua.sql.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$top"/corpus/tuyen-quang-2020-*.txt "$top"/tests/fixtures/legacy/truth/*.txt; do
	# one sample per paragraph, as passages are stored one by one
	awk -v dir="$tmp" -v base="$(basename "$f" .txt)" \
		'NF { n++; out = sprintf("%s/%s-%05d", dir, base, n); print > out; close(out) }' "$f"
done
zstd --train -q "$tmp"/* --maxdict=65536 -o "$top/data/passages.zdict"
