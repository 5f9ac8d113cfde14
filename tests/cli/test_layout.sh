# Page-break repair is for text that lost its paragraphs (plain text, PDF text layers). A
# structured format gives paragraphs as they are: nothing is joined to the paragraph
# before it, and a digit after a letter ("c1.") is not taken for a footnote marker.
. "$TOP/tests/cli/lib.sh"

DOC="$TOP/tests/fixtures/legacy/files/tcvn3/2004-mauduan.doc"
run text --typed-case "$DOC"
expect_rc 0
# the title: four paragraphs in the Word file, the second starting in lower case
printf '%s\n' "$OUT" | grep -qx "các dự án" || fail "a Word paragraph was joined to another"
printf '%s\n' "$OUT" | grep -qx "ứng dụng và phát triển cntt" || fail "a lower-case Word paragraph was joined to the one before"
# list items c1. c2. c3. of the document stay as typed
printf '%s\n' "$OUT" | grep -q "^c1\. " || fail "c1. was read as a footnote marker"
expect_not_out "c¹."

# while in plain text, the seed's cut sentence is joined again (issue 6)
run index --db seed.db "$SEED"
run search --db seed.db --format tsv '"chủ động xây dựng kế hoạch phát động"'
expect_eq "$(tsv_rows)" "1" "the sentence cut by footnote 1 is one passage again"
done_ok
