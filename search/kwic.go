package search

import (
	"context"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// KWIC builds a keyword-in-context concordance of the query: one line per
// occurrence, in document order, with Width characters of context on each
// side taken from the text as written.
func (x *Index) KWIC(ctx context.Context, req KWICRequest) (*Concordance, error) {
	lim := x.opts.Limits
	width := req.Width
	if width == 0 {
		width = 30
	}
	if width < 1 || width > 200 {
		return nil, invalidf("width must be between 1 and 200")
	}
	limit := req.Limit
	if limit == 0 || limit > lim.KWICLines {
		limit = lim.KWICLines
	}
	if limit < 0 {
		return nil, invalidf("limit must be positive")
	}
	if strings.TrimSpace(req.Query) == "" {
		return nil, invalidf("a concordance needs a query (q)")
	}
	g := x.acquire()
	defer x.release()
	p, err := makePlan(req.Request, lim, x.syn.Load(), g.cat.derived().names)
	if err != nil {
		return nil, err
	}
	m := p.matcher()
	ct := newCiter(g.cat)
	out := &Concordance{Query: req.Query, Lines: []KWICLine{}}

	const page = 500
	order := sortOrders["date_asc"]
	var after []string
	for {
		sr := bleve.NewSearchRequestOptions(p.query, page, 0, false)
		sr.SortBy(order)
		sr.Fields = []string{fieldStored}
		if after != nil {
			sr.SearchAfter = after
		}
		res, err := g.idx.SearchInContext(x.withTexts(ctx, g), sr)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			hit, err := hitOf(h, g.cat, nil, nil) // lines, not snippets
			if err != nil {
				return nil, err
			}
			rs := []rune(hit.Text)
			cited := false // passages past the limit are counted, not cited
			for _, s := range m.spans(hit.Text) {
				out.Total++
				if len(out.Lines) >= limit {
					out.Truncated = true
					continue
				}
				if !cited {
					hit.Permalink, hit.Citation = ct.cite(hit.DocID, hit.N, hit.Text)
					cited = true
				}
				out.Lines = append(out.Lines, KWICLine{
					Left:      string(rs[max(0, s.start-width):s.start]),
					Match:     string(rs[s.start:s.end]),
					Right:     string(rs[s.end:min(len(rs), s.end+width)]),
					PassageID: hit.ID, DocID: hit.DocID, DocTitle: hit.DocTitle, Date: hit.Date,
					N: hit.N, Speaker: hit.Speaker, SpeakerRole: hit.SpeakerRole,
					Permalink: hit.Permalink, Citation: hit.Citation,
				})
			}
		}
		if len(res.Hits) < page || out.Truncated {
			break
		}
		after = res.Hits[len(res.Hits)-1].Sort
	}
	return out, nil
}

// Suggest completes a prefix typed in the search box: speakers, topics and
// sessions whose names start with it (or contain it), and phrases of the
// corpus that continue it up to the next punctuation.
func (x *Index) Suggest(ctx context.Context, prefix string, limit int) ([]Suggestion, error) {
	if limit <= 0 || limit > 50 {
		limit = 10
	}
	prefix = strings.TrimSpace(prefix)
	out := []Suggestion{}
	if prefix == "" {
		return out, nil
	}
	p, err := makePlan(Request{Query: quotePhrase(prefix)}, x.opts.Limits, nil, nil)
	if err != nil {
		return nil, err
	}
	if !p.hasText {
		return out, nil
	}
	fp := matchRunes(prefix)
	g := x.acquire()
	defer x.release()

	// Names first: they are few and exact.
	for _, f := range []struct{ field, typ string }{{fieldSpeaker, "speaker"}, {fieldTopic, "topic"}, {fieldSession, "session"}} {
		dict, err := g.idx.FieldDict(f.field)
		if err != nil {
			return nil, err
		}
		for {
			e, err := dict.Next()
			if err != nil || e == nil {
				break
			}
			if strings.Contains(string(matchRunes(e.Term)), string(fp)) {
				out = append(out, Suggestion{Text: e.Term, Type: f.typ, Count: int(e.Count)})
			}
		}
		dict.Close()
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })

	// Phrases: what follows the prefix in the best matching passages.
	sr := bleve.NewSearchRequestOptions(p.query, 200, 0, false)
	sr.Fields = []string{fieldStored}
	res, err := g.idx.SearchInContext(x.withTexts(ctx, g), sr) // the phrase is checked in the text table
	if err != nil {
		return nil, err
	}
	m := newMatcher(p.needles)
	counts := map[string]int{}
	for _, h := range res.Hits {
		sp, err := storedOf(h, g.cat)
		if err != nil {
			return nil, err
		}
		folded := matchRunes(sp.Text)
		rs := []rune(sp.Text)
		for _, s := range m.find(folded) {
			e := s.end
			for e < len(rs) && e-s.start < len(fp)+8 && classify(folded[e]) == classCJK {
				e++
			}
			counts[string(rs[s.start:e])]++
		}
	}
	phrases := make([]Suggestion, 0, len(counts))
	for t, c := range counts {
		phrases = append(phrases, Suggestion{Text: t, Type: "phrase", Count: c})
	}
	sort.Slice(phrases, func(i, j int) bool {
		if phrases[i].Count != phrases[j].Count {
			return phrases[i].Count > phrases[j].Count
		}
		return phrases[i].Text < phrases[j].Text
	})
	out = append(out, phrases...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// quotePhrase makes text one exact phrase for the box parser.
func quotePhrase(s string) string {
	return "\"" + strings.ReplaceAll(s, "\"", " ") + "\""
}
