# Issue 3, .rtf: the font table decides how 8-bit text is read — .VnTime runs as TCVN3,
# VNI-Times runs as VNI, .VnTimeH runs upper-cased, other fonts through \ansicpg — and
# footnotes, \u escapes, tables and skipped destinations behave. The expected text is what
# Word shows for these bytes (shared/domain.md 7.2 tables).
. "$TOP/tests/cli/lib.sh"

cat >mixed.rtf <<'RTF'
{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fswiss\fcharset0{\*\panose 020b7200000000000000}.VnTime;}{\f2\fswiss\fcharset0 .VnTimeH;}{\f3\fnil\fcharset0 VNI-Times;}}
{\info{\title B\'b8o c\'b8o}{\author x}}{\stylesheet{\s0 Normal;}}
{\header \pard\plain \f1 v\'a8n ph\'dfng\par}
\pard\plain \f2 b\'b8o c\'b8o t\'e6ng k\'d5t\par
\pard\plain \f1 C\'e9ng ho\'b5 x\'b7 h\'e9i ch\'f1 ngh\'dca Vi\'d6t Nam{\f3  Thi \'f1ua, khen th\'f6\'f4\'fbng}{\f0  caf\'e9 cr\'e8me}\par
\pard\plain \f0 Unicode: \u272?\u7897?c l\u7853?p\par
\pard\plain \f1 Thi \'aeua{\super\chftn}{\footnote \pard\plain \f1 {\super\chftn} Ch\'ad\'acng tr\'d7nh n\'a8m 2005.}\line n\'a8m 2005\tab xong\par
\trowd\cellx1000\cellx2000\pard\intbl\plain \f1 \'a7\'b5i\cell Hai\cell\row
\pard\plain \f0 C\'e9ng ho\'b5 x\'b7 h\'e9i ch\'f1 ngh\'dca Vi\'d6t Nam - Times New Roman\par
{\*\unknowndest secret}{\pict 0123456789abcdef}\pard\plain \f1 K\'d5t th\'f3c\par
}
RTF
run text mixed.rtf
expect_rc 0
expect_out "BÁO CÁO TỔNG KẾT"
expect_out "Cộng hoà xã hội chủ nghĩa Việt Nam Thi đua, khen thưởng café crème"
expect_out "Unicode: Độc lập"
# \line breaks the line inside its paragraph, as DOCX's <w:br/> does (a signature block's
# role and name stay apart)
printf '%s\n' "$OUT" | grep -qx "Thi đua" || fail "\\line is not a line break"
expect_out "năm 2005"
expect_out "Chương trình năm 2005."
expect_out "Đài|Hai|"
expect_out "Kết thúc"
expect_out "Cộng hoà xã hội chủ nghĩa Việt Nam - Times New Roman" # TCVN3 bytes, font changed
expect_not_out "secret"
expect_not_out "văn phòng"
expect_not_out "0123456789abcdef"
expect_not_out "Báo cáo" # the \info title is not body text
run text --typed-case mixed.rtf
expect_out "báo cáo tổng kết"
run index --db rtf.db mixed.rtf
expect_rc 0
run docs --db rtf.db --format tsv
expect_eq "$(tsv_col format)" "rtf" "format of an RTF file"
expect_eq "$(tsv_col encoding)" "mixed" "encoding of a file with TCVN3 and VNI runs"
run search --db rtf.db --format tsv "chương trình"
expect_out "Chương trình năm 2005"

# broken input: a clear error, never a crash
printf '{\\rtf1 %s' "$(printf '{%.0s' $(seq 1 400))" >deep.rtf
run text deep.rtf
expect_rc 1
expect_err "nested deeper"
printf '{\\rtf1\\ansi {\\f1 abc\\'"'"'' >cut.rtf
run text cut.rtf
expect_rc 0
expect_out "abc"
done_ok
