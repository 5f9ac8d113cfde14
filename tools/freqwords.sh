#!/bin/sh
# Regenerate data/frequent_words.txt: the 300 most frequent lower-cased words of the seed
# report (corpus/), the text the detector may learn from (never the legacy transcripts it
# is measured on). Words of one or two ASCII letters are left out: they say nothing
# about an encoding.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
{
	echo "# The 300 most frequent words of the seed report (tools/freqwords.sh), one a line, with"
	echo "# their count: encoding detection counts hits on them."
	LC_ALL=C.UTF-8 tr -s '[:space:][:punct:]' '\n' <"$top/corpus/tuyen-quang-2020-khoi-noi-chinh-bao-cao-tong-ket-thi-dua.txt" |
		LC_ALL=C.UTF-8 tr '[:upper:]' '[:lower:]' | grep -v '^[a-z]\{0,2\}$' | grep -v '[0-9]' |
		sort | uniq -c | sort -k1,1nr -k2 | head -n 300 | awk '{print $2 "\t" $1}'
} >"$top/data/frequent_words.txt"
