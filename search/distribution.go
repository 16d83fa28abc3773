package search

import (
	"cmp"
	"context"
	"errors"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// RateBasis says what a distribution's rate is per.
const RateBasis = "occurrences per 10,000 characters of passage text (every character of the subcorpus' passages, punctuation and white space included)"

// Limits of a distribution request.
const (
	MaxDistributionQueries = 8
	DefaultBuckets         = 20
	MaxBuckets             = 500
)

// DistributionRequest asks how often each query occurs in each bucket of a
// field, within a subcorpus.
type DistributionRequest struct {
	// Request holds the subcorpus: its filters. Its Query, paging and
	// sort are not used.
	Request
	Queries []string `json:"queries"` // each in the search box's syntax
	By      string   `json:"by"`      // a facet field: year (default), session, speaker, doc, topic, kind, …
	Limit   int      `json:"limit"`   // buckets of fields other than year; the rest are summed
}

// Distribution is the answer to a DistributionRequest.
type Distribution struct {
	Queries     []string          `json:"queries"`
	By          string            `json:"by"`
	Filters     map[string]string `json:"filters"` // the subcorpus, as interpreted
	Basis       string            `json:"basis"`
	Generation  string            `json:"generation"`
	Time        string            `json:"time"`   // RFC 3339, when it was counted
	Corpus      Size              `json:"corpus"` // the subcorpus
	Totals      []Count           `json:"totals"` // per query, over the subcorpus
	Buckets     []Bucket          `json:"buckets"`
	Rest        *Bucket           `json:"rest,omitempty"` // the buckets beyond the limit, summed
	None        *Bucket           `json:"none,omitempty"` // passages without a value of the field
	Interpreted []Interpretation  `json:"interpreted"`    // per query
	TookMs      float64           `json:"took_ms"`
}

// Size is the extent of a subcorpus or a bucket.
type Size struct {
	Characters int64 `json:"characters"`
	Passages   int   `json:"passages"`
	Documents  int   `json:"documents"`
}

// Count is how often one query occurs in a bucket: its occurrences, the
// passages and documents holding it, and the rate per 10,000 characters.
type Count struct {
	Occurrences int64   `json:"occurrences"`
	Passages    int     `json:"passages"`
	Documents   int     `json:"documents"`
	Rate        float64 `json:"rate"`
}

// Bucket is one value of the field.
type Bucket struct {
	Value   string  `json:"value"`
	Label   string  `json:"label,omitempty"`   // display name where it differs (doc titles)
	Buckets int     `json:"buckets,omitempty"` // in Rest: how many buckets it sums
	Size    Size    `json:"size"`
	Counts  []Count `json:"counts"` // per query, in the order of Queries
}

// bucketSizes is the size of every value of one field over a set of
// passages; index len(names) holds the passages without a value.
type bucketSizes struct {
	per   []Size
	total Size
}

// errSnapshotMoved: the index changed between reading the text table and
// searching; the request is tried again on the new snapshot.
var errSnapshotMoved = errors.New("the index changed during the count")

// Distribution counts each query's occurrences, passages and documents in
// every bucket of req.By within the subcorpus of req's filters.
func (x *Index) Distribution(ctx context.Context, req DistributionRequest) (*Distribution, error) {
	start := time.Now()
	if req.By == "" {
		req.By = "year"
	}
	if req.Limit == 0 {
		req.Limit = DefaultBuckets
	}
	if req.Limit < 1 || req.Limit > MaxBuckets {
		return nil, invalidf("limit must be between 1 and %d", MaxBuckets)
	}
	if len(req.Queries) == 0 {
		return nil, invalidf("a distribution needs at least one query (q)")
	}
	if len(req.Queries) > MaxDistributionQueries {
		return nil, invalidf("a distribution takes at most %d queries, not %d", MaxDistributionQueries, len(req.Queries))
	}
	g := x.acquire()
	defer x.release()
	custom := g.cat.derived().names
	sub := req.Request
	sub.Query, sub.Page, sub.Size, sub.After, sub.Sort = "", 0, 0, "", ""
	subPlan, err := makePlan(sub, x.opts.Limits, nil, custom)
	if err != nil {
		return nil, err
	}
	plans := make([]*plan, len(req.Queries))
	for i, q := range req.Queries {
		if strings.TrimSpace(q) == "" {
			return nil, invalidf("query %d is empty", i+1)
		}
		r := sub
		r.Query = q
		if plans[i], err = makePlan(r, x.opts.Limits, x.syn.Load(), custom); err != nil {
			return nil, err
		}
		if !plans[i].hasText || len(plans[i].needles) == 0 {
			return nil, invalidf("query %s has nothing to count: give it a word or phrase", strconv.Quote(q))
		}
		if !maps.Equal(plans[i].interp.Filters, subPlan.interp.Filters) {
			// Rates divide by the size of each bucket of the subcorpus of
			// the parameters: a filter typed in one query would narrow its
			// counts and not the sizes they are divided by.
			return nil, invalidf("query %s holds a filter: give the filters as parameters (year=2024, speaker=…), and the queries as words or phrases", strconv.Quote(q))
		}
	}
	col := -1
	for i, f := range facetFields {
		if f.name == req.By || (isDocField(req.By, custom) && f.name == "doc") {
			col = i
		}
	}
	if col < 0 {
		names := make([]string, 0, len(facetFields)+2)
		for _, f := range facetFields {
			names = append(names, f.name)
		}
		names = append(names, fieldPlace, fieldLevel, customPrefix+"NAME")
		return nil, invalidf("cannot count by %q: use one of %s", req.By, strings.Join(names, ", "))
	}
	out, err := retryMoved(ctx, func() (*Distribution, error) {
		return x.distribution(ctx, g, req, col, subPlan, plans, custom)
	})
	if err != nil {
		return nil, err
	}
	out.TookMs = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

// retryMoved runs count again, three times at most, while it fails with
// errSnapshotMoved (the index changed between reading the text table and
// searching); a cancelled request fails with the context's error.
func retryMoved[T any](ctx context.Context, count func() (T, error)) (T, error) {
	for attempt := 0; ; attempt++ {
		out, err := count()
		if errors.Is(err, errSnapshotMoved) && attempt < 3 {
			continue
		}
		if err != nil && ctx.Err() != nil {
			var zero T
			return zero, ctx.Err()
		}
		return out, err
	}
}

func (x *Index) distribution(ctx context.Context, g *generation, req DistributionRequest, col int, subPlan *plan, plans []*plan, custom map[string]bool) (*Distribution, error) {
	t, err := x.textTable(g)
	if err != nil {
		return nil, err
	}
	names := t.facets.cols[col].names
	var sizes *bucketSizes
	if len(subPlan.interp.Filters) == 0 {
		sizes = t.wholeSizes(col)
	} else {
		nums, err := t.collect(ctx, g, subPlan)
		if err != nil {
			return nil, err
		}
		sizes = t.sizesOf(col, nums)
	}
	counts := make([][]Count, len(plans)) // per query, per value (+ none)
	totals := make([]Count, len(plans))
	for i, p := range plans {
		nums, err := t.collect(ctx, g, p)
		if err != nil {
			return nil, err
		}
		counts[i], totals[i] = t.countsOf(col, nums, newByteMatcher(newMatcher(p.needles)))
		totals[i].Rate = rate(totals[i].Occurrences, sizes.total.Characters)
	}
	if isDocField(req.By, custom) {
		// A document-level field holds one value per document: the
		// counts by document, summed by the documents' values.
		// The whole corpus's sizes are shared by every request: regroup a
		// copy.
		var per []Size
		names, per, counts = regroupByDocument(names, sizes.per, counts, docFieldValue(g.cat, req.By))
		sizes = &bucketSizes{per: per, total: sizes.total}
	}
	out := &Distribution{
		Queries: req.Queries, By: req.By, Filters: subPlan.interp.Filters, Basis: RateBasis,
		Generation: g.name, Time: time.Now().UTC().Format(time.RFC3339), Corpus: sizes.total,
		Totals: totals, Buckets: []Bucket{}, Interpreted: make([]Interpretation, len(plans)),
	}
	for i, p := range plans {
		out.Interpreted[i] = p.interp
	}
	bucket := func(v int) Bucket {
		b := Bucket{Size: sizes.per[v], Counts: make([]Count, len(plans))}
		if v < len(names) {
			b.Value = names[v]
			if req.By == "doc" {
				b.Label = g.cat.label(b.Value) // title and year, as the doc facet shows it
			}
		}
		for i := range plans {
			b.Counts[i] = counts[i][v]
			b.Counts[i].Rate = rate(b.Counts[i].Occurrences, b.Size.Characters)
		}
		return b
	}
	if n := len(names); sizes.per[n].Passages > 0 {
		b := bucket(n)
		out.None = &b
	}
	var vals []int
	for v := range names {
		if sizes.per[v].Passages > 0 {
			vals = append(vals, v)
		}
	}
	if req.By == "year" {
		out.Buckets = yearBuckets(vals, names, bucket, len(plans))
		return out, nil
	}
	occ := func(v int) int64 {
		var n int64
		for i := range plans {
			n += counts[i][v].Occurrences
		}
		return n
	}
	slices.SortFunc(vals, func(a, b int) int {
		return cmp.Or(cmp.Compare(occ(b), occ(a)), cmp.Compare(sizes.per[b].Characters, sizes.per[a].Characters), strings.Compare(names[a], names[b]))
	})
	for i, v := range vals {
		if i < req.Limit {
			out.Buckets = append(out.Buckets, bucket(v))
			continue
		}
		if out.Rest == nil {
			out.Rest = &Bucket{Counts: make([]Count, len(plans))}
		}
		b := bucket(v)
		r := out.Rest
		r.Buckets++
		r.Size.Characters += b.Size.Characters
		r.Size.Passages += b.Size.Passages
		r.Size.Documents += b.Size.Documents
		for i, c := range b.Counts {
			r.Counts[i].Occurrences += c.Occurrences
			r.Counts[i].Passages += c.Passages
			r.Counts[i].Documents += c.Documents
		}
	}
	if r := out.Rest; r != nil {
		for i := range r.Counts {
			r.Counts[i].Rate = rate(r.Counts[i].Occurrences, r.Size.Characters)
		}
	}
	return out, nil
}

// yearBuckets lists the years in time order, from the first to the last
// year of the subcorpus, the years without passages between them as zero.
func yearBuckets(vals []int, names []string, bucket func(int) Bucket, queries int) []Bucket {
	byYear := map[int]int{}
	var years []int
	var other []int // values that are not years, after them
	for _, v := range vals {
		y, err := strconv.Atoi(names[v])
		if err != nil {
			other = append(other, v)
			continue
		}
		byYear[y] = v
		years = append(years, y)
	}
	out := []Bucket{}
	if len(years) > 0 {
		lo, hi := slices.Min(years), slices.Max(years)
		for y := lo; y <= hi; y++ {
			if v, ok := byYear[y]; ok {
				out = append(out, bucket(v))
			} else {
				out = append(out, Bucket{Value: strconv.Itoa(y), Counts: make([]Count, queries)})
			}
		}
	}
	for _, v := range other {
		out = append(out, bucket(v))
	}
	return out
}

// rate is occurrences per 10,000 characters.
func rate(occ, chars int64) float64 {
	if chars == 0 {
		return 0
	}
	return math.Round(float64(occ)*10000/float64(chars)*1000) / 1000
}

// collect returns the internal numbers of p's matches in ascending order,
// from the snapshot t was read from.
func (t *textTable) collect(ctx context.Context, g *generation, p *plan) ([]uint64, error) {
	sr := bleve.NewSearchRequestOptions(p.query, 0, 0, false)
	sr.Score = bleve.ScoreNone
	var nums []uint64
	var moved bool
	nc := &numCollector{limit: math.MaxInt, finished: func(r bindex.IndexReader, ns []uint64) error {
		if r != t.reader {
			moved = true
		}
		nums = ns
		return nil
	}}
	if _, err := g.idx.SearchInContext(withHandler(withTable(ctx, t), func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, error) {
		if sctx.IndexReader != t.reader {
			moved = true
		}
		return nc.handler(sctx)
	}), sr); err != nil {
		return nil, err
	}
	if moved {
		return nil, errSnapshotMoved
	}
	return nums, nil
}

// byDocument orders passage numbers by document (counting sort on the
// document's index), so that each document's passages are consecutive.
func (t *textTable) byDocument(nums []uint64) []uint64 {
	pos := make([]int, t.ndocs+2)
	for _, n := range nums {
		pos[t.doc[n]+2]++
	}
	for i := 1; i < len(pos); i++ {
		pos[i] += pos[i-1]
	}
	out := make([]uint64, len(nums))
	for _, n := range nums {
		d := t.doc[n] + 1
		out[pos[d]] = n
		pos[d]++
	}
	return out
}

// tallyOf walks nums document by document and calls add for each value
// of column col at each passage (len(names) for none), with first true
// the first time the value is seen in the passage's document.
func (t *textTable) tallyOf(col int, nums []uint64, add func(v int, num uint64, firstInDoc bool)) (docs int) {
	none := len(t.facets.cols[col].names)
	seen := make([]int32, none+1) // the document group a value was last counted in, +1
	group, lastDoc := int32(0), int32(-2)
	for _, n := range t.byDocument(nums) {
		if !t.live[n] {
			continue
		}
		if d := t.doc[n]; d != lastDoc || d < 0 {
			group++
			lastDoc = d
			docs++
		}
		hasValue := false
		t.values(col, n, func(v uint32) {
			hasValue = true
			add(int(v), n, seen[v] != group)
			seen[v] = group
		})
		if !hasValue {
			add(none, n, seen[none] != group)
			seen[none] = group
		}
	}
	return docs
}

// sizesOf is the size of every value of col over nums.
func (t *textTable) sizesOf(col int, nums []uint64) *bucketSizes {
	bs := &bucketSizes{per: make([]Size, len(t.facets.cols[col].names)+1)}
	bs.total.Documents = t.tallyOf(col, nums, func(v int, n uint64, first bool) {
		s := &bs.per[v]
		s.Characters += int64(t.runes[n])
		s.Passages++
		if first {
			s.Documents++
		}
	})
	for _, n := range nums {
		if t.live[n] {
			bs.total.Characters += int64(t.runes[n])
			bs.total.Passages++
		}
	}
	return bs
}

// wholeSizes is sizesOf every live passage, computed once per snapshot.
func (t *textTable) wholeSizes(col int) *bucketSizes {
	name := facetFields[col].name
	t.sizeMu.Lock()
	defer t.sizeMu.Unlock()
	if s := t.sizes[name]; s != nil {
		return s
	}
	s := t.sizesOf(col, t.liveNums())
	t.sizes[name] = s
	return s
}

// countsOf counts m's occurrences in nums, per value of col and in total.
// The scan is split between two goroutines.
func (t *textTable) countsOf(col int, nums []uint64, m *byteMatcher) ([]Count, Count) {
	per := make([]Count, len(t.facets.cols[col].names)+1)
	occ := make([]int32, len(t.live))
	var wg sync.WaitGroup
	half := len(nums) / 2
	for _, part := range [][]uint64{nums[:half], nums[half:]} {
		wg.Go(func() {
			for _, n := range part {
				if t.live[n] {
					occ[n] = int32(m.count(t.passageText(n)))
				}
			}
		})
	}
	wg.Wait()
	var total Count
	for _, n := range nums {
		if t.live[n] {
			total.Occurrences += int64(occ[n])
			total.Passages++
		}
	}
	total.Documents = t.tallyOf(col, nums, func(v int, n uint64, first bool) {
		c := &per[v]
		c.Occurrences += int64(occ[n])
		c.Passages++
		if first {
			c.Documents++
		}
	})
	return per, total
}

// isDocField: by names a document-level field, place, level or a custom
// field of the metadata table (field:总理), which the facet table does not
// hold per passage.
func isDocField(by string, custom map[string]bool) bool {
	if by == fieldPlace || by == fieldLevel {
		return true
	}
	name, ok := strings.CutPrefix(by, customPrefix)
	return ok && custom[name]
}

// docFieldValue reads a document-level field of a document by its id.
func docFieldValue(cat *catalog, by string) func(id string) string {
	return func(id string) string {
		d := cat.docs[id]
		if d == nil {
			return ""
		}
		switch by {
		case fieldPlace:
			return d.Place
		case fieldLevel:
			return d.Level
		}
		return d.Fields[strings.TrimPrefix(by, customPrefix)]
	}
}

// regroupByDocument sums the sizes and counts of documents (names are
// document ids; the last entry of per and of each counts row is the
// bucket of no value) by the value each document has, into buckets named
// by the values in order. A document without a value goes to the bucket of
// no value. Every figure is a sum: a document is in exactly one bucket.
func regroupByDocument(names []string, per []Size, counts [][]Count, value func(id string) string) ([]string, []Size, [][]Count) {
	seen := map[string]int{}
	var values []string
	for _, id := range names {
		if v := value(id); v != "" && seen[v] == 0 {
			seen[v] = 1
			values = append(values, v)
		}
	}
	slices.Sort(values)
	for i, v := range values {
		seen[v] = i
	}
	none := len(values)
	to := func(old int) int {
		if old < len(names) {
			if v := value(names[old]); v != "" {
				return seen[v]
			}
		}
		return none
	}
	newPer := make([]Size, none+1)
	for old, sz := range per {
		n := &newPer[to(old)]
		n.Characters += sz.Characters
		n.Passages += sz.Passages
		n.Documents += sz.Documents
	}
	newCounts := make([][]Count, len(counts))
	for i, row := range counts {
		newCounts[i] = make([]Count, none+1)
		for old, c := range row {
			n := &newCounts[i][to(old)]
			n.Occurrences += c.Occurrences
			n.Passages += c.Passages
			n.Documents += c.Documents
		}
	}
	return values, newPer, newCounts
}
