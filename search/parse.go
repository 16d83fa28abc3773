package search

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sessionsearch/fold"
)

// The search box's syntax, parsed by hand rather than by Bleve's query
// string parser so that no input can reach a regexp, wildcard or fuzzy
// scan:
//
//	算力之城 数字经济     every term must occur, in any order
//	"算力 之城" “四个自信”  an exact phrase (spaces inside count)
//	-十四五              exclusion
//	能源 OR 算力, 能源|算力 alternatives
//	算力 NEAR/10 数字经济  both, at most 10 characters apart (proximity.go)
//	算力 同句 数字经济, SENT  both in one sentence
//	speaker:刘俊义 topic:… kind:… doc:… session:… person:… year:2025
//	place:上海市 level:市, and any custom field of the metadata table: 总理:李强
//	date:2025-01-01..2025-12-31, date:2025, date:2025-02-15
//
// Syntax errors are forgiven where the intent is clear (an unclosed quote
// ends at the end of the box, a lone OR is dropped), and each forgiveness
// is reported in the interpretation's notes.

// unit is one thing to find: a term or a phrase.
type unit struct {
	text   string // as typed
	folded string
	phrase bool // quoted
}

// group is a required clause: any one of its units.
type group []unit

// parsedQuery is the search box parsed.
type parsedQuery struct {
	groups  []group
	near    []proximity // operators between groups (proximity.go)
	exclude []unit
	filters map[string][]string // filter field -> values (OR within a field)
	from    string
	to      string
	notes   []string
}

// boxFields are the field prefixes understood in the box, by name; the
// value is the filter key.
var boxFields = map[string]string{
	"speaker": "speaker", "topic": "topic", "kind": "kind", "doc": "doc",
	"session": "session", "person": "person", "year": "year", "date": "date",
	"place": "place", "level": "level",
	"发言人": "speaker", "主题": "topic", "类型": "kind", "文档": "doc", "会议": "session", "人物": "person", "年份": "year", "日期": "date",
	"地点": "place", "级别": "level",
}

// maxFieldNameRunes is the longest custom field name the box reads as a
// prefix.
const maxFieldNameRunes = 16

// maxUnits bounds the clauses of one query, so that no query fans out
// into thousands of phrase searches.
const maxUnits = 32

type item struct {
	text   string
	quoted bool
	neg    bool
	field  string // filter key, "" for text
	or     bool   // the OR operator
	prox   *proxOp
}

// isText says whether the item is a term or phrase that can be an
// operand: not an operator, an exclusion or a filter.
func (it item) isText() bool { return !it.or && !it.neg && it.field == "" && it.prox == nil }

var closeQuote = map[rune]rune{'"': '"', '“': '”', '「': '」', '『': '』', '＂': '＂'}

// parseBox parses the search box. It returns an *Error of kind ErrInvalid
// for input it cannot make sense of.
// custom holds the custom field names the index knows: 总理:李强 filters
// the field 总理. A built-in prefix wins over a custom field of the same
// name, which the field= parameter still reaches.
func parseBox(q string, lim Limits, custom map[string]bool) (*parsedQuery, error) {
	if !utf8.ValidString(q) {
		return nil, invalidf("the query is not valid UTF-8")
	}
	if strings.ContainsRune(q, 0) {
		return nil, invalidf("the query contains a NUL character")
	}
	if n := utf8.RuneCountInString(q); lim.MaxQueryRunes > 0 && n > lim.MaxQueryRunes {
		return nil, invalidf("the query is %d characters long; the limit is %d", n, lim.MaxQueryRunes)
	}
	pq := &parsedQuery{filters: map[string][]string{}}
	items := pq.lex(q, custom)

	var cur group
	pendingOr := false
	var pendingNear *proximity // an operator waiting for its right operand
	lastUnit := -1             // the item that made the last unit of cur
	flush := func() {
		if len(cur) > 0 {
			pq.groups = append(pq.groups, cur)
			cur = nil
		}
	}
	for i, it := range items {
		if it.prox != nil && it.prox.sentence && (i == 0 || i == len(items)-1) {
			// 同句 and SENT are words too: with nothing on one side they
			// are searched as written.
			pq.note(it.text + " was searched as text; between two terms it means in the same sentence (算力 " + it.text + " 数字经济)")
			it.prox = nil
		}
		switch {
		case it.prox != nil:
			if err := it.prox.operandsAt(items, i, lastUnit == i-1 && !pendingOr); err != nil {
				return nil, err
			}
			flush()
			pendingNear = &proximity{left: len(pq.groups) - 1, within: it.prox.within, sentence: it.prox.sentence, op: it.text}
		case it.or:
			if len(cur) == 0 || i == len(items)-1 || !items[i+1].isText() {
				pq.note("a lone OR was ignored")
				continue
			}
			pendingOr = true
		case it.field != "":
			if err := pq.addFilter(it.field, it.text); err != nil {
				return nil, err
			}
		case it.neg:
			if u, ok := pq.makeUnit(it); ok {
				pq.exclude = append(pq.exclude, u)
			}
		default:
			u, ok := pq.makeUnit(it)
			if !ok {
				if pendingNear != nil {
					return nil, invalidf("%s needs a term or a quoted phrase on each side, and %s has nothing searchable: write %s", pendingNear.op, it.text, proxExample(pendingNear.op))
				}
				continue
			}
			if !pendingOr {
				flush()
				if pendingNear != nil {
					pendingNear.right = len(pq.groups)
					pq.near = append(pq.near, *pendingNear)
					pendingNear = nil
				}
			}
			pendingOr = false
			cur = append(cur, u)
			lastUnit = i
		}
	}
	flush()
	if n := pq.unitCount(); n > maxUnits {
		return nil, invalidf("the query has %d terms; the limit is %d", n, maxUnits)
	}
	return pq, nil
}

func (pq *parsedQuery) note(s string) {
	for _, n := range pq.notes {
		if n == s {
			return
		}
	}
	pq.notes = append(pq.notes, s)
}

func (pq *parsedQuery) unitCount() int {
	n := len(pq.exclude)
	for _, g := range pq.groups {
		n += len(g)
	}
	return n
}

// lex splits the box into items.
func (pq *parsedQuery) lex(q string, custom map[string]bool) []item {
	rs := []rune(q)
	var items []item
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var it item
		// An exclusion sign directly before a term or phrase.
		if (rs[i] == '-' || rs[i] == '－') && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
			it.neg = true
			i++
		}
		// A field prefix: name followed by a colon and a value.
		if j := fieldEnd(rs, i, custom); j > 0 {
			name := string(rs[i:j])
			if f, ok := boxFields[strings.ToLower(name)]; ok {
				it.field = f
			} else {
				it.field = customPrefix + name
			}
			i = j + 1
			if it.neg {
				pq.note("a field filter cannot be excluded; the minus sign was ignored")
				it.neg = false
			}
		}
		if i < len(rs) {
			if cq, ok := closeQuote[rs[i]]; ok {
				j := i + 1
				for j < len(rs) && rs[j] != cq && !(rs[i] == '“' && rs[j] == '"') {
					j++
				}
				it.text, it.quoted = string(rs[i+1:j]), true
				if j == len(rs) {
					pq.note("an unclosed quote was closed at the end of the query")
				}
				i = j + 1
				items = append(items, it)
				continue
			}
		}
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) {
			if _, ok := closeQuote[rs[j]]; ok && j > i {
				break
			}
			j++
		}
		it.text = string(rs[i:j])
		i = j
		if !it.neg && it.field == "" && (it.text == "OR" || it.text == "|" || it.text == "｜" || it.text == "||") {
			it.or = true
		}
		if !it.neg && it.field == "" {
			it.prox = proxOperator(it.text)
		}
		if it.field != "" && it.text == "" {
			pq.note("an empty field filter was ignored")
			continue
		}
		items = append(items, it)
	}
	return items
}

// fieldEnd returns the index of the colon ending a known field name (a
// built-in one or one of custom) that starts at i, or -1.
func fieldEnd(rs []rune, i int, custom map[string]bool) int {
	for j := i; j < len(rs) && j-i <= maxFieldNameRunes; j++ {
		if rs[j] == ':' || rs[j] == '：' {
			name := string(rs[i:j])
			if _, ok := boxFields[strings.ToLower(name)]; ok && j > i {
				return j
			}
			if custom[name] && j > i {
				return j
			}
			return -1
		}
		if unicode.IsSpace(rs[j]) {
			return -1
		}
	}
	return -1
}

// syntaxEdges are query-language characters that users carry over from
// other engines; at the edges of an unquoted term they are dropped, never
// interpreted.
const syntaxEdges = "+*?~^()[]{}!（）"

// makeUnit turns an item into a unit, stripping foreign syntax from the
// edges of unquoted terms.
func (pq *parsedQuery) makeUnit(it item) (unit, bool) {
	text := it.text
	if !it.quoted {
		t := text
		if len(t) >= 2 && t[0] == '/' && t[len(t)-1] == '/' {
			t = t[1 : len(t)-1]
			pq.note("regular expressions are not supported; /…/ was searched as plain text")
		}
		// A boost or fuzziness suffix: ^2, ~1, ~0.8.
		if k := strings.LastIndexAny(t, "^~"); k >= 0 && strings.Trim(t[k+1:], "0123456789.") == "" {
			t = t[:k]
		}
		t = strings.Trim(t, syntaxEdges)
		if t != text {
			pq.note("wildcard, fuzzy, boost, regexp and grouping syntax is not supported; those characters were dropped from the edges of terms")
		}
		text = t
	}
	folded := fold.String(text)
	if strings.TrimSpace(folded) == "" {
		if it.text != "" {
			pq.note("a term with nothing searchable was ignored: " + it.text)
		}
		return unit{}, false
	}
	return unit{text: text, folded: folded, phrase: it.quoted}, true
}

// addFilter adds a field filter from the box.
func (pq *parsedQuery) addFilter(field, value string) error {
	value = strings.TrimSpace(value)
	if field != "date" {
		pq.filters[field] = append(pq.filters[field], value)
		return nil
	}
	from, to, err := parseDateRange(value)
	if err != nil {
		return err
	}
	pq.from, pq.to = from, to
	return nil
}

// parseDateRange parses a date filter: 2025, 2025-02, 2025-02-15, or a
// range A..B of those with either side optional. Bounds are inclusive.
func parseDateRange(v string) (from, to string, err error) {
	a, b, isRange := strings.Cut(v, "..")
	if !isRange {
		b = a
	}
	if a != "" {
		if from, _, err = dateBounds(a); err != nil {
			return "", "", err
		}
	}
	if b != "" {
		if _, to, err = dateBounds(b); err != nil {
			return "", "", err
		}
	}
	if from != "" && to != "" && from > to {
		return "", "", invalidf("the date range %q ends before it starts", v)
	}
	return from, to, nil
}

// dateBounds gives the first and last day that a year, month or day names.
func dateBounds(s string) (first, last string, err error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "2006-1-2", "2006-01", "2006-1", "2006"} {
		t, perr := time.Parse(layout, s)
		if perr != nil {
			continue
		}
		switch layout {
		case "2006":
			return t.Format("2006-01-02"), t.AddDate(1, 0, -1).Format("2006-01-02"), nil
		case "2006-01", "2006-1":
			return t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02"), nil
		default:
			d := t.Format("2006-01-02")
			return d, d, nil
		}
	}
	return "", "", invalidf("%q is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", s)
}
