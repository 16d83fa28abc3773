package server

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sessionsearch/search"
)

func TestDistribution(t *testing.T) {
	h := newHarness(t, Config{})
	q := "q=" + url.QueryEscape("发展") + "&q=" + url.QueryEscape("在")
	for _, by := range []string{"year", "speaker", "kind", "topic", "doc", "session"} {
		t.Run(by, func(t *testing.T) {
			x := h.get("/api/distribution?" + q + "&by=" + by)
			x.wantStatus(t, http.StatusOK)
			x.checkSpec(t)
			var d search.Distribution
			x.decode(t, &d)
			if len(d.Queries) != 2 || len(d.Totals) != 2 || d.Totals[0].Occurrences == 0 || d.Corpus.Characters == 0 {
				t.Fatalf("distribution by %s: %+v", by, d)
			}
			var occ int64
			for _, b := range d.Buckets {
				occ += b.Counts[0].Occurrences
			}
			if d.Rest != nil {
				occ += d.Rest.Counts[0].Occurrences
			}
			if d.None != nil {
				occ += d.None.Counts[0].Occurrences
			}
			if by != "topic" && by != "session" && occ != d.Totals[0].Occurrences {
				t.Errorf("by %s: buckets hold %d occurrences, the total is %d", by, occ, d.Totals[0].Occurrences)
			}
		})
	}
	// The distribution of a query counts what its concordance lists.
	var d search.Distribution
	h.get("/api/distribution?q="+url.QueryEscape("刘俊义")).decode(t, &d)
	var conc search.Concordance
	h.get("/api/kwic?q="+url.QueryEscape("刘俊义")).decode(t, &conc)
	if d.Totals[0].Occurrences != int64(conc.Total) {
		t.Errorf("distribution of 刘俊义: %d occurrences, the concordance %d", d.Totals[0].Occurrences, conc.Total)
	}

	t.Run("csv", func(t *testing.T) {
		x := h.get("/api/distribution?" + q + "&format=csv")
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		if ct := x.resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		if cd := x.resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "distribution-") {
			t.Errorf("Content-Disposition = %q", cd)
		}
		recs := tableRecords(t, x.body)
		var keys []string
		for _, rec := range recs {
			if len(rec) == 0 || rec[0] == "" {
				break
			}
			keys = append(keys, rec[0])
		}
		if got, want := strings.Join(keys, ","), "distribution of,by,filters,corpus,rate,generation,time"; got != want {
			t.Errorf("CSV preamble = %s, want %s", got, want)
		}
		if recs[0][1] != "发展 | 在" {
			t.Errorf("CSV queries = %q", recs[0][1])
		}
		last := recs[len(recs)-1]
		if last[0] != "(total)" {
			t.Errorf("CSV last row = %q, want the totals", last)
		}
	})

	for _, tt := range []struct{ name, query string }{
		{"no query", "by=year"},
		{"blank query", "q=+"},
		{"filters only", "q=" + url.QueryEscape("year:2025")},
		{"unknown field", q + "&by=colour"},
		{"limit 0", q + "&by=speaker&limit=0"},
		{"limit too big", q + "&limit=100000"},
		{"nine queries", strings.Repeat("q=a&", 9)},
		{"bad year", q + "&year=20x5"},
		{"unknown format", q + "&format=xml"},
		{"by twice", q + "&by=year&by=kind"},
		// A filter in the query would narrow the counts and not the
		// bucket sizes the rates divide by.
		{"a filter typed in the query", "q=" + url.QueryEscape("发展 year:2025")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := h.get("/api/distribution?" + tt.query)
			x.wantStatus(t, http.StatusBadRequest)
			x.problem(t)
			x.checkSpec(t)
		})
	}
}

// tableRecords reads a research table's CSV download (csvTable): its
// byte order mark dropped, rows of any width.
func tableRecords(t *testing.T, body []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestKeywords(t *testing.T) {
	h := newHarness(t, Config{})
	var st search.Stats
	h.get("/api/stats").decode(t, &st)
	x := h.get("/api/keywords?kind=headline&min=1")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var k search.Keywords
	x.decode(t, &k)
	if !k.B.Rest || k.A.Size.Passages == 0 || k.B.Size.Passages == 0 || k.Generation != st.Generation {
		t.Fatalf("keywords of headlines against the rest: %+v", k)
	}
	for _, w := range k.Keywords {
		if w.FreqA < 1 || w.LogLikelihood < search.MinLogLikelihood || w.LogRatio <= 0 {
			t.Errorf("keyword %+v below the floor", w)
		}
	}
	x = h.get("/api/keywords?kind=body&vs=" + url.QueryEscape("kind:headline") + "&format=csv")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	if !bytes.Contains(x.body, []byte("keywords of A,kind: body")) || !bytes.Contains(x.body, []byte("against B,kind:headline")) {
		t.Errorf("keywords CSV preamble: %s", short(x.body))
	}
	for _, tt := range []struct{ name, query string }{
		{"whole corpus", ""},
		{"min 0", "kind=body&min=0"},
		{"limit too big", "kind=body&limit=5000"},
		{"bad vs", "kind=body&vs=" + url.QueryEscape("date:2025-13-01")},
		{"unknown format", "kind=body&format=xml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := h.get("/api/keywords?" + tt.query)
			x.wantStatus(t, http.StatusBadRequest)
			x.problem(t)
			x.checkSpec(t)
		})
	}
}

// TestResearchHostileQueries: what a public box receives, as a query of
// the distribution, as A's query and as B of the keywords, as the query
// of the collocations: a normal answer
// or a 4xx problem, never a 5xx, no raw markup in JSON.
func TestResearchHostileQueries(t *testing.T) {
	h := newHarness(t, Config{})
	queries := []string{
		`"unbalanced`, `((算力`, `/.*/`, `*`, `算力~2`, `^`, `-`, `OR`, `""`, `:`, `speaker:`, `date:..`, `date:2025-99`,
		`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `%00`, `\`, strings.Repeat("(", 200),
		strings.Repeat("a OR ", 50), strings.Repeat(`"`, 255), "\t\n", strings.Repeat("算力 ", 80), "341", "數字經濟",
	}
	for _, q := range queries {
		for _, endpoint := range []string{"/api/distribution?by=speaker&q=", "/api/keywords?kind=body&q=", "/api/keywords?kind=body&vs=", "/api/collocates?window=3&q="} {
			x := h.get(endpoint + url.QueryEscape(q))
			if x.resp.StatusCode >= 500 {
				t.Errorf("GET %s%q: %d %s", endpoint, q, x.resp.StatusCode, short(x.body))
				continue
			}
			if x.resp.StatusCode >= 400 {
				x.problem(t)
			}
			x.checkSpec(t)
			for _, bad := range []string{"<script", "<img"} {
				if strings.Contains(string(x.body), bad) {
					t.Errorf("GET %s%q: raw %q in the answer", endpoint, q, bad)
				}
			}
		}
	}
	for _, target := range []string{
		"/api/distribution?q=x&limit=-1",
		"/api/distribution?q=x&by=../../etc",
		"/api/distribution?" + strings.Repeat("q=x&", 60),
		"/api/distribution?q=x&" + strings.Repeat("year=2025&", 60),
		"/api/keywords?kind=body&min=1e9",
		"/api/keywords?kind=body&limit=0",
		"/api/keywords?vs=year:2025",
		"/api/collocates?q=x&window=1e9",
		"/api/collocates?q=x&min=-1",
	} {
		x := h.get(target)
		if x.resp.StatusCode >= 500 {
			t.Errorf("GET %s: %d %s", short([]byte(target)), x.resp.StatusCode, short(x.body))
		}
	}
}

func TestCollocates(t *testing.T) {
	h := newHarness(t, Config{})
	for _, window := range []string{"sentence", "passage", "10"} {
		for _, measure := range search.CollocateMeasures {
			t.Run(window+"/"+measure, func(t *testing.T) {
				x := h.get("/api/collocates?q=" + url.QueryEscape("发展") + "&window=" + window + "&measure=" + measure + "&min=1")
				x.wantStatus(t, http.StatusOK)
				x.checkSpec(t)
				var co search.Collocates
				x.decode(t, &co)
				if co.Window != window || co.Measure != measure || co.Nodes == 0 || co.Han == 0 || len(co.Collocates) == 0 {
					t.Fatalf("collocates of 发展 in %s by %s: %+v", window, measure, co)
				}
				for _, c := range co.Collocates {
					if c.Freq < 1 || c.CorpusFreq < c.Freq || !strings.HasPrefix(c.Kwic, "发展 ") || !strings.Contains(c.Kwic, `"`+c.Text+`"`) {
						t.Errorf("collocate %+v", c)
					}
				}
			})
		}
	}
	// The default window is the sentence, the default measure logDice.
	var co search.Collocates
	h.get("/api/collocates?q="+url.QueryEscape("发展")).decode(t, &co)
	if co.Window != "sentence" || co.Measure != "logdice" || co.Min != search.DefaultCollocateMin {
		t.Errorf("defaults: window %q, measure %q, min %d", co.Window, co.Measure, co.Min)
	}

	t.Run("csv", func(t *testing.T) {
		x := h.get("/api/collocates?q=" + url.QueryEscape("发展") + "&window=5&measure=ll&min=1&kind=body&format=csv")
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		if cd := x.resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "collocates-") {
			t.Errorf("Content-Disposition = %q", cd)
		}
		recs := tableRecords(t, x.body)
		pre := map[string]string{}
		var keys []string
		i := 0
		for ; i < len(recs) && recs[i][0] != ""; i++ {
			keys = append(keys, recs[i][0])
			pre[recs[i][0]] = recs[i][1]
		}
		if got, want := strings.Join(keys, ","), "collocates of,window,filters,corpus,occurrences of the query,measure,counts,floor,generation,time"; got != want {
			t.Errorf("CSV preamble = %s, want %s", got, want)
		}
		if pre["collocates of"] != "发展" || pre["window"] != "5 characters on each side" || pre["filters"] != "kind: body" || pre["measure"] != "ll" || !strings.Contains(pre["corpus"], "Chinese characters (N)") {
			t.Errorf("CSV preamble: %v", pre)
		}
		if got := strings.Join(recs[i+1], ","); got != "collocate,freq,corpus_freq,docs,log_dice,log_likelihood,mi,folded,kwic" {
			t.Errorf("CSV header = %s", got)
		}
		if len(recs) < i+3 || !strings.Contains(recs[i+2][8], "发展 NEAR/") {
			t.Errorf("CSV rows: %q", recs[i+1:])
		}
	})

	for _, tt := range []struct{ name, query, param string }{
		{"no query", "window=sentence", "q"},
		{"blank query", "q=+", "q"},
		{"filters only", "q=" + url.QueryEscape("year:2025"), ""},
		{"a filter in q", "q=" + url.QueryEscape("发展 year:2025"), ""},
		{"unknown window", "q=x&window=paragraph", "window"},
		{"window 0", "q=x&window=0", "window"},
		{"window too wide", "q=x&window=51", "window"},
		{"negative window", "q=x&window=-5", "window"},
		{"unknown measure", "q=x&measure=tscore", "measure"},
		{"min 0", "q=x&min=0", "min"},
		{"limit too big", "q=x&limit=5000", "limit"},
		{"unknown format", "q=x&format=xml", "format"},
		{"bad year", "q=x&year=20x5", "year"},
		{"window twice", "q=x&window=5&window=6", "window"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := h.get("/api/collocates?" + tt.query)
			x.wantStatus(t, http.StatusBadRequest)
			p := x.problem(t)
			x.checkSpec(t)
			if p.Param != tt.param || p.Detail == "" {
				t.Errorf("GET /api/collocates?%s: param %q detail %q, want param %q and a detail", tt.query, p.Param, p.Detail, tt.param)
			}
		})
	}
}
