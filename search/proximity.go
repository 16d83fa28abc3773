package search

import (
	"strconv"
	"strings"

	"sessionsearch/fold"
)

// Proximity operators: 算力 NEAR/10 数字经济 and 算力 同句 数字经济 (or SENT).
//
// Both sides are operands: a term, a quoted phrase or a group of
// alternatives (OR binds tighter: 能源 OR 算力 NEAR/5 数字经济 is either of
// the two within 5 characters of 数字经济). An occurrence of an operand is
// any place where one of its strings occurs in the folded passage text, as
// search finds it (Latin words and numbers whole: 341 is not inside 1341),
// overlapping occurrences included. Two occurrences satisfy an operator
// when they share no character (so 发展 NEAR/5 发展 needs two of them, and
// the 展开 inside 发展开 is no neighbour of that 发展) and
//
//   - NEAR/N: at most N characters stand between the end of the earlier
//     and the start of the later, counted in the passage as written (one
//     character per character: a space, a line break and a full-width
//     comma count one each). NEAR/0 is adjacent. Order does not matter.
//     NEAR without /N is an error, not a guessed default.
//   - 同句, SENT: no sentence end stands between the start of the earlier
//     and the end of the later. Sentences end at 。！？；, their half-width
//     forms and ｡ (all folded to 。!?;), at a line break and at the end of
//     the passage; an occurrence that itself crosses one is in no sentence.
//
// A chain (a NEAR/5 b 同句 c) is the conjunction of its neighbouring pairs:
// a near b, and b in one sentence with c, each pair with its own
// occurrences. Other terms, exclusions and filters of the query combine
// with the operators as with any term (all required; exclusions and
// filters apply to the passage). Operands are expanded with synonyms as
// terms are (a quoted phrase is not), but not by session name: a passage
// found by its session key has no occurrence in its text.
//
// How it is checked. The candidates are the passages matching the query
// with each operator read as AND (the index answers that), and each
// candidate's folded text is then checked here, inside a searcher wrapped
// around the candidates' searcher. The check cannot live in the per-hit
// handler (collect.go): Bleve's collector counts the total and the facets
// of a match before it calls the handler, so a candidate dropped there
// would still be counted. Dropped inside the searcher, a candidate is no
// match anywhere: totals, facets, pages and search-after cursors,
// /api/matches, concordances and distributions.
//
// The check reads the passage text: the text field stores no positions
// (mapping.go), as for phrases (phrase.go). The text comes from the text
// table of the snapshot being searched (texts.go), in memory; when the
// table is being built or is of an older snapshot, from the stored
// passage (4.2 µs a candidate at 100 MB, against 0.26–0.57 µs in the
// table), and a build of the table is started. The table folds every
// space to ' ', so a line break is not told from a space there: a
// passage with a line break (the table lists them) is checked in its
// stored text.

// maxNear is the largest distance NEAR/N takes.
const maxNear = 10000

// proxOp is an operator as lexed, before its operands are known.
type proxOp struct {
	sentence bool
	within   int  // NEAR's N; -1 when it has no /N
	bad      bool // NEAR/ with something that is no distance after it
}

// proximity is an operator between two groups of a parsed query.
type proximity struct {
	left, right int // indexes in parsedQuery.groups
	within      int // NEAR's characters; 0 for 同句
	sentence    bool
	op          string // as typed
}

// proxOperator recognises NEAR/N, NEAR, 同句 and SENT. The Latin spellings
// count only in capitals, as OR does (near/5 is searched as text); width
// is folded (ＮＥＡＲ／１０). NEAR/ followed by anything but a distance is
// an operator with a bad distance, reported as such.
func proxOperator(text string) *proxOp {
	if text == "同句" {
		return &proxOp{sentence: true}
	}
	rs := []rune(text)
	if len(rs) < 4 || strings.ToUpper(string(rs[:4])) != string(rs[:4]) {
		return nil
	}
	f := fold.String(text)
	switch {
	case f == "sent" && strings.ToUpper(text) == text:
		return &proxOp{sentence: true}
	case f == "near":
		return &proxOp{within: -1}
	case strings.HasPrefix(f, "near/"):
		n := f[len("near/"):]
		v, err := strconv.Atoi(n)
		if err != nil || strings.Trim(n, "0123456789") != "" || v > maxNear { // Atoi takes a sign
			return &proxOp{bad: true}
		}
		return &proxOp{within: v}
	}
	return nil
}

// proxExample is how to write the operator op.
func proxExample(op string) string {
	p := proxOperator(op)
	if p == nil || !p.sentence {
		op = "NEAR/10"
	}
	return "算力 " + op + " 数字经济"
}

// operandsAt checks the operator at items[i]: its distance, and a term or
// phrase on each side (leftMade: the item before it made the last unit).
func (p *proxOp) operandsAt(items []item, i int, leftMade bool) error {
	op := items[i].text
	switch {
	case p.bad:
		return invalidf("%s: the distance of NEAR is a whole number of characters from 0 to %d: write %s", op, maxNear, proxExample(op))
	case p.within < 0:
		return invalidf("NEAR needs a distance in characters: write 算力 NEAR/10 数字经济 (at most 10 characters between them), or 算力 同句 数字经济 for the same sentence")
	}
	side := func(j int) string {
		if j < 0 || j >= len(items) {
			return "nothing"
		}
		it := items[j]
		switch {
		case it.prox != nil:
			return "another operator (" + it.text + ")"
		case it.or:
			return "OR"
		case it.neg:
			return "an exclusion (-" + it.text + "); exclude terms apart from the operator, as in " + proxExample(op) + " -东数西算"
		case it.field != "":
			return "a filter; filters apply to the whole query, as in " + proxExample(op) + " year:2025"
		}
		return it.text + ", which has nothing searchable"
	}
	if i == 0 || !leftMade || !items[i-1].isText() {
		return invalidf("%s needs a term or a quoted phrase on each side; before it stands %s: write %s", op, side(i-1), proxExample(op))
	}
	if i+1 >= len(items) || !items[i+1].isText() {
		return invalidf("%s needs a term or a quoted phrase on each side; after it stands %s: write %s", op, side(i+1), proxExample(op))
	}
	return nil
}
