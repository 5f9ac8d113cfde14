# Issue 2: index the seed report and search it the Vietnamese way.
. "$TOP/tests/cli/lib.sh"

run index --db seed.db "$SEED"
expect_rc 0
expect_err "1 indexed, 0 unchanged, 0 removed, 0 failed"
# the index holds exactly what the tokenizer makes of the stored text (rank 1: checked
# against the content, not only internally): tokens computed by the workers (from fact
# extraction's words) and replayed in the writer must not differ from it
expect_eq "$(sql seed.db "INSERT INTO passages_fts(passages_fts, rank) VALUES('integrity-check', 1); SELECT 'ok'" 2>&1)" \
	"ok" "FTS5 integrity-check of the seed's index"

run docs --db seed.db --format tsv
expect_eq "$(tsv_col year)" "2020" "year of the seed"
expect_eq "$(tsv_col date)" "2020-12-25" "date of the seed"
# 132 paragraphs (lines) in the seed; 7 of them are the rest of a sentence a page break cut
# (29+33, 71+73, 85+97, 95+101, 119+121, 221+223, 235+237 of the file) and are joined again
expect_eq "$(tsv_col passages)" "125" "one passage per paragraph of the seed, cut sentences joined"

# --- dong finds every passage with đồng (and động, đông…): the issue counts 62
run passages --db seed.db --format tsv
# grep -i, not awk's tolower: mawk does not know that Đ is the capital of đ
printf '%s\n' "$OUT" | tail -n +2 | cut -f1,6 | grep -i 'đồng' | cut -f1 | sort >with_dong_accented
printf '%s\n' "$OUT" | tail -n +2 | cut -f1,6 | grep -i 'động' | cut -f1 | sort >with_dong_heavy
run search --db seed.db --limit 0 --format tsv dong
expect_rc 0
tsv_col passage | sort >found_dong
expect_eq "$(comm -23 with_dong_accented found_dong | wc -l)" "0" "passages with đồng missed by dong"
expect_eq "$(comm -23 with_dong_heavy found_dong | wc -l)" "0" "passages with động missed by dong"
# 62 paragraphs; three of them are halves of a sentence cut by a page break, joined again
expect_eq "$(wc -l <found_dong)" "59" "passages whose words fold to dong"
# and with diacritics typed, only the exact word
run search --db seed.db --limit 0 --format tsv đồng
tsv_col passage | sort >found_exact
expect_eq "$(comm -3 with_dong_accented found_exact | wc -l)" "0" "đồng finds exactly the passages with đồng"

# --- "chien si thi dua" finds both Chiến sỹ thi đua and chiến sĩ thi đua
cat >spell.txt <<'TXT'
Tặng danh hiệu chiến sĩ thi đua cho 05 cá nhân.

Công nhận Chiến sỹ thi đua cơ sở cho 12 cá nhân.

Tòa án nhân dân huyện Chiêm Hoá.

Toà án nhân dân tỉnh Tuyên Quang.
TXT
run index --db spell.db spell.txt
expect_rc 0
run search --db spell.db --format tsv '"chien si thi dua"'
expect_out "chiến sĩ thi đua cho 05"
expect_out "Chiến sỹ thi đua cơ sở"
run search --db spell.db --format tsv '"chiến sỹ thi đua"'
expect_out "chiến sĩ thi đua cho 05" "sỹ = sĩ"
run search --db spell.db --format tsv 'chiêm hóa'
expect_out "Chiêm Hoá" "hóa = hoá"

# --- "toà án" and "tòa án" return the same passages (seed writes Tòa)
run search --db seed.db --limit 0 --format tsv '"toà án"'
tsv_col passage | sort >toa1
run search --db seed.db --limit 0 --format tsv '"tòa án"'
tsv_col passage | sort >toa2
# 9 lines of the seed; two pairs of them are one sentence cut by a page break, joined again
expect_eq "$(wc -l <toa1)" "7" "passages with tòa án"
cmp -s toa1 toa2 || fail "toà án and tòa án differ"

# --- THADS finds passages that only say Thi hành án dân sự
run search --db seed.db --limit 0 --format tsv THADS
tsv_col text >thads_texts
grep -v 'THADS' thads_texts | grep -qi 'thi hành án dân sự' || fail "THADS did not find the full form"
run search --db seed.db --limit 0 --format tsv '"viện kiểm sát nhân dân"'
tsv_col text | grep -v -i 'viện kiểm sát nhân dân' | grep -q 'VKSND' || fail "full form did not find VKSND"

# --- the NFD copy gives the same results as the NFC one
run index --db nfd.db "$VARIANTS/seed.nfd.txt"
expect_rc 0
for q in dong '"tòa án"' THADS 'khen thưởng' '"chien si thi dua"' 1.419 'Quyết thắng'; do
	run search --db seed.db --limit 0 --format tsv "$q"
	tsv_col text >a
	run search --db nfd.db --limit 0 --format tsv "$q"
	tsv_col text >b
	[ -s a ] || fail "no result for $q"
	cmp -s a b || fail "NFC and NFD differ for $q"
done

# --- numbers however grouped
run search --db seed.db --format tsv 1419
expect_out "1.419 cá nhân"
run search --db seed.db --format tsv '"01 tập thể"'
expect_out "01 tập thể"
run search --db seed.db --format tsv '"1 tập thể"'
expect_out "01 tập thể" "01 = 1"

# --- query language
run search --db seed.db --limit 0 --format tsv 'Huân chương -"bảo vệ"'
expect_rc 0
expect_not_out "bảo vệ tổ quốc hạng"
run search --db seed.db --limit 0 --format tsv '(Huân OR Huy) chương'
expect_out "Huân chương"
run search --db seed.db --limit 0 --format tsv 'khen thư*'
expect_out "khen thưởng"
run search --db seed.db --year 2021 dong
expect_rc 0
expect_eq "$OUT" "" "no document about 2021"
run search --db seed.db -- -dong
expect_rc 2
expect_err "not negated"

# --- ranking: the passage with the words adjacent comes first
run search --db seed.db --format tsv --limit 1 cờ thi đua
tsv_col text | grep -qi 'cờ thi đua' || fail "adjacent words not ranked first"

# --- JSON fields (documented in README)
run search --db seed.db --format json --limit 1 THADS
for f in '"passage":' '"doc":' '"path":' '"year":2020' '"section":' '"text":' '"snippet":' '"rank":1'; do
	expect_out "$f"
done

# --- incremental: unchanged files are skipped, changed ones replaced
run index --db spell.db spell.txt
expect_err "0 indexed, 1 unchanged"
echo "Khen thưởng đột xuất." >>spell.txt
run index --db spell.db spell.txt
expect_err "1 indexed, 0 unchanged"
run search --db spell.db --format tsv 'đột xuất'
expect_out "Khen thưởng đột xuất"
run docs --db spell.db --format tsv
expect_eq "$(tsv_rows)" "1" "a changed file replaces its document"

# --- snippets: a query of several words takes them from a full-text table of the shown
# passages alone (query/search.c); they must be the national index's own snippets
for pair in '"thi đua"|"thi đua"' 'THADS|("THADS" OR "Thi hành án dân sự")' \
	'khen thưởng|("khen" AND "thưởng")' 'dong|"dong"'; do
	q=${pair%%|*}
	f=${pair#*|}
	run search --db seed.db --limit 0 --format tsv "$q"
	printf '%s\n' "$OUT" | tail -n +2 | awk -F'\t' '{print $2 "\t" $NF}' | sort >snip_got
	sql -separator "$(printf '\t')" seed.db "SELECT rowid, replace(snippet(passages_fts, 0,
		'«', '»', '…', 24), '» «', ' ') FROM passages_fts WHERE passages_fts MATCH '$f'" |
		sort >snip_want
	expect_eq "$(wc -l <snip_got)" "$(wc -l <snip_want)" "$q: rows against the index's matches"
	cmp -s snip_got snip_want || fail "$q: snippets differ from the index's: $(diff snip_got snip_want | head -5)"
done

# --- the rows shown are the best by (score, then passage id), however few are asked for:
# with --limit, only the passages that can still reach the top have their accents checked
# (query/search.c, top_rows), with --limit 0 every one; both orders must be the same
for q in dong 'chien si thi dua' 'phong trao' '"thi đua"' 'ung ho' THADS; do
	run search --db seed.db --limit 0 --format tsv "$q"
	tsv_col passage >all_order
	tsv_col score | awk 'NR > 1 && $1 > prev {bad = 1} {prev = $1} END {exit bad}' ||
		fail "$q: rows not in score order"
	expect_eq "$(wc -l <all_order)" "$(sort -u all_order | wc -l)" "$q: each passage once"
	for n in 1 3 7; do
		run search --db seed.db --limit "$n" --format tsv "$q"
		tsv_col passage >some_order
		head -n "$n" all_order | cmp -s - some_order ||
			fail "$q: --limit $n is not the first $n rows of --limit 0"
	done
done

# --- candidates (README, "Searching"): a query matching more passages than --candidates ranks
# only the first that many, in passage id order, after the filters; below it, nothing changes
for q in dong 'thi đua' THADS '"cờ thi đua"' 'chien si thi dua' 'khen thưởng' 1419; do
	run search --db seed.db --limit 0 --format tsv --candidates 0 "$q"
	all=$OUT
	run search --db seed.db --limit 0 --format tsv "$q"
	expect_eq "$OUT" "$all" "default candidates and --candidates 0 agree on the seed for $q"
done
run search --db seed.db --limit 0 --format tsv --candidates 0 dong
tsv_col passage | sort -n | head -5 >first5
run search --db seed.db --limit 0 --format tsv --candidates 5 dong
expect_rc 0
tsv_col passage | sort -n >capped5
cmp -s first5 capped5 || fail "--candidates 5 ranks other passages than the first 5 matches"
# the ranking among them is the exhaustive ranking restricted to them
run search --db seed.db --limit 0 --format tsv --candidates 0 dong
printf '%s\n' "$OUT" | tail -n +2 | cut -f2 | grep -Fx -f first5 >order_all
run search --db seed.db --limit 0 --format tsv --candidates 5 dong
tsv_col passage >order_capped
cmp -s order_all order_capped || fail "--candidates 5 orders its passages differently"
run search --db seed.db --limit 2 --format tsv --candidates 5 dong
expect_eq "$(tsv_rows)" "2" "--limit applies after the candidates"
# a capped ranking says so on stderr, once; a complete one says nothing
case $ERR in
*"5 or more passages match; the first 5 were ranked"*) ;;
*) fail "a search capped by --candidates does not say so: $ERR" ;;
esac
expect_eq "$(printf '%s\n' "$ERR" | grep -c 'passages match')" "1" "the cap is told once"
run search --db seed.db --limit 2 --format tsv --candidates 0 dong
expect_eq "$ERR" "" "an uncapped search prints nothing on stderr"
run search --db seed.db --limit 2 --format tsv --candidates 1000 dong
expect_eq "$ERR" "" "a search under the cap prints nothing on stderr"
# filters come before the cap: the document whose matches do not come first in passage id
# order is found although the first one's matches alone exceed the cap
run index --db two.db "$SEED" spell.txt
run search --db two.db --limit 0 --format tsv --candidates 0 'thi đua'
first_doc=$(printf '%s\n' "$OUT" | tail -n +2 | sort -t"$(printf '\t')" -k2,2n | head -1 | cut -f3)
other=$(tsv_col doc | sort -u | grep -vx "$first_doc" | head -1)
expect_eq "$(tsv_col doc | sort -u | wc -l)" "2" "thi đua in both documents"
n_other=$(tsv_col doc | grep -cx "$other")
run search --db two.db --limit 0 --format tsv --candidates 1 --doc "$other" 'thi đua'
expect_eq "$(tsv_rows)" "1" "--doc before the cap: one candidate of the other document"
expect_eq "$(tsv_col doc)" "$other" "--doc before the cap"
run search --db two.db --limit 0 --format tsv --candidates "$n_other" --doc "$other" 'thi đua'
expect_eq "$(tsv_rows)" "$n_other" "--doc before the cap: all of the other document's matches"
# --year's documents in several passage id intervals (2018: the 1st and 3rd of 5 files),
# each sought by its own statement: the candidates are still the first N matches in id
# order among the documents kept, across the intervals, ranked alike
for i in 1 2 3 4 5; do
	y=$((2017 + i % 2))
	[ "$i" = 5 ] && y=2021
	printf 'UBND TỈNH TUYÊN QUANG\nTuyên Quang, ngày 25 tháng 12 năm %s\nBÁO CÁO\nTổng kết công tác thi đua năm %s\n\nPhong trào thi đua yêu nước %s.\n\nCác phong trào thi đua lớn %s.\n\nKhen thưởng thi đua đột xuất %s.\n' \
		"$y" "$y" "$i" "$i" "$i" >"year$i.txt"
	run index --db years.db "year$i.txt"
done
# (and 2017-2021: the intervals of each year, read as sought, merged in id order)
for years in 2018 2017-2018 2018-2021 2017-2021; do
	run search --db years.db --limit 0 --format tsv --candidates 0 --year "$years" 'thi đua'
	tsv_col passage | sort -n >year_all
	case $years in
	2018) expect_eq "$(tsv_col doc | sort -u | tr '\n' ' ')" "1 3 " "--year 2018: 1st and 3rd" ;;
	2017-2018) expect_eq "$(tsv_col doc | sort -u | tr '\n' ' ')" "1 2 3 4 " "--year 2017-2018" ;;
	esac
	for k in 1 3 5 7 8 13 15 22 100; do
		run search --db years.db --limit 0 --format tsv --candidates "$k" --year "$years" 'thi đua'
		tsv_col passage | sort -n >year_k
		head -n "$k" year_all | cmp -s - year_k ||
			fail "--year $years --candidates $k: not the first $k matches of its documents"
	done
done
run search --db years.db --limit 0 --format tsv --candidates 0 --year 2018 'thi đua'
all=$OUT
run search --db years.db --limit 0 --format tsv --year 2018 'thi đua'
expect_eq "$OUT" "$all" "--year over several intervals, under the cap: the exhaustive ranking"
run search --db seed.db --candidates x dong
expect_rc 2

# --- index --optimize: one full-text segment, the same answers
segments() { sql "$1" "SELECT count(DISTINCT segid) FROM passages_fts_idx"; }
run index --db opt.db "$SEED"
run index --db opt.db spell.txt
[ "$(segments opt.db)" -ge 2 ] || fail "two index runs left $(segments opt.db) segment(s)"
run search --db opt.db --limit 0 --format tsv --candidates 0 'thi đua'
before=$OUT
run index --db opt.db --optimize
expect_rc 0
expect_err "full-text index merged into one segment"
expect_eq "$(segments opt.db)" "1" "segments after --optimize"
# the old segments' pages go back to the file system (incremental auto-vacuum)
expect_eq "$(sql opt.db 'PRAGMA freelist_count')" "0" "free pages after --optimize"
run search --db opt.db --limit 0 --format tsv --candidates 0 'thi đua'
expect_eq "$OUT" "$before" "the same passages, ranks and snippets after --optimize"
run index --db missing.db --optimize
expect_rc 2
expect_err "no such database"

done_ok
