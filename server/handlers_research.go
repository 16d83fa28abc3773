package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"sessionsearch/search"
)

// distribution answers GET /api/distribution: how often each q occurs in
// each bucket of a field (by=year|session|speaker|doc|topic|kind|…) within
// the subcorpus of the filters; format=csv downloads the table.
func (s *Server) distribution(c *gin.Context) error {
	p, err := queryParams(c)
	if err != nil {
		return err
	}
	var req search.DistributionRequest
	if req.Queries, err = p.list("q", s.cfg.Limits.MaxQueryRunes); err != nil {
		return err
	}
	if len(req.Queries) == 0 {
		return badParam("q", "parameter q is required: the distribution counts the occurrences of one or more queries (q=…&q=…)")
	}
	if len(req.Queries) > search.MaxDistributionQueries {
		return badParam("q", "parameter q is given %d times; the limit is %d", len(req.Queries), search.MaxDistributionQueries)
	}
	if req.Request, err = s.searchRequest(without(p, "q")); err != nil {
		return err
	}
	if req.By, err = p.text("by", 64); err != nil {
		return err
	}
	if req.Limit, err = p.integer("limit", search.DefaultBuckets, 1, search.MaxBuckets); err != nil {
		return err
	}
	format, err := p.choice("format", "json", "csv")
	if err != nil {
		return err
	}
	d, err := s.idx.Distribution(c.Request.Context(), req)
	if err != nil {
		return err
	}
	s.metrics.queries.WithLabelValues("distribution").Inc()
	return writeTable(c, format, d, "distribution-"+fileSafe(strings.Join(d.Queries, " "))+"-"+fileSafe(d.By)+".csv",
		func() ([]byte, error) { return distributionCSV(d) })
}

// keywords answers GET /api/keywords: the n-grams typical of the subcorpus
// of the filters (A) against vs (B, in the search box's syntax; absent,
// the rest of the corpus); format=csv downloads the list.
func (s *Server) keywords(c *gin.Context) error {
	p, req, err := s.parseSearch(c)
	if err != nil {
		return err
	}
	kr := search.KeywordsRequest{Request: req}
	if kr.Versus, err = p.text("vs", s.cfg.Limits.MaxQueryRunes); err != nil {
		return err
	}
	if kr.Min, err = p.integer("min", search.DefaultKeywordMin, 1, 1_000_000); err != nil {
		return err
	}
	if kr.Limit, err = p.integer("limit", search.DefaultKeywords, 1, search.MaxKeywords); err != nil {
		return err
	}
	format, err := p.choice("format", "json", "csv")
	if err != nil {
		return err
	}
	k, err := s.idx.Keywords(c.Request.Context(), kr)
	if err != nil {
		return err
	}
	s.metrics.queries.WithLabelValues("keywords").Inc()
	return writeTable(c, format, k, "keywords-"+fileSafe(describeFilters(k.A.Filters, k.A.Query))+".csv",
		func() ([]byte, error) { return keywordsCSV(k) })
}

// collocates answers GET /api/collocates: what occurs near the
// occurrences of q (window=sentence|passage|N characters on each side)
// within the subcorpus of the filters, ranked by measure=logdice|ll|mi|
// freq above the floor min; format=csv downloads the list.
func (s *Server) collocates(c *gin.Context) error {
	p, req, err := s.parseSearch(c)
	if err != nil {
		return err
	}
	if strings.TrimSpace(req.Query) == "" {
		return badParam("q", "parameter q is required: collocations are counted around the occurrences of a query")
	}
	cr := search.CollocatesRequest{Request: req}
	w, err := p.text("window", 16)
	if err != nil {
		return err
	}
	if cr.Window, err = search.ParseWindow(w); err != nil {
		return badParam("window", "%s", err.Error())
	}
	if cr.Measure, err = p.choice("measure", search.CollocateMeasures...); err != nil {
		return err
	}
	if cr.Min, err = p.integer("min", search.DefaultCollocateMin, 1, 1_000_000); err != nil {
		return err
	}
	if cr.Limit, err = p.integer("limit", search.DefaultCollocates, 1, search.MaxCollocates); err != nil {
		return err
	}
	format, err := p.choice("format", "json", "csv")
	if err != nil {
		return err
	}
	co, err := s.idx.Collocates(c.Request.Context(), cr)
	if err != nil {
		return err
	}
	s.metrics.queries.WithLabelValues("collocates").Inc()
	return writeTable(c, format, co, "collocates-"+fileSafe(co.Query)+"-"+fileSafe(co.Window)+".csv",
		func() ([]byte, error) { return collocatesCSV(co) })
}

// without is p less the named parameter.
func without(p params, name string) params {
	v := url.Values{}
	for k, vals := range p.v {
		if k != name {
			v[k] = vals
		}
	}
	return params{v: v}
}

// writeTable sends v as JSON or, when format is csv, the table csvOf
// renders as a download named name.
func writeTable(c *gin.Context, format string, v any, name string, csvOf func() ([]byte, error)) error {
	if format != "csv" {
		return writeJSON(c, http.StatusOK, cacheReval, v)
	}
	body, err := csvOf()
	if err != nil {
		return err
	}
	c.Header("Content-Disposition", attachment(name))
	c.Header("Cache-Control", cacheReval)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", body)
	return nil
}

// describeFilters is filters as one line, "year: 2014; speaker: 王强".
func describeFilters(filters map[string]string, query string) string {
	var parts []string
	if strings.TrimSpace(query) != "" {
		parts = append(parts, "q: "+query)
	}
	for _, k := range slices.Sorted(maps.Keys(filters)) {
		parts = append(parts, k+": "+filters[k])
	}
	if len(parts) == 0 {
		return "none (the whole corpus)"
	}
	return strings.Join(parts, "; ")
}

func sizeText(sz search.Size) string {
	return fmt.Sprintf("%d characters, %d passages, %d documents", sz.Characters, sz.Passages, sz.Documents)
}

// csvTable writes a preamble of name, value rows (what the table counts)
// and an empty row, if there is a preamble, then the header and rows, with
// a UTF-8 byte order mark (which Excel needs to read Chinese text as UTF-8
// rather than the locale's code page) and every cell defused against
// formulas.
func csvTable(preamble [][2]string, header []string, rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true // RFC 4180, and what spreadsheets expect
	write := func(rec []string) error {
		for i := range rec {
			rec[i] = defuseFormula(rec[i])
		}
		return w.Write(rec)
	}
	// Every row as wide as the table, as RFC 4180 readers expect.
	padded := func(cells ...string) []string {
		return append(cells, make([]string, max(0, len(header)-len(cells)))...)
	}
	for _, kv := range preamble {
		if err := write(padded(kv[0], kv[1])); err != nil {
			return nil, err
		}
	}
	if len(preamble) > 0 {
		if err := write(padded()); err != nil {
			return nil, err
		}
	}
	if err := write(slices.Clone(header)); err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := write(r); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func itoa64(n int64) string     { return strconv.FormatInt(n, 10) }
func ftoa(f float64) string     { return strconv.FormatFloat(f, 'f', -1, 64) }
func quoted(qs []string) string { return strings.Join(qs, " | ") }
func countRow(c search.Count) []string {
	return []string{itoa64(c.Occurrences), strconv.Itoa(c.Passages), strconv.Itoa(c.Documents), ftoa(c.Rate)}
}

// distributionCSV renders a distribution: the preamble, then one row per
// bucket, the rest, the passages without a value and the totals.
func distributionCSV(d *search.Distribution) ([]byte, error) {
	preamble := [][2]string{
		{"distribution of", quoted(d.Queries)},
		{"by", d.By},
		{"filters", describeFilters(d.Filters, "")},
		{"corpus", sizeText(d.Corpus)},
		{"rate", d.Basis},
		{"generation", d.Generation},
		{"time", d.Time},
	}
	header := []string{d.By, "label", "characters", "passages", "documents"}
	for _, q := range d.Queries {
		header = append(header, q+" occurrences", q+" passages", q+" documents", q+" rate")
	}
	row := func(value, label string, sz search.Size, counts []search.Count) []string {
		r := []string{value, label, itoa64(sz.Characters), strconv.Itoa(sz.Passages), strconv.Itoa(sz.Documents)}
		for _, c := range counts {
			r = append(r, countRow(c)...)
		}
		return r
	}
	var rows [][]string
	for _, b := range d.Buckets {
		rows = append(rows, row(b.Value, b.Label, b.Size, b.Counts))
	}
	if b := d.Rest; b != nil {
		rows = append(rows, row("(rest)", fmt.Sprintf("%d more", b.Buckets), b.Size, b.Counts))
	}
	if b := d.None; b != nil {
		rows = append(rows, row("(none)", "without a value", b.Size, b.Counts))
	}
	rows = append(rows, row("(total)", "", d.Corpus, d.Totals))
	return csvTable(preamble, header, rows)
}

// keywordsCSV renders a keyword list after its preamble.
func keywordsCSV(k *search.Keywords) ([]byte, error) {
	b := k.B.Query // as typed in vs
	if k.B.Rest {
		b = "the rest of the corpus"
	}
	preamble := [][2]string{
		{"keywords of A", describeFilters(k.A.Filters, k.A.Query)},
		{"against B", b},
		{"A", fmt.Sprintf("%s; %d Chinese characters", sizeText(k.A.Size), k.A.Han)},
		{"B", fmt.Sprintf("%s; %d Chinese characters", sizeText(k.B.Size), k.B.Han)},
		{"counts", k.Basis},
		{"floor", fmt.Sprintf("frequency in A at least %d; log-likelihood at least %v", k.Min, k.MinLL)},
		{"generation", k.Generation},
		{"time", k.Time},
	}
	header := []string{"keyword", "freq_a", "freq_b", "docs_a", "docs_b", "log_likelihood", "log_ratio", "folded"}
	var rows [][]string
	for _, w := range k.Keywords {
		rows = append(rows, []string{w.Text, itoa64(w.FreqA), itoa64(w.FreqB), strconv.Itoa(w.DocsA), strconv.Itoa(w.DocsB),
			ftoa(w.LogLikelihood), ftoa(w.LogRatio), strings.Join(w.Folded, " ")})
	}
	return csvTable(preamble, header, rows)
}

// collocatesCSV renders a collocation list after its preamble.
func collocatesCSV(co *search.Collocates) ([]byte, error) {
	window := co.Window + " characters on each side"
	if co.Window == "sentence" || co.Window == "passage" {
		window = "the " + co.Window + " of each occurrence"
	}
	preamble := [][2]string{
		{"collocates of", co.Query},
		{"window", window},
		{"filters", describeFilters(co.Filters, "")},
		{"corpus", fmt.Sprintf("%s; %d Chinese characters (N)", sizeText(co.Corpus), co.Han)},
		{"occurrences of the query", fmt.Sprintf("%d (f_x); %d Chinese characters in their windows", co.Nodes, co.WindowHan)},
		{"measure", co.Measure},
		{"counts", co.Basis},
		{"floor", fmt.Sprintf("co-occurrence frequency at least %d", co.Min)},
		{"generation", co.Generation},
		{"time", co.Time},
	}
	header := []string{"collocate", "freq", "corpus_freq", "docs", "log_dice", "log_likelihood", "mi", "folded", "kwic"}
	var rows [][]string
	for _, k := range co.Collocates {
		rows = append(rows, []string{k.Text, itoa64(k.Freq), itoa64(k.CorpusFreq), strconv.Itoa(k.Docs),
			ftoa(k.LogDice), ftoa(k.LogLikelihood), ftoa(k.MI), strings.Join(k.Folded, " "), k.Kwic})
	}
	return csvTable(preamble, header, rows)
}
