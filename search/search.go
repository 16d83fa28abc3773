package search

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// facetFields are the facets of every result, by name.
var facetFields = []struct{ name, field string }{
	{"speaker", fieldSpeaker}, {"topic", fieldTopic}, {"session", fieldSession},
	{"doc", fieldDoc}, {"kind", fieldKind}, {"year", fieldYear},
}

const facetSize = 50

// sortOrders: ties keep document order (date, document, passage number),
// which fieldOrder encodes in one unique key.
var sortOrders = map[string][]string{
	"relevance": {"-_score", fieldOrder},
	"date":      {"-date", fieldOrder},
	"date_asc":  {fieldOrder},
}

// cursor is the opaque "next" token: the sort key of the last hit served
// and the number of the page it ends.
type cursor struct {
	Key  []string `json:"k"`
	Page int      `json:"p"`
	Sort string   `json:"s"`
}

func encodeCursor(c cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s, sortName string) (cursor, error) {
	var c cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Page < 1 || len(c.Key) != len(sortOrders[sortName]) || c.Sort != sortName {
		return cursor{}, invalidf("the after cursor is not one this server gave for this sort order")
	}
	return c, nil
}

// Search runs one search: the query with its filters, a page of hits with
// snippets, the facets and the interpretation.
func (x *Index) Search(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	lim := x.opts.Limits
	size, page, err := pageOf(req, lim)
	if err != nil {
		return nil, err
	}
	sortName := req.Sort
	if sortName == "" {
		sortName = "relevance"
	}
	order, ok := sortOrders[sortName]
	if !ok {
		return nil, invalidf("unknown sort %q: use relevance, date or date_asc", req.Sort)
	}
	var after *cursor
	if req.After != "" {
		c, err := decodeCursor(req.After, sortName)
		if err != nil {
			return nil, err
		}
		after, page = &c, c.Page+1
	}
	g := x.acquire()
	defer x.release()
	p, err := makePlan(req, lim, x.syn.Load(), g.cat.derived().names)
	if err != nil {
		return nil, err
	}
	if err := checkFacetNames(req.Facets, g.cat); err != nil {
		return nil, err
	}

	from := (page - 1) * size
	sr := bleve.NewSearchRequestOptions(p.query, size, from, false)
	sr.SortBy(order)
	sr.Fields = []string{fieldStored}
	if after != nil {
		sr.From = 0
		sr.SearchAfter = after.Key
	}
	// Facets do not depend on the page: count them once per query.
	key := cacheKey(req)
	cached, haveFacets := x.cache.get(key)
	byScore := sortName == "relevance"
	if !haveFacets && !byScore {
		for _, f := range facetFields {
			n := facetSize
			if f.name == "doc" && g.cat.derived().docFacets {
				// Every document's count, for the document-level facets.
				n = max(facetSize, len(g.cat.docs))
			}
			sr.AddFacet(f.name, bleve.NewFacetRequest(f.field, n))
		}
	}
	var top []*bsearch.DocumentMatch
	var tc *topCollector
	if byScore {
		// Ranked by score here, by document order only where scores tie
		// (collect.go); Bleve's collector only counts and facets.
		skip, afterKey := from, []string(nil)
		if after != nil {
			skip, afterKey = 0, after.Key
		}
		tc, err = newTopCollector(skip+size, afterKey, func(tc *topCollector, r bindex.IndexReader, rs []*ranked) error {
			var err error
			top, err = storedHits(r, rs[min(skip, len(rs)):], tc.keyOf)
			return err
		})
		if err != nil {
			return nil, err
		}
		tc.wantFacets, tc.table = !haveFacets, g.facets.table.Load()
		sr.Size, sr.From, sr.SearchAfter, sr.Fields = 0, 0, nil, nil
		sr.SortBy([]string{"-_score"})
		ctx = withHandler(ctx, tc.handler)
	}
	res, err := g.idx.SearchInContext(x.withTexts(ctx, g), sr)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	if byScore {
		res.Hits = top
	}
	out := &Result{
		Query: req.Query, Total: res.Total, Page: page, Size: size,
		Interpreted: p.interp, Hits: make([]Hit, 0, len(res.Hits)),
	}
	switch {
	case haveFacets:
		out.Facets = cached
	case tc != nil:
		out.Facets = tc.fc.facets(g.cat)
	default:
		out.Facets = facetsOf(res.Facets, g.cat)
	}
	if !haveFacets {
		x.cache.put(key, out.Facets)
	}
	if req.Facets != nil {
		out.Facets = out.Facets.only(req.Facets)
	}
	if tc != nil && tc.rank == nil {
		x.buildFacetTable(g)
	}
	m := p.matcher()
	ct := newCiter(g.cat)
	for _, h := range res.Hits {
		hit, err := hitOf(h, g.cat, m, ct)
		if err != nil {
			return nil, err
		}
		out.Hits = append(out.Hits, hit)
	}
	if n := len(res.Hits); n == size && uint64(from+n) < res.Total || after != nil && n == size {
		out.Next = encodeCursor(cursor{Key: afterKey(res.Hits[n-1], order), Page: page, Sort: sortName})
	}
	out.TookMs = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// afterKey is a hit's sort key for search-after. Bleve reports the score's
// place in the key as the literal "_score"; search-after needs the value.
func afterKey(h *bsearch.DocumentMatch, order []string) []string {
	key := append([]string(nil), h.Sort...)
	for i, o := range order {
		if strings.TrimPrefix(o, "-") == "_score" && i < len(key) {
			key[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		}
	}
	return key
}

// pageOf checks and defaults the paging parameters.
func pageOf(req Request, lim Limits) (size, page int, err error) {
	size, page = req.Size, req.Page
	if size == 0 {
		size = lim.DefaultSize
	}
	if page == 0 {
		page = 1
	}
	if size < 1 || size > lim.MaxPageSize {
		return 0, 0, invalidf("size must be between 1 and %d", lim.MaxPageSize)
	}
	if page < 1 {
		return 0, 0, invalidf("page must be 1 or more")
	}
	if req.After == "" && (page-1) > (lim.MaxDepth-size)/size {
		return 0, 0, invalidf("page %d is beyond the deepest page served by number (results %d and on); follow the next cursor (after=) to go deeper", page, lim.MaxDepth)
	}
	return size, page, nil
}

// storedOf decodes the passage stored with a hit.
func storedOf(h *bsearch.DocumentMatch, cat *catalog) (storedPassage, error) {
	s, _ := h.Fields[fieldStored].(string)
	p, err := decodeStored([]byte(s))
	if err != nil {
		return storedPassage{}, errors.New("passage " + h.ID + ": unreadable stored fields: " + err.Error())
	}
	sp := storedPassage{Passage: p, DocID: docOfPassage(h.ID)}
	if d := cat.docs[sp.DocID]; d != nil {
		sp.Date = d.Date
	}
	return sp, nil
}

// docOfPassage is the document ID in a passage ID (document ID, ":", n).
func docOfPassage(id string) string { return id[:max(strings.LastIndexByte(id, ':'), 0)] }

// hitOf turns a Bleve hit into a Hit, with a snippet when m is not nil
// and its citation when ct is not nil.
func hitOf(h *bsearch.DocumentMatch, cat *catalog, m *matcher, ct *citer) (Hit, error) {
	sp, err := storedOf(h, cat)
	if err != nil {
		return Hit{}, err
	}
	hit := Hit{
		ID: h.ID, DocID: sp.DocID, DocTitle: cat.title(sp.DocID), DocLabel: cat.label(sp.DocID), Date: sp.Date, N: sp.N,
		Kind: string(sp.Kind), Speaker: sp.Speaker, SpeakerRole: sp.SpeakerRole,
		Topics: nonNil(sp.Topics), People: []string{}, Sessions: []string{},
		Text: sp.Text, Score: finite(h.Score),
	}
	if m != nil {
		hit.Snippet = m.snippet(sp.Text)
	}
	if ct != nil {
		hit.Permalink, hit.Citation = ct.cite(sp.DocID, sp.N, sp.Text)
	}
	for _, p := range sp.People {
		hit.People = append(hit.People, p.Key())
	}
	for _, s := range sp.Sessions {
		hit.Sessions = appendNew(hit.Sessions, s.Name)
	}
	return hit, nil
}

// finite keeps a score JSON-encodable.
func finite(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func facetsOf(fr bsearch.FacetResults, cat *catalog) Facets {
	out := Facets{}
	for _, f := range facetFields {
		vals := []FacetValue{}
		sums := docFacetSums{}
		if r := fr[f.name]; r != nil && r.Terms != nil {
			for _, t := range r.Terms.Terms() {
				v := FacetValue{Value: t.Term, Count: t.Count}
				if f.name == "doc" {
					v.Label = cat.label(t.Term)
					sums.add(cat.docs[t.Term], t.Count)
				}
				vals = append(vals, v)
			}
		}
		sort.SliceStable(vals, func(i, j int) bool {
			if vals[i].Count != vals[j].Count {
				return vals[i].Count > vals[j].Count
			}
			return vals[i].Value < vals[j].Value
		})
		if f.name == "doc" {
			// Asked for every document's count (Search); shown are the
			// facetSize most frequent, as the other facets.
			vals = vals[:min(len(vals), facetSize)]
			sums.into(out, cat)
		}
		out[f.name] = vals
	}
	return out
}

// cacheKey identifies a query and its filters, not its page or sort.
func cacheKey(r Request) string {
	r.Page, r.Size, r.After, r.Sort, r.Facets = 0, 0, "", "", nil
	b, _ := json.Marshal(r)
	return string(b)
}

// resultCache keeps the facets of recent queries, so that paging through
// a frequent query does not count them again. It is cleared whenever the
// index changes.
type resultCache struct {
	mu    sync.Mutex
	max   int
	items map[string]Facets
	order []string
}

func newResultCache(max int) *resultCache {
	return &resultCache{max: max, items: map[string]Facets{}}
}

func (c *resultCache) get(k string) (Facets, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.items[k]
	return f, ok
}

func (c *resultCache) put(k string, f Facets) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.items[k] = f
	c.order = append(c.order, k)
}

func (c *resultCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items = map[string]Facets{}
	c.order = nil
}

// Documents lists every document's metadata, in date then path order.
func (x *Index) Documents(ctx context.Context) ([]DocumentInfo, error) {
	g := x.acquire()
	defer x.release()
	list := g.cat.list()
	out := make([]DocumentInfo, len(list))
	for i, d := range list {
		out[i] = g.cat.withLabel(d)
	}
	return out, nil
}

// Document returns one whole document; with a non-empty query every
// passage carries its highlighted HTML.
func (x *Index) Document(ctx context.Context, id, query string) (*DocumentView, error) {
	g := x.acquire()
	defer x.release()
	var m *matcher
	if strings.TrimSpace(query) != "" {
		p, err := makePlan(Request{Query: query}, x.opts.Limits, x.syn.Load(), g.cat.derived().names)
		if err != nil {
			return nil, err
		}
		m = p.matcher()
	} else {
		m = newMatcher(nil)
	}
	info := g.cat.docs[id]
	if info == nil {
		return nil, notFoundf("no document %q", id)
	}
	sr := bleve.NewSearchRequestOptions(termQuery(fieldDoc, id), max(info.Passages, 1), 0, false)
	sr.SortBy([]string{fieldOrder})
	sr.Fields = []string{fieldStored}
	res, err := g.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, err
	}
	v := &DocumentView{DocumentInfo: g.cat.withLabel(info), Query: query, Passages: make([]PassageView, 0, len(res.Hits))}
	for _, h := range res.Hits {
		sp, err := storedOf(h, g.cat)
		if err != nil {
			return nil, err
		}
		html, n := m.highlight(sp.Text)
		v.Matches += n
		v.Passages = append(v.Passages, PassageView{Passage: sp.Passage, HTML: html, Matches: n, Fingerprint: fingerprint(sp.Text)})
	}
	return v, nil
}

// Warm starts building, in the background, what the first searches would
// otherwise wait for or do without: the facet table of the index as it
// is, and the text table in which phrases and the proximity operators
// check their candidates (a search before it is built reads each
// candidate's stored passage instead: as exact, slower). The text table
// holds the folded text of every passage: 103 MiB (328,816 passages) for
// the 100 MB benchmark corpus, built in 1.7 to 2.5 s on a shared machine.
func (x *Index) Warm() {
	g := x.acquire()
	defer x.release()
	x.buildFacetTable(g)
	x.warmTexts(g)
}

// Warming reports whether a build that Warm started is still under way on
// the live generation: searches are answered meanwhile, more slowly.
func (x *Index) Warming() bool {
	g := x.acquire()
	defer x.release()
	return g.facets.building.Load() || g.texts.warming.Load()
}

// buildFacetTable starts reading the facet table of g's current snapshot
// in the background, unless a build is under way. The build holds the
// generation (a swap waits for it) and gives up quietly on error: facets
// are then counted from the doc values, as before the table.
func (x *Index) buildFacetTable(g *generation) {
	if !g.facets.building.CompareAndSwap(false, true) {
		return
	}
	go func() {
		defer g.facets.building.Store(false)
		if x.acquire() != g { // swapped meanwhile
			x.release()
			return
		}
		defer x.release()
		r, err := g.reader()
		if err != nil {
			x.log.Warn("facet table", "err", err)
			return
		}
		defer r.Close()
		start := time.Now()
		t, err := buildFacetTable(r)
		if err != nil {
			x.log.Warn("facet table", "err", err)
			return
		}
		g.facets.table.Store(t)
		x.log.Debug("facet table built", "passages", len(t.cols[0].start)-1, "took", time.Since(start))
	}()
}
