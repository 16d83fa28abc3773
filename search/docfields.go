package search

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"sessionsearch/indexer"
)

// Document-level fields: the place and level of a document and the custom
// fields of the metadata table (总理, 届次, 省份). They are indexed on
// every passage for filtering only; their facets are summed from the doc
// facet's counts, since every passage of a document has the same values,
// so that counting a match costs nothing more than before.

const (
	fieldPlace  = "place" // keyword: Document.Place
	fieldLevel  = "level" // keyword: Document.Level
	fieldCustom = "field" // keyword, repeated: customTerm(name, value)
	// The first and last day of the period the document's date names:
	// 2024 spans 2024-01-01..2024-12-31. A date range matches the
	// documents whose whole period lies inside it.
	fieldDateFirst = "df"
	fieldDateLast  = "dl"
)

// customPrefix begins the facet and filter key of a custom field:
// "field:总理".
const customPrefix = "field:"

// customTerm is the indexed term of a custom field's value. The unit
// separator cannot occur in a CSV header or cell as the table is read.
func customTerm(name, value string) string { return name + "\x1f" + value }

// docFields adds a passage's document-level fields through add.
func docFields(d *indexer.Document, add func(field, value string)) {
	add(fieldPlace, d.Place)
	add(fieldLevel, d.Level)
	for name, v := range d.Fields {
		add(fieldCustom, customTerm(name, v))
	}
	if first, last := dateSpan(d.Date); first != "" {
		add(fieldDateFirst, first)
		add(fieldDateLast, last)
	}
}

// dateSpan is the first and last day of a date known to the day, month or
// year: 2024-03 spans 2024-03-01..2024-03-31. "" for no date.
func dateSpan(date string) (first, last string) {
	if date == "" {
		return "", ""
	}
	f, l, err := dateBounds(date)
	if err != nil {
		return "", ""
	}
	return f, l
}

// Label is how a document is shown wherever it is listed: its title and
// its year, 政府工作报告（2024）, or its whole date when another document
// has the same title in the same year, 市十六届人大五次会议开幕（2025-02-15）.
// A document without a title is shown by its path.
func label(d *DocumentInfo, sameTitleYear int) string {
	title := d.Title
	if title == "" {
		title = d.Path
	}
	switch {
	case d.Date == "":
		return title
	case sameTitleYear > 1 && len(d.Date) > 4:
		return title + "（" + d.Date + "）"
	default:
		return title + "（" + d.Date[:min(4, len(d.Date))] + "）"
	}
}

// catalogDerived is what the catalog computes from all its documents:
// their labels and the custom fields with their values.
type catalogDerived struct {
	labels map[string]string // by document id
	fields []FieldStat       // by name
	names  map[string]bool   // the custom field names
	// docFacets says whether any document has a place, a level or a
	// custom field, that is whether their facets are worth summing.
	docFacets bool
}

// derived returns the catalog's derived data, computed on first use after
// a change. Searches share a published catalog; two computing it at once
// compute the same thing.
func (c *catalog) derived() *catalogDerived {
	if d := c.derivedData.Load(); d != nil {
		return d
	}
	d := &catalogDerived{labels: make(map[string]string, len(c.docs)), names: map[string]bool{}}
	type ty struct{ title, year string }
	count := map[ty]int{}
	for _, doc := range c.docs {
		count[ty{doc.Title, doc.Date[:min(4, len(doc.Date))]}]++
	}
	values := map[string]map[string]bool{}
	docsWith := map[string]int{}
	for id, doc := range c.docs {
		d.labels[id] = label(doc, count[ty{doc.Title, doc.Date[:min(4, len(doc.Date))]}])
		if doc.Place != "" || doc.Level != "" || len(doc.Fields) > 0 {
			d.docFacets = true
		}
		for name, v := range doc.Fields {
			if values[name] == nil {
				values[name] = map[string]bool{}
			}
			values[name][v] = true
			docsWith[name]++
		}
	}
	for name, vs := range values {
		d.names[name] = true
		fs := FieldStat{Name: name, Documents: docsWith[name], Values: make([]string, 0, len(vs))}
		for v := range vs {
			fs.Values = append(fs.Values, v)
		}
		sort.Strings(fs.Values)
		d.fields = append(d.fields, fs)
	}
	slices.SortFunc(d.fields, func(a, b FieldStat) int { return strings.Compare(a.Name, b.Name) })
	c.derivedData.Store(d)
	return d
}

// label is document id's label, "" for an unknown document.
func (c *catalog) label(id string) string { return c.derived().labels[id] }

// withLabel is d with its label filled in.
func (c *catalog) withLabel(d *DocumentInfo) DocumentInfo {
	out := *d
	out.Label = c.label(d.ID)
	return out
}

// docFacetNames are the facets summed from the doc facet, for a catalog:
// place, level and one per custom field.
func docFacetNames(cat *catalog) []string {
	out := []string{"place", "level"}
	for _, f := range cat.derived().fields {
		out = append(out, customPrefix+f.Name)
	}
	return out
}

// docFacetIndex maps each value of a facet table's doc column to the
// document-level facet values of that document, as small numbers, for one
// catalog: summing a query's doc counts into them is then array
// arithmetic.
type docFacetIndex struct {
	cat   *catalog
	keys  []string // facet name of each slot
	vals  []string // facet value of each slot
	start []uint32 // doc value v's slots: slots[start[v]:start[v+1]]
	slots []uint32
}

// docFacetIndexFor returns t's index for cat, building it on first use.
func (t *facetTable) docFacetIndexFor(cat *catalog, docCol int) *docFacetIndex {
	if ix := t.docIndex.Load(); ix != nil && ix.cat == cat {
		return ix
	}
	ix := &docFacetIndex{cat: cat}
	slotOf := map[[2]string]uint32{}
	names := t.cols[docCol].names
	ix.start = make([]uint32, 0, len(names)+1)
	for _, id := range names {
		ix.start = append(ix.start, uint32(len(ix.slots)))
		d := cat.docs[id]
		if d == nil {
			continue
		}
		eachDocFacet(d, func(key, val string) {
			k := [2]string{key, val}
			s, ok := slotOf[k]
			if !ok {
				s = uint32(len(ix.keys))
				slotOf[k] = s
				ix.keys, ix.vals = append(ix.keys, key), append(ix.vals, val)
			}
			ix.slots = append(ix.slots, s)
		})
	}
	ix.start = append(ix.start, uint32(len(ix.slots)))
	t.docIndex.Store(ix)
	return ix
}

// eachDocFacet calls f with each document-level facet value of d.
func eachDocFacet(d *DocumentInfo, f func(key, val string)) {
	if d.Place != "" {
		f("place", d.Place)
	}
	if d.Level != "" {
		f("level", d.Level)
	}
	for name, v := range d.Fields {
		f(customPrefix+name, v)
	}
}

// docFacetSums are the counts of the document-level facets' values, by
// facet name, summed from per-document counts where there is no facet
// table (the doc values, or Bleve's own facets).
type docFacetSums map[string]map[string]int

func (s docFacetSums) add(d *DocumentInfo, n int) {
	if d == nil || n == 0 {
		return
	}
	eachDocFacet(d, func(key, val string) {
		m := s[key]
		if m == nil {
			m = map[string]int{}
			s[key] = m
		}
		m[val] += n
	})
}

// into writes the top values of every document-level facet of cat to out.
func (s docFacetSums) into(out Facets, cat *catalog) {
	for _, name := range docFacetNames(cat) {
		top := topValues{k: facetSize}
		for v, n := range s[name] {
			top.offer(v, n)
		}
		out[name] = nonNilValues(top.vals)
	}
}

// docFacets writes the document-level facets of the counted matches to
// out, summed from the doc column's counts.
func (fc *facetCounter) docFacets(out Facets, cat *catalog, docCol int) {
	if !cat.derived().docFacets {
		for _, name := range docFacetNames(cat) {
			out[name] = []FacetValue{}
		}
		return
	}
	if fc.table == nil {
		sums := docFacetSums{}
		for id, n := range fc.byName[docCol] {
			sums.add(cat.docs[id], int(n))
		}
		sums.into(out, cat)
		return
	}
	ix := fc.table.docFacetIndexFor(cat, docCol)
	counts := make([]int, len(ix.keys))
	for v, n := range fc.counts[docCol] {
		if n == 0 || v+1 >= len(ix.start) {
			continue
		}
		for _, s := range ix.slots[ix.start[v]:ix.start[v+1]] {
			counts[s] += int(n)
		}
	}
	tops := map[string]*topValues{}
	for _, name := range docFacetNames(cat) {
		tops[name] = &topValues{k: facetSize}
	}
	for s, n := range counts {
		if t := tops[ix.keys[s]]; t != nil && n > 0 {
			t.offer(ix.vals[s], n)
		}
	}
	for name, t := range tops {
		out[name] = nonNilValues(t.vals)
	}
}

func nonNilValues(v []FacetValue) []FacetValue {
	if v == nil {
		return []FacetValue{}
	}
	return v
}

// gapsOf fills the summary's count of documents without a date, without a
// title of their own (titled by their file name) and without a session,
// each with the first few paths.
func (s *Summary) gapsOf(cat *catalog) {
	s.NoDate, s.NoTitle, s.NoSession = Gap{First: []string{}}, Gap{First: []string{}}, Gap{First: []string{}}
	docs := append([]*DocumentInfo(nil), cat.list()...)
	slices.SortFunc(docs, func(a, b *DocumentInfo) int { return cmp.Compare(a.Path, b.Path) })
	add := func(g *Gap, d *DocumentInfo) {
		g.Count++
		if len(g.First) < gapExamples {
			g.First = append(g.First, d.Path)
		}
	}
	for _, d := range docs {
		if d.Date == "" {
			add(&s.NoDate, d)
		}
		if d.Title == "" || d.Provenance["title"] == indexer.SourceFileName {
			add(&s.NoTitle, d)
		}
		if d.MainSession == nil {
			add(&s.NoSession, d)
		}
	}
}

// gapExamples is how many paths a Gap names.
const gapExamples = 5

// unknownField is the error for a filter on a custom field the index does
// not have.
func unknownField(name string, custom map[string]bool) error {
	if len(custom) == 0 {
		return invalidf("unknown field %q: the index has no custom fields (they come from the columns of corpus/metadata.csv)", name)
	}
	names := make([]string, 0, len(custom))
	for n := range custom {
		names = append(names, n)
	}
	sort.Strings(names)
	return invalidf("unknown field %q: the index's custom fields are %s", name, strings.Join(names, ", "))
}
