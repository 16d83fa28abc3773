package search

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	bquery "github.com/blevesearch/bleve/v2/search/query"

	"sessionsearch/fold"
	"sessionsearch/indexer"
)

// plan is a request turned into a Bleve query, the strings to highlight,
// and the interpretation shown to the user.
type plan struct {
	query   bquery.Query
	needles []string // folded strings to mark in snippets
	interp  Interpretation
	hasText bool // the query has text clauses (not only filters)
	// The proximity operators (proximity.go), and the needles of the
	// groups that are no operand of one.
	prox []*proxClause
	free []string
	// anyUnit is every unit of the query's required groups as the box
	// takes it again, joined by OR (算力 OR "数字 经济"), and groups how many
	// groups there are: a collocate's concordance (kwicQuery) puts the
	// operator beside it.
	anyUnit string
	groups  int
}

// filterFields maps a filter key to its index field.
// Custom fields ("field:<name>") are not listed: they filter fieldCustom.
var filterFields = map[string]string{
	"speaker": fieldSpeaker, "topic": fieldTopic, "kind": fieldKind, "doc": fieldDoc,
	"session": fieldSession, "person": fieldPerson, "year": fieldYear,
	"place": fieldPlace, "level": fieldLevel,
}

// makePlan parses and compiles a request. custom holds the custom field
// names the index knows, which the box accepts as prefixes (总理:李强).
func makePlan(req Request, lim Limits, syn *synonyms, custom map[string]bool) (*plan, error) {
	pq, err := parseBox(req.Query, lim, custom)
	if err != nil {
		return nil, err
	}
	filters := map[string][]string{
		"speaker": req.Speaker, "topic": req.Topic, "session": req.Session,
		"doc": req.Doc, "kind": req.Kind, "year": req.Year,
		"place": req.Place, "level": req.Level,
	}
	for name, vals := range req.Fields {
		if !custom[name] {
			return nil, unknownField(name, custom)
		}
		filters[customPrefix+name] = vals
	}
	for key, vals := range filters {
		for _, v := range vals {
			if v = strings.TrimSpace(v); v != "" {
				if !utf8.ValidString(v) {
					return nil, invalidf("the %s filter is not valid UTF-8", key)
				}
				pq.filters[key] = appendNew(pq.filters[key], v)
			}
		}
	}
	if req.From != "" {
		f, _, err := dateBounds(req.From)
		if err != nil {
			return nil, err
		}
		pq.from = f
	}
	if req.To != "" {
		_, t, err := dateBounds(req.To)
		if err != nil {
			return nil, err
		}
		pq.to = t
	}
	if pq.from != "" && pq.to != "" && pq.from > pq.to {
		return nil, invalidf("the date range %s..%s ends before it starts", pq.from, pq.to)
	}

	p := &plan{interp: Interpretation{
		Terms: []string{}, Phrases: []string{}, Any: [][]string{}, Exclusions: []string{},
		Filters: map[string]string{}, Expansions: map[string][]string{}, Notes: pq.notes,
		Proximity: []Proximity{},
	}}
	if p.interp.Notes == nil {
		p.interp.Notes = []string{}
	}
	var must, mustNot []bquery.Query
	operand := map[int]bool{}
	for _, n := range pq.near {
		operand[n.left], operand[n.right] = true, true
	}
	p.groups = len(pq.groups)
	groupNeedles := make([][]string, len(pq.groups))
	groupNames := make([][]string, len(pq.groups))
	for gi, g := range pq.groups {
		var alts []bquery.Query
		var names []string
		for _, u := range g {
			names = append(names, u.text)
			if p.anyUnit != "" {
				p.anyUnit += " OR "
			}
			if u.phrase {
				p.anyUnit += quotePhrase(u.text)
			} else {
				p.anyUnit += u.text
			}
			if len(g) == 1 {
				if u.phrase {
					p.interp.Phrases = append(p.interp.Phrases, u.text)
				} else {
					p.interp.Terms = append(p.interp.Terms, u.text)
				}
			}
			qs, ns := p.unitQueries(u, syn, operand[gi])
			alts = append(alts, qs...)
			groupNeedles[gi] = append(groupNeedles[gi], ns...)
		}
		groupNames[gi] = names
		if !operand[gi] {
			p.free = appendNew(p.free, groupNeedles[gi]...)
		}
		if len(g) > 1 {
			p.interp.Any = append(p.interp.Any, names)
		}
		if len(alts) == 0 {
			continue
		}
		must = append(must, disjunction(alts))
	}
	for _, n := range pq.near {
		p.prox = append(p.prox, newProxClause(groupNeedles[n.left], groupNeedles[n.right], n.within, n.sentence))
		ip := Proximity{Operator: n.op, Left: groupNames[n.left], Right: groupNames[n.right], Within: n.within, Unit: "character"}
		if n.sentence {
			ip.Unit = "sentence"
		}
		p.interp.Proximity = append(p.interp.Proximity, ip)
	}
	for _, u := range pq.exclude {
		p.interp.Exclusions = append(p.interp.Exclusions, u.text)
		if q := unitQuery(u.folded); q != nil {
			mustNot = append(mustNot, q)
		}
	}
	p.hasText = len(must) > 0
	// Exact phrase first: when several single terms are typed (算力 之城),
	// passages where they stand together as typed rank above the others.
	var should []bquery.Query
	if joined := adjacentPhrase(pq.groups); joined != "" {
		if q := unitQuery(joined); q != nil {
			if b, ok := q.(interface{ SetBoost(float64) }); ok {
				b.SetBoost(20) // dominates the length norm of short passages
			}
			should = append(should, q)
		}
	}

	keys := make([]string, 0, len(pq.filters))
	for k := range pq.filters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		vals := pq.filters[key]
		field, ok := filterFields[key]
		name, custom := strings.CutPrefix(key, customPrefix)
		if !ok && !custom {
			return nil, invalidf("unknown filter %q", key)
		}
		p.interp.Filters[key] = strings.Join(vals, " | ")
		var alts []bquery.Query
		for _, v := range vals {
			if custom {
				alts = append(alts, termQuery(fieldCustom, customTerm(name, v)))
				continue
			}
			alts = append(alts, termQuery(field, v))
			if key == "session" {
				// A session filter may be worded any way: match its
				// canonical key too.
				for _, s := range indexer.FindSessions(v, "") {
					alts = append(alts, termQuery(fieldSessionKey, sessionKey(s, s.Place != "")))
				}
			}
		}
		must = append(must, filterQuery(key, vals, disjunction(alts)))
	}
	if pq.from != "" || pq.to != "" {
		p.interp.Filters["date"] = pq.from + ".." + pq.to
		// A document is inside when the whole period its date names is:
		// its first day from the start, its last day up to the end.
		t := true
		if pq.from != "" {
			r := bquery.NewTermRangeInclusiveQuery(pq.from, "", &t, &t)
			r.SetField(fieldDateFirst)
			must = append(must, r)
		}
		if pq.to != "" {
			r := bquery.NewTermRangeInclusiveQuery("", pq.to, &t, &t)
			r.SetField(fieldDateLast)
			must = append(must, r)
		}
	}
	if len(must) == 0 {
		must = append(must, allPassages())
	}
	if len(must) > 1 && slices.ContainsFunc(must, func(q bquery.Query) bool { _, ok := q.(*facetFilter); return ok }) {
		must = []bquery.Query{&conjunction{must: must}}
	}
	var q bquery.Query
	if len(must) == 1 && len(mustNot) == 0 {
		q = must[0]
	} else {
		bq := bquery.NewBooleanQuery(nil, nil, nil)
		bq.AddMust(must...)
		if len(mustNot) > 0 {
			bq.AddMustNot(mustNot...)
		}
		q = bq
	}
	if len(p.prox) > 0 {
		// The candidates: every operator read as AND, with the filters
		// and exclusions, so that the fewest texts are checked.
		q = &proximityQuery{inner: q, clauses: p.prox}
	}
	if p.hasText {
		// A match in a headline ranks above the same match in body text.
		head := termQuery(fieldKind, string(indexer.KindHeadline))
		head.SetBoost(3)
		sub := termQuery(fieldKind, string(indexer.KindSubheadline))
		sub.SetBoost(1.5)
		q = &boostQuery{must: q, should: append(should, head, sub)}
	}
	p.query = q
	return p, nil
}

// adjacentPhrase joins the units of a query made of two or more single
// terms (no alternatives), or returns "".
func adjacentPhrase(groups []group) string {
	if len(groups) < 2 {
		return ""
	}
	var b strings.Builder
	for _, g := range groups {
		if len(g) != 1 || g[0].phrase {
			return ""
		}
		b.WriteString(g[0].folded)
	}
	return b.String()
}

// unitQueries compiles one unit with its expansions: synonyms from
// synonyms.yaml and, for a session name, its canonical key (not for the
// operand of a proximity operator, which is checked in the text). It
// returns the queries and the folded strings they find in the text.
func (p *plan) unitQueries(u unit, syn *synonyms, operand bool) ([]bquery.Query, []string) {
	var out []bquery.Query
	var texts []string
	if q := unitQuery(u.folded); q != nil {
		out = append(out, q)
		p.needles = appendNew(p.needles, u.folded)
		texts = append(texts, u.folded)
	}
	if u.phrase {
		return out, texts // a quoted phrase is taken exactly as typed
	}
	for _, w := range syn.expand(u.folded) {
		f := fold.String(w)
		if q := unitQuery(f); q != nil {
			out = append(out, q)
			p.needles = appendNew(p.needles, f)
			texts = append(texts, f)
			p.interp.Expansions[u.text] = appendNew(p.interp.Expansions[u.text], w)
		}
	}
	if looksLikeSession(u.text) {
		if operand {
			p.interp.Notes = appendNew(p.interp.Notes, "a session name beside NEAR or 同句 is matched as written, not in its other wordings: "+u.text)
		} else {
			for _, s := range indexer.FindSessions(u.text, "") {
				out = append(out, termQuery(fieldSessionKey, sessionKey(s, s.Place != "")))
				p.interp.Expansions[u.text] = appendNew(p.interp.Expansions[u.text], "session:"+s.Name)
			}
		}
	}
	return out, texts
}

// matcher finds what a hit marks: the query's strings, and of the
// operands of a proximity operator only the occurrences that satisfy it.
func (p *plan) matcher() *matcher {
	m := newMatcher(p.needles)
	if len(p.prox) > 0 {
		m.prox = p.prox
		m.free = newMatcher(p.free)
	}
	return m
}

// looksLikeSession says whether a term is worded as a whole session name
// (…届…会议, …届人大), as opposed to a word that merely contains one.
func looksLikeSession(s string) bool {
	f := fold.String(s)
	return strings.Contains(f, "届") && (strings.HasSuffix(f, "会议") || strings.HasSuffix(f, "人大") || strings.HasSuffix(f, "政协"))
}

// unitQuery compiles folded text into a term or phrase query over the
// analysis described in analysis.go; nil when nothing is searchable.
func unitQuery(folded string) bquery.Query {
	rs := []rune(strings.TrimSpace(folded))
	var toks []token
	tokenize(rs, queryMode, func(t token) { toks = append(toks, t) })
	switch len(toks) {
	case 0:
		return nil
	case 1:
		t := toks[0]
		if len(rs) == 1 && classify(rs[0]) == classCJK {
			// The cheap path for one character: one posting list.
			return termQuery(fieldChars, t.String())
		}
		return termQuery(fieldText, t.String())
	}
	// Query tokens stand at distinct positions (a CJK run gives its
	// bigrams, or one unigram when it is one character long); the phrase
	// is checked in the candidates' text, the offsets only describe it.
	base := toks[0].pos
	terms, offs := make([]string, 0, len(toks)), make([]uint64, 0, len(toks))
	for _, t := range toks {
		terms, offs = append(terms, t.String()), append(offs, uint64(t.pos-base))
	}
	return newPhraseQuery(fieldText, terms, offs, folded)
}

func termQuery(field, term string) *bquery.TermQuery {
	q := bquery.NewTermQuery(term)
	q.SetField(field)
	return q
}

func disjunction(qs []bquery.Query) bquery.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bquery.NewDisjunctionQuery(qs)
}

// allPassages matches every passage and no document record.
func allPassages() bquery.Query { return termQuery(fieldRec, recPassage) }
