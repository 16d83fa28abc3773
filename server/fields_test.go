package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sessionsearch/search"
)

// The test corpus's metadata.csv gives the seed the place 大同市 and the
// custom fields 届次 and 省份, the national report the level 全国.

func TestDocumentFieldFilters(t *testing.T) {
	h := newHarness(t, Config{})
	// hits searches target and fails unless it finds something.
	hits := func(t *testing.T, target string) *search.Result {
		t.Helper()
		x := h.get(target)
		x.wantStatus(t, http.StatusOK)
		x.checkSpec(t)
		var res search.Result
		x.decode(t, &res)
		if len(res.Hits) == 0 {
			t.Fatalf("%s: no hits", target)
		}
		return &res
	}
	seed := func(t *testing.T, target string) *search.Result {
		t.Helper()
		res := hits(t, target)
		for _, hit := range res.Hits {
			if !strings.HasPrefix(hit.DocID, "2025-02-15") {
				t.Errorf("%s: hit %s is not the seed's", target, hit.ID)
			}
		}
		return res
	}
	q := url.QueryEscape
	res := seed(t, "/api/search?q="+q("代表")+"&field="+q("届次:十六届")+"&size=50")
	if res.Interpreted.Filters["field:届次"] != "十六届" {
		t.Errorf("interpretation of field=届次:十六届: %v", res.Interpreted.Filters)
	}
	seed(t, "/api/search?q="+q("代表")+"&field="+q("省份：山西省"))
	// Spaces around either colon are not part of the name or the value.
	seed(t, "/api/search?q="+q("代表")+"&field="+q("省份 ： 山西省")+"&field="+q("届次 : 十六届"))
	seed(t, "/api/search?q="+q("代表 省份:山西省"))
	// Place and level: the hits are of the documents that have them.
	var docs []search.DocumentInfo
	h.get("/api/documents").decode(t, &docs)
	byPlace := map[string]map[string]bool{}
	for _, d := range docs {
		for _, k := range []string{"place:" + d.Place, "level:" + d.Level} {
			if byPlace[k] == nil {
				byPlace[k] = map[string]bool{}
			}
			byPlace[k][d.ID] = true
		}
	}
	for target, key := range map[string]string{
		"/api/search?place=" + q("大同市") + "&size=100":                 "place:大同市",
		"/api/search?q=" + q("地点:大同市 代表") + "&size=100":               "place:大同市",
		"/api/search?level=" + q("市") + "&q=" + q("代表") + "&size=100": "level:市",
	} {
		for _, hit := range hits(t, target).Hits {
			if !byPlace[key][hit.DocID] {
				t.Errorf("%s: hit %s of a document without %s", target, hit.ID, key)
			}
		}
	}

	for _, hit := range hits(t, "/api/search?q="+q("代表")+"&level="+q("全国")+"&size=50").Hits {
		if !strings.HasPrefix(hit.DocID, "2024-03-05") {
			t.Errorf("level=全国: hit %s", hit.ID)
		}
	}

	// Facets: place, level and each custom field, with the doc facet's
	// labels of title and year.
	all := seed(t, "/api/search?q="+q("大同")+"&size=1")
	for _, name := range []string{"place", "level", "field:届次", "field:省份"} {
		if len(all.Facets[name]) == 0 {
			t.Errorf("facet %s is empty: %v", name, all.Facets)
		}
	}
	if v := all.Facets["field:届次"]; len(v) > 0 && v[0].Value != "十六届" {
		t.Errorf("facet field:届次 = %v", v)
	}
	for _, v := range all.Facets["doc"] {
		if !strings.HasSuffix(v.Label, "（2025）") {
			t.Errorf("doc facet label %q lacks the year", v.Label)
		}
	}
	for _, hit := range all.Hits {
		if hit.DocLabel == "" || !strings.HasPrefix(hit.DocLabel, hit.DocTitle) {
			t.Errorf("hit %s: label %q, title %q", hit.ID, hit.DocLabel, hit.DocTitle)
		}
	}
}

func TestDocumentFieldErrors(t *testing.T) {
	h := newHarness(t, Config{})
	tests := []struct {
		name, query, param, detail string
	}{
		{"unknown field", "field=" + url.QueryEscape("部长:某某"), "", `unknown field "部长": the index's custom fields are 届次, 省份`},
		{"no colon", "field=" + url.QueryEscape("届次"), "field", "NAME:VALUE"},
		{"no value", "field=" + url.QueryEscape("届次:"), "field", "NAME:VALUE"},
		{"no name", "field=" + url.QueryEscape(":十六届"), "field", "NAME:VALUE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := h.get("/api/search?" + tt.query)
			x.wantStatus(t, http.StatusBadRequest)
			p := x.problem(t)
			if p.Param != tt.param || !strings.Contains(p.Detail, tt.detail) {
				t.Errorf("problem = param %q detail %q, want %q, %q", p.Param, p.Detail, tt.param, tt.detail)
			}
			x.checkSpec(t)
		})
	}
}

func TestDocumentFieldsShown(t *testing.T) {
	h := newHarness(t, Config{})
	x := h.get("/api/stats")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var st search.Stats
	x.decode(t, &st)
	if len(st.Fields) != 2 || st.Fields[0].Name != "届次" || strings.Join(st.Fields[0].Values, ",") != "十六届,十四届" || st.Fields[1].Name != "省份" {
		t.Errorf("stats fields = %+v", st.Fields)
	}

	x = h.get("/api/documents")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var docs []search.DocumentInfo
	x.decode(t, &docs)
	var id string
	for _, d := range docs {
		if d.Label == "" {
			t.Errorf("document %s has no label", d.ID)
		}
		if strings.HasPrefix(d.Path, "2025-02-15") {
			id = d.ID
		}
	}
	x = h.get("/api/documents/" + url.PathEscape(id))
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	var view search.DocumentView
	x.decode(t, &view)
	if view.Place != "大同市" || view.Level != "市" || view.Fields["省份"] != "山西省" || view.Label != "市十六届人大五次会议隆重开幕（2025）" {
		t.Errorf("document view: place %q level %q fields %v label %q", view.Place, view.Level, view.Fields, view.Label)
	}
	if view.Provenance["place"] != "table" || view.Provenance["date"] != "text" || view.Provenance["title"] != "text" {
		t.Errorf("document view provenance = %v", view.Provenance)
	}
}
