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

/*
 * Character and byte offsets of a NUL-terminated UTF-8 text, walked together. The spans of
 * one passage are asked for in text order, so each answer is counted on from the one before:
 * counted from the start every time, a one-paragraph table of 30 000 rows took minutes. A
 * step back starts over from the beginning. Characters are code points, as SQL's substr()
 * counts them.
 */
struct text_pos {
	const char *s;
	size_t byte, chr;
};
void text_pos_init(struct text_pos *p, const char *s);
/* The character offset of byte offset byte (at most the text's length). */
size_t text_pos_char(struct text_pos *p, size_t byte);
/* The byte offset of character chr; the text's length when it has fewer characters. */
size_t text_pos_byte(struct text_pos *p, size_t chr);
/* The byte offset of character chr of s[0, n), counted from the start (n when s has fewer
 * characters; s need not be NUL-terminated, as a passage inside its unpacked chunk). */
size_t text_byte_at(const char *s, size_t n, size_t chr);

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

/* 1 if the NUL-terminated t stops in mid-sentence, so that what a page break cut off may
 * go on from it: it does not end with . ! ? or … (after closing quotes and brackets);
 * ";" "," ":" and a bare word leave it open. */
int text_ends_open(const char *t);

#endif
