/*
 * Campaigns: names in quotes that a campaign word introduces —
 *
 *   phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”
 *   khẩu hiệu “…”, chủ đề “…”, cuộc vận động … “…”, Chương trình “Xuân tình nguyện 2020”
 *
 * earlier in the same clause with no other quote between; quotes chained to such a name by punctuation or
 * "và", "gắn với (phong trào)" (“A”, “B” gắn với phong trào “C”; “D”); and long quoted
 * slogans that are about thi đua. A quote that is an award or follows one (“Cờ thi đua của
 * Chính phủ”, Kỷ niệm chương “Vì sự nghiệp …”) is not a campaign. Curly and straight
 * quotes are paired, nested quotes belong to the outer one. The identity of a campaign
 * across documents is its folded key; the name is kept as written.
 */
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "lexicons.h"


struct quote {
	size_t a, b; /* byte span of the content */
};

static size_t find_quotes(const char *t, struct quote **out)
{
	size_t n = strlen(t), i = 0, nq = 0, cap = 0, open = 0;
	int depth = 0, straight = 0;

	*out = NULL;
	while (i < n) {
		if (strncmp(t + i, "“", 3) == 0) {
			if (depth++ == 0 && !straight)
				open = i + 3;
			i += 3;
			continue;
		}
		if (strncmp(t + i, "”", 3) == 0) {
			if (depth > 0 && --depth == 0 && !straight) {
				*out = xgrow(*out, &cap, nq + 1, sizeof(**out));
				(*out)[nq].a = open;
				(*out)[nq++].b = i;
			}
			i += 3;
			continue;
		}
		if (t[i] == '"' && depth == 0) {
			if (!straight) {
				straight = 1;
				open = i + 1;
			} else {
				straight = 0;
				*out = xgrow(*out, &cap, nq + 1, sizeof(**out));
				(*out)[nq].a = open;
				(*out)[nq++].b = i;
			}
		}
		i++;
	}
	return nq;
}

/* First word index at or after byte offset off. */
static size_t word_at(const struct vn_words *w, size_t off)
{
	size_t i;
	for (i = 0; i < w->n && w->t[i].a < off; i++)
		;
	return i;
}

static int gap_breaks_clause(const struct vn_words *w, size_t i)
{
	return vn_words_gap_has(w, i, ";") || vn_words_gap_has(w, i, ".") ||
	       vn_words_gap_has(w, i, "“") || vn_words_gap_has(w, i, "”") ||
	       vn_words_gap_has(w, i, "\"");
}

/* A campaign word before word q in the same clause, with no other quote between. */
static int triggered(const struct vn_words *w, size_t q)
{
	const struct lexicons *lx = lexicons_get();
	size_t k, back;

	for (back = 1; back <= q; back++) {
		size_t len;
		int id;
		k = q - back;
		if (back > 1 && gap_breaks_clause(w, k + 1))
			return 0;
		id = vn_lexicon_longest(lx->words, w, k, &len);
		if (id >= 0 && lx->word[id].role == LXW_CAMPAIGN && k + len <= q)
			return 1;
	}
	return 0;
}

/* An award phrase at or just before word q (≤ 3 words): the quote names an award. */
static int award_near(const struct vn_words *w, size_t q, size_t qend)
{
	const struct lexicons *lx = lexicons_get();
	size_t k, len;

	if (q < w->n && vn_lexicon_longest(lx->awards, w, q, &len) >= 0 && q + len >= qend - 1)
		return 1;
	for (k = q > 10 ? q - 10 : 0; k < q; k++) {
		int id = vn_lexicon_longest(lx->awards, w, k, &len);
		if (id >= 0 && k + len + 3 >= q && !(lx->award[id].flags & LXA_BARE))
			return 1;
		if (vn_words_is(w, k, "danh") && vn_words_is(w, k + 1, "hiệu") && k + 2 >= q - 1)
			return 1;
	}
	return 0;
}

/* Only punctuation and linking words between two quotes: "và", "gắn với phong trào". */
static int chained(const struct vn_words *w, size_t from, size_t to)
{
	static const char *const link[] = {"và", "gắn", "với", "phong", "trào", "thi", "đua",
					   "cùng", "hoặc", NULL};
	size_t i;
	for (i = from; i < to; i++) {
		int j, ok = 0;
		for (j = 0; link[j]; j++)
			if (vn_words_is(w, i, link[j]))
				ok = 1;
		if (!ok)
			return 0;
	}
	return 1;
}

static int about_thi_dua(const struct vn_words *w, size_t a, size_t b)
{
	size_t i;
	if (b - a < 8)
		return 0;
	for (i = a; i + 1 < b; i++)
		if (strcmp(w->t[i].fold, "thi") == 0 && strcmp(w->t[i + 1].fold, "dua") == 0)
			return 1;
	return 0;
}

static char *clean_name(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t i;
	while (n && (*s == ' ' || *s == '*'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '*'))
		n--;
	for (i = 0; i < n; i++)
		if (s[i] != '*')
			buf_addc(&b, s[i]);
	return buf_detach(&b);
}

void campaigns_extract(struct doc *d, struct vn_norm *nm)
{
	size_t p;

	for (p = 0; p < d->npassages; p++) {
		const struct passage *ps = &d->passages[p];
		struct quote *q;
		struct vn_words w;
		size_t nq, k, prev_end = 0;
		int prev_campaign = 0;

		if (strcmp(ps->kind, "header") == 0 || strcmp(ps->kind, "footer") == 0)
			continue;
		nq = find_quotes(ps->text, &q);
		if (!nq) {
			free(q);
			continue;
		}
		w = *doc_passage_words(d, p, nm); /* shared: not freed here */
		for (k = 0; k < nq; k++) {
			size_t qa = word_at(&w, q[k].a), qb = word_at(&w, q[k].b);
			int is = 0;
			if (qa >= qb) {
				prev_campaign = 0;
				continue;
			}
			if (!award_near(&w, qa, qb))
				is = triggered(&w, qa) || (prev_campaign && chained(&w, prev_end, qa)) ||
				     about_thi_dua(&w, qa, qb);
			if (is) {
				struct campaign_mention *c;
				d->campaigns = xgrow(d->campaigns, &d->ccap, d->ncampaigns + 1,
						     sizeof(*d->campaigns));
				c = &d->campaigns[d->ncampaigns++];
				c->passage = p;
				c->start = vn_words_char_at(&w, q[k].a);
				c->end = vn_words_char_at(&w, q[k].b);
				c->name = clean_name(ps->text + q[k].a, q[k].b - q[k].a);
				c->key = facts_fold_key(nm, c->name);
			}
			prev_campaign = is;
			prev_end = qb;
		}
		free(q);
	}
}
