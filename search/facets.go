package search

import (
	"cmp"
	"slices"
	"strings"
	"sync/atomic"

	bindex "github.com/blevesearch/bleve_index_api"
)

// Counting facets the way Bleve does reads six doc values for every match
// of a query, and decodes them into strings for a map: for a frequent term
// that was 40% of a first search's time. A facetTable holds every live
// passage's facet values as small numbers, by internal document number, so
// that counting a match is a few array increments. Internal numbers are
// only stable within one index snapshot (merges renumber), so a table
// belongs to the snapshot it was read from; until the table of the current
// snapshot is ready (it is built in the background, about a second per
// 100 MB of text), facets are counted from the doc values.

// facetTable is the facet values of one snapshot, and the place of each
// passage in document order (the rank of its order key), which settles
// score ties without reading the order key (collect.go).
type facetTable struct {
	reader bindex.IndexReader // the snapshot, compared by identity only
	cols   []facetColumn      // in facetFields order
	rank   []uint32           // by internal number
	// docIndex maps the doc column to the document-level facets, for the
	// catalog it was built for (docfields.go).
	docIndex atomic.Pointer[docFacetIndex]
}

// facetColumn is one facet field: passage num's values are
// vals[start[num]:start[num+1]], as indexes into names.
type facetColumn struct {
	names []string
	start []uint32
	vals  []uint32
}

// of is passage num's values, none for a number past the column.
func (c *facetColumn) of(num uint64) []uint32 {
	if num+1 >= uint64(len(c.start)) {
		return nil
	}
	return c.vals[c.start[num]:c.start[num+1]]
}

// facetState is a generation's table and whether one is being built.
type facetState struct {
	table    atomic.Pointer[facetTable]
	building atomic.Bool
}

var facetFieldNames = func() []string {
	var fs []string
	for _, f := range facetFields {
		fs = append(fs, f.field)
	}
	return fs
}()

// buildFacetTable reads the facet doc values of every live passage of r.
func buildFacetTable(r bindex.IndexReader) (*facetTable, error) {
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer ids.Close()
	dv, err := r.DocValueReader(append([]string{fieldOrder}, facetFieldNames...))
	if err != nil {
		return nil, err
	}
	type numKey struct {
		num uint64
		key string
	}
	var keys []numKey
	var num uint64
	t := &facetTable{reader: r, cols: make([]facetColumn, len(facetFields))}
	colOf := map[string]int{}
	intern := make([]map[string]uint32, len(facetFields))
	for i, f := range facetFields {
		colOf[f.field] = i
		intern[i] = map[string]uint32{}
	}
	visit := func(field string, term []byte) {
		if field == fieldOrder {
			keys = append(keys, numKey{num, string(term)})
			return
		}
		i, ok := colOf[field]
		if !ok {
			return
		}
		c := &t.cols[i]
		v, ok := intern[i][string(term)]
		if !ok {
			v = uint32(len(c.names))
			c.names = append(c.names, string(term))
			intern[i][c.names[v]] = v
		}
		c.vals = append(c.vals, v)
	}
	var next uint64 // the next number without a start yet
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, err
		}
		if id == nil {
			break
		}
		num, err = docNum(id)
		if err != nil {
			return nil, err
		}
		if num < next {
			return nil, errNotAscending
		}
		// Deleted passages in between get empty ranges.
		for ; next <= num; next++ {
			for i := range t.cols {
				t.cols[i].start = append(t.cols[i].start, uint32(len(t.cols[i].vals)))
			}
		}
		if err := dv.VisitDocValues(id, visit); err != nil {
			return nil, err
		}
	}
	for i := range t.cols {
		t.cols[i].start = append(t.cols[i].start, uint32(len(t.cols[i].vals)))
	}
	slices.SortFunc(keys, func(a, b numKey) int { return strings.Compare(a.key, b.key) })
	t.rank = make([]uint32, next)
	for i, k := range keys {
		t.rank[k.num] = uint32(i)
	}
	return t, nil
}

type facetError string

func (e facetError) Error() string { return string(e) }

const errNotAscending = facetError("facet table: document numbers out of order")

// facetCounter counts the facet values of a query's matches, from a table
// when there is one for the snapshot searched, else from the doc values.
type facetCounter struct {
	table  *facetTable
	counts [][]uint32 // with a table: per column, per value
	// without a table:
	dv     bindex.DocValueReader
	byName []map[string]uint32
	colOf  map[string]int
}

func newFacetCounter(r bindex.IndexReader, t *facetTable) (*facetCounter, error) {
	fc := &facetCounter{}
	if t != nil && t.reader == r {
		fc.table = t
		fc.counts = make([][]uint32, len(t.cols))
		for i, c := range t.cols {
			fc.counts[i] = make([]uint32, len(c.names))
		}
		return fc, nil
	}
	dv, err := r.DocValueReader(facetFieldNames)
	if err != nil {
		return nil, err
	}
	fc.dv, fc.colOf = dv, map[string]int{}
	fc.byName = make([]map[string]uint32, len(facetFields))
	for i, f := range facetFields {
		fc.colOf[f.field] = i
		fc.byName[i] = map[string]uint32{}
	}
	return fc, nil
}

// add counts one match.
func (fc *facetCounter) add(id bindex.IndexInternalID, num uint64) error {
	if fc.table != nil {
		for i := range fc.table.cols {
			for _, v := range fc.table.cols[i].of(num) {
				fc.counts[i][v]++
			}
		}
		return nil
	}
	return fc.dv.VisitDocValues(id, func(field string, term []byte) {
		if i, ok := fc.colOf[field]; ok {
			fc.byName[i][string(term)]++
		}
	})
}

// facets returns the counts as Facets: per field the facetSize most
// frequent values, ties by value, as Bleve's terms facet chooses them.
func (fc *facetCounter) facets(cat *catalog) Facets {
	out := Facets{}
	for i, f := range facetFields {
		top := topValues{k: facetSize}
		if fc.table != nil {
			for v, n := range fc.counts[i] {
				if n > 0 {
					top.offer(fc.table.cols[i].names[v], int(n))
				}
			}
		} else {
			for v, n := range fc.byName[i] {
				top.offer(v, int(n))
			}
		}
		vals := top.vals
		if vals == nil {
			vals = []FacetValue{}
		}
		if f.name == "doc" {
			for j := range vals {
				vals[j].Label = cat.label(vals[j].Value)
			}
			fc.docFacets(out, cat, i)
		}
		out[f.name] = vals
	}
	return out
}

// topValues keeps the k most frequent values, ties by value, without
// sorting every value: the doc facet of a frequent character has a value
// per document (15,000 at 100 MB), and sorting them all was a sixth of the
// time of a search for "一个" kind:body. Most values fail the first
// comparison with the last one kept.
type topValues struct {
	k    int
	vals []FacetValue // the best first
}

func facetOrder(a, b FacetValue) int {
	return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
}

func (t *topValues) offer(value string, count int) {
	v := FacetValue{Value: value, Count: count}
	if t.k <= 0 || len(t.vals) == t.k && facetOrder(v, t.vals[len(t.vals)-1]) >= 0 {
		return
	}
	i, _ := slices.BinarySearchFunc(t.vals, v, facetOrder)
	if len(t.vals) < t.k {
		t.vals = append(t.vals, FacetValue{})
	}
	copy(t.vals[i+1:], t.vals[i:len(t.vals)-1])
	t.vals[i] = v
}

// column is the facet column named name (facetFields), or nil.
func (t *facetTable) column(name string) *facetColumn {
	i := slices.IndexFunc(facetFields, func(f struct{ name, field string }) bool { return f.name == name })
	if i < 0 || i >= len(t.cols) {
		return nil
	}
	return &t.cols[i]
}

// only is f restricted to names, in a new map: f may be the cached
// counts of the query.
func (f Facets) only(names []string) Facets {
	out := make(Facets, len(names))
	for _, n := range names {
		if v, ok := f[n]; ok {
			out[n] = v
		}
	}
	return out
}

// checkFacetNames refuses a facet a request names that no result has: the
// passage facets and the catalog's document-level ones.
func checkFacetNames(names []string, cat *catalog) error {
	if len(names) == 0 {
		return nil
	}
	known := make([]string, 0, len(facetFields)+4)
	for _, f := range facetFields {
		known = append(known, f.name)
	}
	known = append(known, docFacetNames(cat)...)
	for _, n := range names {
		if !slices.Contains(known, n) {
			return invalidf("unknown facet %q: the facets are %s", n, strings.Join(known, ", "))
		}
	}
	return nil
}
