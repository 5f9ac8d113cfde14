/*
 * text: small questions about UTF-8 text that several modules ask, answered with ICU's
 * character properties.
 */
#ifndef THIDUA_TEXT_H
#define THIDUA_TEXT_H
#include <stddef.h>

/* Terminal columns taken by s[0..n): combining marks and format characters take none,
 * East Asian wide characters two. */
size_t text_display_width(const char *s, size_t n);

/* Code points in s[0..n) (bytes that do not continue a UTF-8 sequence). */
size_t text_count_chars(const char *s, size_t n);

/* 1 if s[0..n) has at least one letter and no lower-case letter ("KẾT QUẢ CÔNG TÁC"). */
int text_all_caps(const char *s, size_t n);

/* 1 if s[0..n) is a line typed in capitals, as text_all_caps, or as a legacy code page
 * lost them: no lower-case ASCII letter and at least three capitals, a capital with a tone
 * written as its lower-case byte (TCVN3's .VnTimeH lines: "PHÓ Bí THƯ"). */
int text_caps_line(const char *s, size_t n);

/* 1 if the first letter of s[0..n) is lower case. */
int text_starts_lower(const char *s, size_t n);

/* 1 if the NUL-terminated t reads as a person's name: 2 to 5 words, each capitalised, not
 * all in capitals, no digits or punctuation ("Hồ Việt Lợi"). */
int text_is_name(const char *t);

#endif
