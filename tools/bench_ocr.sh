#!/bin/bash
# make bench-ocr: OCR accuracy and speed on rendered scans (docs/ocr.md). Not part of make test.
#
# Test set: the legacy transcripts HELD OUT from the repair's frequency table (every second
# file of tests/fixtures/legacy/truth in name order, from the second: tools/ocr_freq.py
# leaves exactly these out), each cut after OCR_BENCH_CHARS characters, typeset by the
# independent renderer tools/ocr_render.c (pango/cairo, Liberation Serif 13 pt; tab-separated
# rows as tables whose columns never overlap, smaller or landscape when wide), rasterized
# by pdftoppm at 300 dpi grayscale (clean set) and degraded by ImageMagick (150 dpi, 1.3°
# skew, blur, noise, JPEG quality 35), wrapped as image-only PDFs by img2pdf.
#
# Scored with tools/score.c in one run, side by side, under the legacy metric and under
# it with fill (score --fill: dotted leaders and ruled lines are no text; docs/ocr.md):
#   tesseract   the tesseract CLI, -l vie, on the same page images
#   thidua raw  thidua's OCR before the repair (thidua text --ocr-raw)
#   thidua      thidua text (preprocessing + repair + layout)
# Pages per minute: thidua index --jobs 2, and the CLI two pages at a time.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${OCR_BENCH_DIR:-$top/build/bench-ocr}
ndocs=${OCR_BENCH_DOCS:-12}
chars=${OCR_BENCH_CHARS:-1500}
jobs=${OCR_BENCH_JOBS:-2}
thidua=$top/bin/thidua
score=$top/build/rel/score
render=$top/build/tools/ocr_render
export OMP_THREAD_LIMIT=1 # one page per core, as thidua does

rm -rf "$out"
mkdir -p "$out"/clean "$out"/degraded "$out"/truth "$out"/work
cd "$out"
names=$(cd "$top/tests/fixtures/legacy/truth" && ls -- *.txt | LC_ALL=C sort | awk 'NR % 2 == 0' | head -n "$ndocs")
pages=0
for f in $names; do
	b=${f%.txt}
	"$render" --chars "$chars" "$top/tests/fixtures/legacy/truth/$f" "work/$b.pdf" "truth/$b.txt" >/dev/null
	pdftoppm -r 300 -gray -png "work/$b.pdf" "work/$b-clean"
	for p in work/"$b"-clean-*.png; do
		pages=$((pages + 1))
		convert "$p" -seed 1 -resize 50% -background white -rotate 1.3 -blur 0x0.7 \
			-attenuate 0.25 +noise Gaussian -colorspace Gray -density 150 -units PixelsPerInch \
			-quality 35 "${p%.png}.jpg"
		mv "${p%.png}.jpg" "work/$b-degraded-${p##*-clean-}"
	done
	for p in work/"$b"-degraded-*.png; do mv "$p" "${p%.png}.jpg"; done
	img2pdf work/"$b"-clean-*.png -o "clean/$b.pdf"
	img2pdf work/"$b"-degraded-*.jpg -o "degraded/$b.pdf"
done
echo "test set: $(echo $names | wc -w) held-out transcripts, $pages pages each set, $chars characters each"

sum() { # files... -> summed score columns
	awk '{for (i = 1; i <= 6; i++) s[i] += $i} END {printf "%d %d %d %d %d %d\n", s[1], s[2], s[3], s[4], s[5], s[6]}' "$@"
}
row() { # label set system pages/min [suffix of the score files]
	read -r cm c dm d tm t <"work/$2.$3.score$5"
	awk -v l="$1" -v cm="$cm" -v c="$c" -v dm="$dm" -v d="$d" -v tm="$tm" -v t="$t" -v ppm="$4" \
		'BEGIN {printf "| %-28s | %.4f | %.4f | %.4f | %s |\n", l, dm / d, tm / t, cm / c, ppm}'
}

for set in clean degraded; do
	# thidua: index the set (both cores), then read the texts back through the cache
	"$thidua" index --db "work/$set.db" --jobs "$jobs" "$set" 2>"work/$set.index.log" >/dev/null
	ppm_thidua=$(sed -n 's/.*(\([0-9.]*\) pages\/min).*/\1/p' "work/$set.index.log")
	for f in $names; do
		b=${f%.txt}
		"$thidua" text --ocr-cache "work/$set.db.ocr-cache" "$set/$b.pdf" >"work/$b.$set.thidua" 2>/dev/null
		"$thidua" text --ocr-raw --ocr-cache "work/$set.db.ocr-cache" "$set/$b.pdf" >"work/$b.$set.raw" 2>/dev/null
	done
	# the tesseract CLI on the same page images, two at a time
	ext=png
	[ "$set" = degraded ] && ext=jpg
	t0=$(date +%s.%N)
	ls work/*-"$set"-*."$ext" | xargs -P "$jobs" -I{} sh -c 'tesseract "$1" "${1%.*}" -l vie >/dev/null 2>&1' _ {}
	t1=$(date +%s.%N)
	ppm_tess=$(awk -v p="$pages" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", p * 60 / (b - a)}')
	for f in $names; do
		b=${f%.txt}
		cat work/"$b"-"$set"-*.txt >"work/$b.$set.tess"
		for sys in tess raw thidua; do
			"$score" "truth/$b.txt" "work/$b.$set.$sys" >"work/$b.$set.$sys.score"
			"$score" --fill "truth/$b.txt" "work/$b.$set.$sys" >"work/$b.$set.$sys.score-fill"
		done
	done
	for sys in tess raw thidua; do
		for m in "" -fill; do
			sum work/*."$set"."$sys".score$m >"work/$set.$sys.score$m"
			# the same over the prose documents: transcripts without a TAB (the others
			# hold spreadsheet tables)
			for f in $names; do
				grep -q "$(printf '\t')" "truth/$f" || cat "work/${f%.txt}.$set.$sys.score$m"
			done | sum >"work/prose-$set.$sys.score$m"
		done
	done
	eval "ppm_${set}_thidua=\$ppm_thidua ppm_${set}_tess=\$ppm_tess"
	repairs=$(sqlite3 "work/$set.db" "SELECT sum(repairs) FROM ocr_pages" 2>/dev/null || echo "?")
	eval "repairs_$set=\$repairs"
done

{
	for m in "" -fill; do
		if [ -z "$m" ]; then
			echo "The legacy metric (tools/score.c):"
		else
			echo "With fill (score --fill: ellipsis = three full stops, runs of three or more . _ - are blanks):"
		fi
		echo
		echo "| set, system                  | diacritic | syllable | char   | pages/min |"
		echo "|------------------------------|-----------|----------|--------|-----------|"
		row "clean 300 dpi, tesseract CLI" clean tess "$ppm_clean_tess" "$m"
		row "clean, thidua before repair" clean raw "-" "$m"
		row "clean, thidua" clean thidua "$ppm_clean_thidua" "$m"
		row "degraded, tesseract CLI" degraded tess "$ppm_degraded_tess" "$m"
		row "degraded, thidua before repair" degraded raw "-" "$m"
		row "degraded, thidua" degraded thidua "$ppm_degraded_thidua" "$m"
		echo
		nprose=$(for f in $names; do grep -q "$(printf '\t')" "truth/$f" || echo "$f"; done | wc -l)
		echo "The $nprose prose documents (transcripts without a TAB; the others are spreadsheets):"
		echo
		echo "| set, system                  | diacritic | syllable | char   |"
		echo "|------------------------------|-----------|----------|--------|"
		for set in clean degraded; do
			for sys in tess raw thidua; do
				read -r cm c dm d tm t <"work/prose-$set.$sys.score$m"
				awk -v l="$set, $sys" -v cm="$cm" -v c="$c" -v dm="$dm" -v d="$d" -v tm="$tm" -v t="$t" \
					'BEGIN {printf "| %-28s | %.4f | %.4f | %.4f |\n", l, dm / d, tm / t, cm / c}'
			done
		done
		echo
	done
	echo "repairs made: clean $repairs_clean, degraded $repairs_degraded ($pages pages each)"
} | tee results.md
