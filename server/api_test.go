package server

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"sessionsearch/search"
)

func TestSearch(t *testing.T) {
	h := newHarness(t, Config{})

	t.Run("seed hit", func(t *testing.T) {
		x := h.get("/api/search?q=" + url.QueryEscape("算力之城"))
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		var res search.Result
		x.decode(t, &res)
		if res.Total == 0 || len(res.Hits) == 0 {
			t.Fatalf("search 算力之城: no hits: %s", short(x.body))
		}
		found := false
		for _, hit := range res.Hits {
			if hit.Speaker == "刘俊义" && strings.Contains(hit.Snippet, "<mark>算力之城</mark>") {
				found = true
			}
		}
		if !found {
			t.Errorf("search 算力之城: no hit by 刘俊义 with <mark>算力之城</mark>: %+v", res.Hits)
		}
	})

	t.Run("filters only", func(t *testing.T) {
		x := h.get("/api/search?speaker=" + url.QueryEscape("刘俊义") + "&size=100")
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		var res search.Result
		x.decode(t, &res)
		if len(res.Hits) == 0 {
			t.Fatal("speaker=刘俊义 with no q: no passages")
		}
		for _, hit := range res.Hits {
			if hit.Speaker != "刘俊义" {
				t.Errorf("speaker=刘俊义: hit %s has speaker %q", hit.ID, hit.Speaker)
			}
		}
	})

	t.Run("repeated filter takes any value", func(t *testing.T) {
		one := func(kind string) uint64 {
			x := h.get("/api/search?kind=" + kind)
			x.wantStatus(t, http.StatusOK)
			var res search.Result
			x.decode(t, &res)
			return res.Total
		}
		x := h.get("/api/search?kind=headline&kind=lead")
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		var res search.Result
		x.decode(t, &res)
		if want := one("headline") + one("lead"); res.Total != want || want == 0 {
			t.Errorf("kind=headline&kind=lead: total %d, want %d (headline + lead, not 0)", res.Total, want)
		}
	})

	t.Run("paging and sort", func(t *testing.T) {
		x1 := h.get("/api/search?q=" + url.QueryEscape("刘俊义") + "&size=1&page=1&sort=date")
		x2 := h.get("/api/search?q=" + url.QueryEscape("刘俊义") + "&size=1&page=2&sort=date")
		for _, x := range []exchange{x1, x2} {
			x.wantStatus(t, http.StatusOK)
			x.checkSpec(t)
		}
		var r1, r2 search.Result
		x1.decode(t, &r1)
		x2.decode(t, &r2)
		if len(r1.Hits) != 1 || len(r2.Hits) != 1 || r1.Hits[0].ID == r2.Hits[0].ID {
			t.Errorf("pages 1 and 2 of size 1 should hold one different hit each: %v / %v", r1.Hits, r2.Hits)
		}
		if r2.Page != 2 || r2.Size != 1 {
			t.Errorf("page 2: result says page %d size %d", r2.Page, r2.Size)
		}
	})

	t.Run("facets chosen", func(t *testing.T) {
		facetsOf := func(query string) search.Facets {
			x := h.get("/api/search?q=" + url.QueryEscape("发展") + query)
			x.wantStatus(t, http.StatusOK)
			x.checkSpec(t)
			var res search.Result
			x.decode(t, &res)
			if res.Facets == nil {
				t.Fatalf("%s: no facets object: %s", query, short(x.body))
			}
			return res.Facets
		}
		all := facetsOf("")
		for _, query := range []string{"&facets=kind,year", "&facets=kind&facets=year", "&facets=+kind+,,year"} {
			got := facetsOf(query)
			if len(got) != 2 || !reflect.DeepEqual(got["kind"], all["kind"]) || !reflect.DeepEqual(got["year"], all["year"]) || len(got["kind"]) == 0 {
				t.Errorf("%s: facets %v, want only kind and year as without the parameter (%v, %v)", query, got, all["kind"], all["year"])
			}
		}
		if got := facetsOf("&facets="); len(got) != 0 {
			t.Errorf("facets= (empty): %v, want none", got)
		}
		if got := facetsOf(""); !reflect.DeepEqual(got, all) {
			t.Errorf("after asking for two facets, the whole set changed: %v, want %v", got, all)
		}
		x := h.get("/api/search?q=" + url.QueryEscape("发展") + "&facets=kind,colour")
		x.wantStatus(t, http.StatusBadRequest)
		if p := x.problem(t); !strings.Contains(p.Detail, `"colour"`) || !strings.Contains(p.Detail, "speaker, topic") {
			t.Errorf("unknown facet: detail %q, want the name and the list of facets", p.Detail)
		}
	})

	t.Run("traditional document", func(t *testing.T) {
		for _, q := range []string{"產業體系", "产业体系"} {
			x := h.get("/api/search?q=" + url.QueryEscape(q))
			x.wantStatus(t, http.StatusOK)
			var res search.Result
			x.decode(t, &res)
			if len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Text, "產業體系") {
				t.Errorf("search %s: want the Traditional passage with 產業體系, got %s", q, short(x.body))
			}
		}
	})

	t.Run("markup in documents is escaped", func(t *testing.T) {
		// The test document has <script>, <b onmouseover> and <img onerror>
		// in the passages that hold these words.
		for _, q := range []string{"枢纽", "政协大同市"} {
			x := h.get("/api/search?q=" + url.QueryEscape(q) + "&size=100")
			x.wantStatus(t, http.StatusOK)
			var res search.Result
			x.decode(t, &res)
			if len(res.Hits) == 0 {
				t.Fatalf("search %s: no hits; want the passage with markup", q)
			}
			escaped := false
			for _, hit := range res.Hits {
				for _, bad := range []string{"<b", "<img", "<script"} {
					if strings.Contains(hit.Snippet, bad) {
						t.Errorf("snippet of %s holds raw %q: %s", hit.ID, bad, hit.Snippet)
					}
				}
				escaped = escaped || strings.Contains(hit.Snippet, "&lt;")
			}
			if !escaped {
				t.Errorf("search %s: no snippet shows the markup as escaped text", q)
			}
		}
	})
}

// TestSearchBadParameters covers each 400 of /api/search: the problem
// names the parameter, and the OpenAPI document rejects the same request
// wherever a schema can say so.
func TestSearchBadParameters(t *testing.T) {
	h := newHarness(t, Config{})
	long := strings.Repeat("算", 10000)
	tests := []struct {
		name, query string
		param       string // want Problem.Param
		inSpec      bool   // the OpenAPI document rejects it too
		detail      string // want in Problem.Detail
	}{
		{"page 0", "page=0", "page", true, "between 1"},
		{"negative page", "page=-1", "page", true, "between 1"},
		{"page not a number", "page=abc", "page", true, "whole number"},
		{"page 10^9", "page=1000000000", "page", false, "too deep"},
		{"page past overflow", "page=99999999999999999999999", "page", false, "whole number"},
		{"size 0", "size=0", "size", true, "between 1"},
		{"size 10^6", "size=1000000", "size", true, "between 1"},
		{"size 101", "size=101", "size", true, "between 1"},
		{"size float", "size=1.5", "size", true, "whole number"},
		{"unknown sort", "sort=random", "sort", true, "relevance, date"},
		{"query over the limit", "q=" + url.QueryEscape(long), "q", true, "limit is 256"},
		{"invalid UTF-8", "q=%ff%fe", "q", false, "UTF-8"},
		{"invalid UTF-8 in a filter", "speaker=%c3", "speaker", false, "UTF-8"},
		{"NUL byte", "q=a%00b", "q", false, "control character"},
		{"malformed escape", "q=%zz", "", false, "malformed"},
		{"q twice", "q=a&q=b", "q", false, "once"},
		{"bad year", "year=25", "year", true, "four digits"},
		{"bad date", "from=2025-13-45", "", false, "date"},
		{"not a date", "from=yesterday", "", true, "date"},
		{"range backwards", "from=2025-03-01&to=2025-02-01", "", false, "before it starts"},
		{"cursor too long", "after=" + strings.Repeat("x", 2000), "after", true, "limit"},
		{"facet name over the limit", "facets=kind," + url.QueryEscape(long), "facets", false, "limit is 256"},
		{"facets repeated past the limit", strings.Repeat("facets=kind&", 51), "facets", false, "limit is 50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := h.get("/api/search?" + tt.query)
			x.wantStatus(t, http.StatusBadRequest)
			p := x.problem(t)
			if tt.param != "" && p.Param != tt.param {
				t.Errorf("param = %q, want %q (detail %q)", p.Param, tt.param, p.Detail)
			}
			if !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("detail = %q, want it to mention %q", p.Detail, tt.detail)
			}
			x.checkSpec(t)
			if tt.inSpec {
				if _, err := validateRequest(t, x.req); err == nil {
					t.Errorf("the OpenAPI document accepts %s, which the server rejects", tt.query)
				}
			}
		})
	}
}

func TestDocuments(t *testing.T) {
	h := newHarness(t, Config{})
	x := h.get("/api/documents")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var docs []search.DocumentInfo
	x.decode(t, &docs)
	if len(docs) != 3 {
		t.Fatalf("GET /api/documents: %d documents, want 3", len(docs))
	}
	var seed search.DocumentInfo
	for _, d := range docs {
		if d.Passages == 0 {
			t.Errorf("document %s has no passages", d.ID)
		}
		if strings.Contains(d.Path, "大同日报") {
			seed = d
		}
	}
	if seed.ID == "" {
		t.Fatalf("no document for the seed in %+v", docs)
	}

	t.Run("one document", func(t *testing.T) {
		x := h.get("/api/documents/" + url.PathEscape(seed.ID))
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		var view search.DocumentView
		x.decode(t, &view)
		if view.ID != seed.ID || len(view.Passages) != seed.Passages {
			t.Errorf("document %s: id %s with %d passages, want %d", seed.ID, view.ID, len(view.Passages), seed.Passages)
		}
		for i, p := range view.Passages {
			if p.N != i+1 {
				t.Errorf("passage %d has n=%d: passages must come in order", i, p.N)
			}
		}
	})

	t.Run("with a query", func(t *testing.T) {
		x := h.get("/api/documents/" + url.PathEscape(seed.ID) + "?q=" + url.QueryEscape("算力之城"))
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		var view search.DocumentView
		x.decode(t, &view)
		if view.Matches == 0 {
			t.Errorf("document with q=算力之城: matches = 0")
		}
		marked := 0
		for _, p := range view.Passages {
			if strings.Contains(p.HTML, "<mark>算力之城</mark>") {
				marked++
			}
		}
		if marked == 0 {
			t.Errorf("document with q=算力之城: no passage html marks it")
		}
	})

	t.Run("markup in the reader view is escaped", func(t *testing.T) {
		var id string
		for _, d := range docs {
			if strings.Contains(d.Path, "测试日报") {
				id = d.ID
			}
		}
		x := h.get("/api/documents/" + url.PathEscape(id) + "?q=" + url.QueryEscape("算力"))
		x.wantStatus(t, http.StatusOK)
		var view search.DocumentView
		x.decode(t, &view)
		joined := ""
		for _, p := range view.Passages {
			joined += p.HTML
		}
		if !strings.Contains(joined, "&lt;script&gt;") {
			t.Errorf("reader view html should show the <script> text escaped: %s", joined)
		}
		for _, bad := range []string{"<script", "<b ", "<img"} {
			if strings.Contains(joined, bad) {
				t.Errorf("reader view html holds raw %q: %s", bad, joined)
			}
		}
	})

	t.Run("unknown and hostile ids", func(t *testing.T) {
		for _, target := range []string{
			"/api/documents/no-such-document",
			"/api/documents/..%2F..%2Fetc%2Fpasswd",
			"/api/documents/%2e%2e",
			"/api/documents/" + strings.Repeat("x", 5000),
			"/api/documents/../../etc/passwd",
		} {
			x := h.get(target)
			x.wantStatus(t, http.StatusNotFound)
			x.problem(t)
		}
		x := h.get("/api/documents/%ff")
		x.wantStatus(t, http.StatusBadRequest)
		x.problem(t)
	})
}

func TestSuggest(t *testing.T) {
	h := newHarness(t, Config{})
	x := h.get("/api/suggest?q=" + url.QueryEscape("算力"))
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var got []search.Suggestion
	x.decode(t, &got)
	if len(got) == 0 {
		t.Errorf("suggest 算力: nothing")
	}
	for _, s := range got {
		if s.Type == "" || s.Text == "" {
			t.Errorf("suggestion without text or type: %+v", s)
		}
	}

	x = h.get("/api/suggest?q=")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	if strings.TrimSpace(string(x.body)) != "[]" {
		t.Errorf("suggest with an empty prefix = %s, want []", x.body)
	}
	for _, q := range []string{"limit=0", "limit=abc", "limit=51", "q=%ff"} {
		x := h.get("/api/suggest?" + q)
		x.wantStatus(t, http.StatusBadRequest)
		x.problem(t)
		x.checkSpec(t)
	}
}

func TestKWIC(t *testing.T) {
	h := newHarness(t, Config{})
	q := url.QueryEscape("刘俊义")

	x := h.get("/api/kwic?q=" + q + "&width=10")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var conc search.Concordance
	x.decode(t, &conc)
	if len(conc.Lines) < 5 {
		t.Fatalf("kwic 刘俊义: %d lines, want one per occurrence (the seed names him at least 5 times)", len(conc.Lines))
	}
	for _, l := range conc.Lines {
		if l.Match != "刘俊义" {
			t.Errorf("kwic line match = %q, want 刘俊义", l.Match)
		}
		if n := len([]rune(l.Left)); n > 10 {
			t.Errorf("kwic width=10: left context has %d characters", n)
		}
	}

	t.Run("csv", func(t *testing.T) {
		x := h.get("/api/kwic?q=" + q + "&width=10&format=csv")
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		if ct := x.resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		cd := x.resp.Header.Get("Content-Disposition")
		if want := `attachment; filename="kwic-_.csv"; filename*=UTF-8''kwic-%E5%88%98%E4%BF%8A%E4%B9%89.csv`; cd != want {
			t.Errorf("Content-Disposition = %q, want %q", cd, want)
		}
		if !bytes.HasPrefix(x.body, []byte("\uFEFF")) {
			t.Fatalf("CSV does not start with a byte order mark: %q", short(x.body))
		}
		recs, err := csv.NewReader(bytes.NewReader(x.body[3:])).ReadAll()
		if err != nil {
			t.Fatalf("reading the CSV: %v", err)
		}
		if strings.Join(recs[0], ",") != strings.Join(kwicCSVHeader, ",") {
			t.Errorf("CSV header = %v, want %v", recs[0], kwicCSVHeader)
		}
		if len(recs)-1 != len(conc.Lines) {
			t.Errorf("CSV has %d lines, JSON %d", len(recs)-1, len(conc.Lines))
		}
		for i, r := range recs[1:] {
			if r[1] != "刘俊义" {
				t.Errorf("CSV row match = %q", r[1])
			}
			l := conc.Lines[i]
			if want := "http://" + x.req.URL.Host + l.Permalink; r[10] != want || r[11] != l.Citation.GBT7714 || r[12] != l.Citation.Plain || r[11] == "" {
				t.Errorf("CSV row %d: permalink and citations %q, want %q, %q, %q", i+1, r[10:], want, l.Citation.GBT7714, l.Citation.Plain)
			}
		}
	})

	t.Run("csv behind a proxy", func(t *testing.T) {
		hp := newHarness(t, Config{PublicURL: "https://example.org/ss"})
		x := hp.get("/api/kwic?q=" + q + "&width=10&format=csv")
		x.wantStatus(t, http.StatusOK)
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(x.body, []byte("\uFEFF")))).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Fatalf("reading the CSV: %v, %d records", err, len(recs))
		}
		for i, r := range recs[1:] {
			if want := "https://example.org/ss" + conc.Lines[i].Permalink; r[10] != want {
				t.Errorf("CSV row %d: permalink %q, want %q", i+1, r[10], want)
			}
		}
	})

	for _, tt := range []struct{ name, query string }{
		{"no query", "width=10"},
		{"blank query", "q=+"},
		{"width 0", "q=" + q + "&width=0"},
		{"width too wide", "q=" + q + "&width=1000"},
		{"unknown format", "q=" + q + "&format=xml"},
		{"limit 0", "q=" + q + "&limit=0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := h.get("/api/kwic?" + tt.query)
			x.wantStatus(t, http.StatusBadRequest)
			x.problem(t)
			x.checkSpec(t)
		})
	}
}

func TestCSVHelpers(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"+1", "'+1"}, {"-1", "'-1"}, {"@SUM", "'@SUM"}, {"算力", "算力"}, {"", ""},
	} {
		if got := defuseFormula(tt.in); got != tt.want {
			t.Errorf("defuseFormula(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"算力之城", "算力之城"}, {`"a b" -c`, "a_b_c"}, {"<script>", "script"}, {"../..", "query"},
	} {
		if got := fileSafe(tt.in); got != tt.want {
			t.Errorf("fileSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStatsHealthOpenAPI(t *testing.T) {
	h := newHarness(t, Config{})

	x := h.get("/api/stats")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var st search.Stats
	x.decode(t, &st)
	if st.Documents != 3 || st.Passages == 0 || st.IndexBytes == 0 {
		t.Errorf("stats = %+v, want 3 documents, some passages and bytes", st)
	}

	x = h.get("/healthz")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	if strings.TrimSpace(string(x.body)) != `{"status":"ok","warming":false}` {
		t.Errorf("healthz = %s", x.body)
	}

	x = h.get("/api/openapi.json")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	if !bytes.Equal(x.body, openAPIDoc) {
		t.Errorf("GET /api/openapi.json does not serve the embedded document")
	}
}

// TestOpenAPICoversRoutes checks that every route the server installs is
// in the OpenAPI document and that the document names no route the server
// lacks.
func TestOpenAPICoversRoutes(t *testing.T) {
	doc, _ := spec(t)
	h := newHarness(t, Config{AdminToken: "t"})
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+strings.ReplaceAll(path, "{id}", ":id")] = true
		}
	}
	installed := map[string]bool{}
	for _, r := range h.s.engine.Routes() {
		if r.Method == http.MethodHead || !strings.HasPrefix(r.Path, "/api/") && r.Path != "/healthz" && r.Path != "/metrics" {
			continue // the web UI's pages are not part of the API
		}
		installed[r.Method+" "+r.Path] = true
		if !documented[r.Method+" "+r.Path] {
			t.Errorf("route %s %s is not in the OpenAPI document", r.Method, r.Path)
		}
	}
	for k := range documented {
		if !installed[k] {
			t.Errorf("the OpenAPI document describes %s, which the server does not install", k)
		}
	}
}

// TestOpenAPIDocument loads the embedded document with a real OpenAPI
// library and validates it against the 3.1 rules.
func TestOpenAPIDocument(t *testing.T) {
	doc, _ := spec(t)
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
}

func TestMatches(t *testing.T) {
	h := newHarness(t, Config{})
	x := h.get("/api/matches?q=" + url.QueryEscape("刘俊义") + "&speaker=" + url.QueryEscape("刘俊义"))
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var m search.MatchList
	x.decode(t, &m)
	var page search.Result
	p := h.get("/api/search?q=" + url.QueryEscape("刘俊义") + "&speaker=" + url.QueryEscape("刘俊义") + "&size=100")
	p.decode(t, &page)
	if m.Total == 0 || m.Total != page.Total || len(m.IDs) != int(page.Total) {
		t.Errorf("matches: total %d with %d ids; search says %d", m.Total, len(m.IDs), page.Total)
	}
	bad := h.get("/api/matches?from=2025-13-01")
	bad.wantStatus(t, http.StatusBadRequest)
	bad.checkSpec(t)
}

// TestCite asks for the citation of passages of the seed, and for
// passages and documents that do not exist.
func TestCite(t *testing.T) {
	h := newHarness(t, Config{})
	var docs []search.DocumentInfo
	h.get("/api/documents").decode(t, &docs)
	var seed search.DocumentInfo
	for _, d := range docs {
		if strings.Contains(d.Path, "大同日报") {
			seed = d
		}
	}
	if seed.ID == "" {
		t.Fatal("no seed document")
	}
	var view search.DocumentView
	h.get("/api/documents/"+url.PathEscape(seed.ID)).decode(t, &view)
	base := "/api/documents/" + url.PathEscape(seed.ID) + "/cite"

	x := h.get(base + "?n=3")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var c search.Citation
	x.decode(t, &c)
	want := "李雪峰. 市十六届人大五次会议隆重开幕[N]. 大同日报, 2025-02-15."
	if c.Citation.GBT7714 != want || c.Type != "N" {
		t.Errorf("cite n=3: %q (%s), want %q", c.Citation.GBT7714, c.Type, want)
	}
	if want := "大同日报，2025-02-15，《市十六届人大五次会议隆重开幕》，第3段"; c.Citation.Plain != want {
		t.Errorf("cite n=3: plain %q, want %q", c.Citation.Plain, want)
	}
	p := view.Passages[2]
	if c.N != 3 || c.Text != p.Text || c.Fingerprint != p.Fingerprint || c.Permalink != "/d/"+url.PathEscape(seed.ID)+"#p3-"+p.Fingerprint {
		t.Errorf("cite n=3 = %+v, want passage 3 (%q, fingerprint %s)", c, p.Text, p.Fingerprint)
	}

	// The hits and the concordance carry the same.
	var res search.Result
	h.get("/api/search?q="+url.QueryEscape("算力之城")).decode(t, &res)
	for _, hit := range res.Hits {
		var hc search.Citation
		h.get("/api/documents/"+url.PathEscape(hit.DocID)+"/cite?n="+strconv.Itoa(hit.N)).decode(t, &hc)
		if hit.Permalink != hc.Permalink || hit.Citation != hc.Citation {
			t.Errorf("hit %s: %q %+v, cite says %q %+v", hit.ID, hit.Permalink, hit.Citation, hc.Permalink, hc.Citation)
		}
	}
	var conc search.Concordance
	h.get("/api/kwic?q="+url.QueryEscape("算力之城")).decode(t, &conc)
	if len(conc.Lines) == 0 {
		t.Fatal("no concordance line for 算力之城")
	}
	for _, l := range conc.Lines {
		var lc search.Citation
		h.get("/api/documents/"+url.PathEscape(l.DocID)+"/cite?n="+strconv.Itoa(l.N)).decode(t, &lc)
		if l.Permalink != lc.Permalink || l.Citation != lc.Citation {
			t.Errorf("line %s: %q %+v, cite says %q %+v", l.PassageID, l.Permalink, l.Citation, lc.Permalink, lc.Citation)
		}
	}

	for _, tt := range []struct {
		name, target string
		status       int
		param        string
	}{
		{"no n", base, http.StatusBadRequest, "n"},
		{"n 0", base + "?n=0", http.StatusBadRequest, "n"},
		{"n not a number", base + "?n=abc", http.StatusBadRequest, "n"},
		{"n twice", base + "?n=1&n=2", http.StatusBadRequest, "n"},
		{"n past the last passage", base + "?n=" + strconv.Itoa(seed.Passages+1), http.StatusNotFound, ""},
		{"n past overflow", base + "?n=99999999999999999999", http.StatusBadRequest, "n"},
		{"unknown document", "/api/documents/no-such-document/cite?n=1", http.StatusNotFound, ""},
		{"id too long", "/api/documents/" + strings.Repeat("x", 5000) + "/cite?n=1", http.StatusNotFound, ""},
		{"id not UTF-8", "/api/documents/%ff/cite?n=1", http.StatusBadRequest, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := h.get(tt.target)
			x.wantStatus(t, tt.status)
			p := x.problem(t)
			if tt.param != "" && p.Param != tt.param {
				t.Errorf("param = %q, want %q (%s)", p.Param, tt.param, p.Detail)
			}
			if tt.status == http.StatusNotFound && !strings.Contains(p.Detail, "no ") {
				t.Errorf("detail = %q: want it to say what is missing", p.Detail)
			}
			x.checkSpec(t)
		})
	}

	// The permalink's page is the web UI.
	x = h.get("/d/" + url.PathEscape(seed.ID))
	x.wantStatus(t, http.StatusOK)
	if !strings.Contains(x.resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("/d/{doc}: Content-Type %q, want the page", x.resp.Header.Get("Content-Type"))
	}
}
