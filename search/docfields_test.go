package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Two national work reports with the same title, known to the year and to
// the month, next to the test corpus (whose metadata.csv gives places and
// custom fields).
const (
	report2024 = "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n\n过去一年，新质生产力稳步发展。\n"
	report2023 = "各位代表：\n\n我代表国务院，向大会报告过去五年政府工作和对今年工作的建议，请予审议。\n\n五年来，新质生产力的基础不断夯实。\n"
	tableAll   = "path,title,date,level,总理,届次,place\n" +
		"gov-2024.txt,政府工作报告,2024,全国,李强,十四届,\n" +
		"gov-2023.txt,政府工作报告,2023-03,全国,李克强,十三届,\n" +
		"datong-2025-02-15.txt,,,市,,十六届,大同市\n" +
		"taiyuan-2024-tw.txt,,,市,,十四届,太原市\n"
)

// metadataCorpus is the test corpus with the two reports and a table.
func metadataCorpus(t *testing.T, table string) string {
	t.Helper()
	dir := copyCorpus(t)
	for name, body := range map[string]string{"gov-2024.txt": report2024, "gov-2023.txt": report2023, "metadata.csv": table} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Files an hour old: an update trusts their size-and-time records and
	// does not read them again, so an edited row must be seen without
	// the file being read.
	old := time.Now().Add(-time.Hour)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.Chtimes(filepath.Join(dir, e.Name()), old, old); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func docsOf(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		if !slices.Contains(out, h.DocID) {
			out = append(out, h.DocID)
		}
	}
	slices.Sort(out)
	return out
}

func TestDocumentFieldFilters(t *testing.T) {
	x := openTestIndex(t, metadataCorpus(t, tableAll))
	tests := []struct {
		name string
		req  Request
		docs []string
	}{
		{"custom field in the box", Request{Query: "新质生产力 总理:李强"}, []string{"gov-2024"}},
		{"custom field, full-width colon", Request{Query: "新质生产力 总理：李克强"}, []string{"gov-2023"}},
		{"custom field as a request filter", Request{Query: "新质生产力", Fields: map[string][]string{"届次": {"十四届"}}}, []string{"gov-2024"}},
		{"alternatives of one field", Request{Query: "新质生产力", Fields: map[string][]string{"总理": {"李强", "李克强"}}}, []string{"gov-2023", "gov-2024"}},
		{"two fields are both required", Request{Query: "新质生产力", Fields: map[string][]string{"总理": {"李强"}, "届次": {"十三届"}}}, nil},
		{"level in the box", Request{Query: "级别:全国 代表"}, []string{"gov-2023", "gov-2024"}},
		{"level as a filter", Request{Level: []string{"市"}}, []string{"datong-2025-02-15", "taiyuan-2024-tw"}},
		{"place in the box", Request{Query: "地点:大同市 代表"}, []string{"datong-2025-02-15"}},
		{"place:", Request{Query: "place:太原市"}, []string{"taiyuan-2024-tw"}},
		{"place as a filter", Request{Query: "代表", Place: []string{"大同市"}}, []string{"datong-2025-02-15"}},
		{"a field name the index lacks stays text", Request{Query: "部长:某某"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Size = 100
			if got := docsOf(search(t, x, tt.req)); !slices.Equal(got, tt.docs) {
				t.Errorf("Search(%+v) documents = %v, want %v", tt.req, got, tt.docs)
			}
		})
	}
	_, err := x.Search(context.Background(), Request{Query: "代表", Fields: map[string][]string{"部长": {"某某"}}})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), `unknown field "部长"`) || !strings.Contains(err.Error(), "届次, 总理") {
		t.Errorf("an unknown field: err = %v, want ErrInvalid naming the known fields", err)
	}
}

// TestReducedPrecisionDates: a document dated 2024 is in year:2024 and in
// date:2024, not in a narrower range, and sorts before the dated days of
// its year.
func TestReducedPrecisionDates(t *testing.T) {
	x := openTestIndex(t, metadataCorpus(t, tableAll))
	tests := []struct {
		req  Request
		docs []string
	}{
		{Request{Query: "year:2024"}, []string{"gov-2024", "markup", "taiyuan-2024-tw"}},
		{Request{Query: "date:2024"}, []string{"gov-2024", "markup", "taiyuan-2024-tw"}},
		{Request{Query: "date:2024-01"}, []string{"taiyuan-2024-tw"}},
		{Request{Query: "date:2024-01..2025"}, []string{"datong-2025-02-15", "gov-2024", "markup", "taiyuan-2024-tw"}},
		{Request{Query: "date:2024-01-15..2025"}, []string{"datong-2025-02-15", "markup", "taiyuan-2024-tw"}},
		{Request{Query: "代表", From: "2023", To: "2023"}, []string{"gov-2023"}},
		{Request{Query: "代表", From: "2023-03-01", To: "2023-12-31"}, []string{"gov-2023"}},
		{Request{From: "2023-03-02"}, []string{"datong-2025-02-15", "gov-2024", "markup", "taiyuan-2024-tw"}},
		{Request{To: "2023-03-30"}, []string{"report-2023"}},
		{Request{To: "2023-03-31"}, []string{"gov-2023", "report-2023"}},
	}
	for _, tt := range tests {
		tt.req.Size = 100
		if got := docsOf(search(t, x, tt.req)); !slices.Equal(got, tt.docs) {
			t.Errorf("Search(%+v) documents = %v, want %v", tt.req, got, tt.docs)
		}
	}
	// Document order: gov-2023 (2023-03) before report-2023 (2023-03-01),
	// gov-2024 (2024) before taiyuan (2024-01-20).
	res := search(t, x, Request{Query: "代表 OR 市", Sort: "date_asc", Size: 100})
	var order []string
	for _, h := range res.Hits {
		if len(order) == 0 || order[len(order)-1] != h.DocID {
			order = append(order, h.DocID)
		}
	}
	want := []string{"gov-2023", "report-2023", "gov-2024", "taiyuan-2024-tw", "markup", "datong-2025-02-15"}
	if !slices.Equal(order, want) {
		t.Errorf("documents in date order = %v, want %v", order, want)
	}
	m, err := x.Matches(context.Background(), Request{Query: "代表 OR 市"})
	if err != nil {
		t.Fatal(err)
	}
	order = order[:0]
	for _, id := range m.IDs {
		if d := docOfPassage(id); len(order) == 0 || order[len(order)-1] != d {
			order = append(order, d)
		}
	}
	if !slices.Equal(order, want) {
		t.Errorf("matches in document order = %v, want %v", order, want)
	}
	years := map[string]int{}
	for _, v := range search(t, x, Request{Query: "代表"}).Facets["year"] {
		years[v.Value] = v.Count
	}
	if years["2024"] == 0 || years["2023"] == 0 {
		t.Errorf("year facet %v lacks the reports dated 2024 and 2023-03", years)
	}
}

func TestDocumentFieldFacetsAndLabels(t *testing.T) {
	x := openTestIndex(t, metadataCorpus(t, tableAll))
	for _, sort := range []string{"", "date"} {
		x.cache.clear()
		res := search(t, x, Request{Query: "代表", Sort: sort})
		f := res.Facets
		want := map[string][]FacetValue{
			"level":      {{Value: "市", Count: countDoc(res, "datong-2025-02-15", "taiyuan-2024-tw")}, {Value: "全国", Count: countDoc(res, "gov-2023", "gov-2024")}},
			"field:总理":   {{Value: "李克强", Count: countDoc(res, "gov-2023")}, {Value: "李强", Count: countDoc(res, "gov-2024")}},
			"field:届次":   nil,
			"place":      nil,
			"doc labels": nil,
		}
		sortFacet(want["level"])
		sortFacet(want["field:总理"])
		for _, name := range []string{"level", "field:总理"} {
			if diff := cmp.Diff(want[name], f[name]); diff != "" {
				t.Errorf("sort %q: facet %s (-want +got):\n%s", sort, name, diff)
			}
		}
		if len(f["field:届次"]) != 3 || len(f["place"]) != 1 || f["place"][0].Value != "大同市" {
			t.Errorf("sort %q: facets 届次 %v, place %v", sort, f["field:届次"], f["place"])
		}
		labels := map[string]string{}
		for _, v := range f["doc"] {
			labels[v.Value] = v.Label
		}
		for id, l := range map[string]string{"gov-2024": "政府工作报告（2024）", "gov-2023": "政府工作报告（2023）", "datong-2025-02-15": "市十六届人大五次会议隆重开幕（2025）"} {
			if labels[id] != l {
				t.Errorf("sort %q: doc facet label of %s = %q, want %q", sort, id, labels[id], l)
			}
		}
		for _, h := range res.Hits {
			if h.DocLabel != labels[h.DocID] {
				t.Errorf("hit %s labelled %q, its doc facet %q", h.ID, h.DocLabel, labels[h.DocID])
			}
		}
	}
	docs, err := x.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Label == "" || !strings.HasPrefix(d.Label, d.Title) {
			t.Errorf("document %s: label %q, title %q", d.ID, d.Label, d.Title)
		}
		if d.ID == "gov-2024" && (d.Fields["总理"] != "李强" || d.Level != "全国" || d.Provenance["title"] != "table" || d.Provenance["date"] != "table") {
			t.Errorf("gov-2024: fields %v level %q provenance %v", d.Fields, d.Level, d.Provenance)
		}
	}
	v, err := x.Document(context.Background(), "gov-2023", "总理:李克强 新质生产力")
	if err != nil {
		t.Fatal(err)
	}
	if v.Label != "政府工作报告（2023）" || v.Matches != 1 {
		t.Errorf("reader view: label %q, %d matches", v.Label, v.Matches)
	}
	st, err := x.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	wantFields := []FieldStat{
		{Name: "届次", Documents: 4, Values: []string{"十三届", "十六届", "十四届"}},
		{Name: "总理", Documents: 2, Values: []string{"李克强", "李强"}},
	}
	if diff := cmp.Diff(wantFields, st.Fields); diff != "" {
		t.Errorf("stats fields (-want +got):\n%s", diff)
	}
}

// TestLabelTellsSameTitleApart: two documents of one title in one year
// are labelled with their dates.
func TestLabelTellsSameTitleApart(t *testing.T) {
	docs := []*DocumentInfo{
		{ID: "a", Title: "政府工作报告", Date: "2024-03-05"},
		{ID: "b", Title: "政府工作报告", Date: "2024-01-20"},
		{ID: "c", Title: "政府工作报告", Date: "2023"},
		{ID: "d", Title: "", Path: "无题.txt", Date: ""},
		{ID: "e", Title: "政府工作报告", Date: "2024"},
	}
	cat := newCatalog()
	for _, d := range docs {
		cat.put(d)
	}
	want := map[string]string{"a": "政府工作报告（2024-03-05）", "b": "政府工作报告（2024-01-20）", "c": "政府工作报告（2023）", "d": "无题.txt", "e": "政府工作报告（2024）"}
	for id, w := range want {
		if got := cat.label(id); got != w {
			t.Errorf("label(%s) = %q, want %q", id, got, w)
		}
	}
	cat.remove("b")
	if got := cat.label("a"); got != "政府工作报告（2024-03-05）" {
		t.Errorf("after removing b: label(a) = %q (e still shares title and year)", got)
	}
}

// TestMetadataTableChange: an edited row re-indexes its document only; an
// unchanged table costs nothing; the summary carries the table's warnings
// and the documents without a date, title or session.
func TestMetadataTableChange(t *testing.T) {
	dir := metadataCorpus(t, tableAll)
	x := openTestIndex(t, dir)
	ctx := context.Background()
	sum, err := x.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed != 0 || sum.Added != 0 || sum.Unchanged != sum.Documents {
		t.Fatalf("an update with nothing changed: %+v", sum)
	}
	edited := strings.Replace(tableAll, "gov-2024.txt,政府工作报告,2024,全国,李强", "gov-2024.txt,2024年政府工作报告,2024-03-05,全国,李强", 1) +
		"missing.txt,,,,,,\n" + "gov-2023.txt,,2023,,,,\n" + "gov-2023.txt,,2023/13/45,,,,\n"
	if err := os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err = x.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed != 1 || sum.Added != 0 || sum.Unchanged != sum.Documents-1 {
		t.Errorf("after editing one row: %d changed, %d added, %d unchanged of %d", sum.Changed, sum.Added, sum.Unchanged, sum.Documents)
	}
	csv := filepath.Join(dir, "metadata.csv")
	wantWarns := []string{
		csv + ":6: missing.txt names no corpus file; the row is ignored",
		csv + ":7: gov-2023.txt is given again (first on line 3); the row is ignored",
		csv + ":8: 2023/13/45 is not a date (YYYY-MM-DD, YYYY-MM, YYYY, 2024年3月5日 or 2024/3/5); the row is ignored",
	}
	if diff := cmp.Diff(wantWarns, sum.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	res := search(t, x, Request{Query: "新质生产力", Size: 100})
	for _, h := range res.Hits {
		if h.DocID == "gov-2024" && (h.DocTitle != "2024年政府工作报告" || h.Date != "2024-03-05") {
			t.Errorf("after the edit gov-2024 is %q of %q", h.DocTitle, h.Date)
		}
	}
	if sum.NoSession.Count == 0 || !slices.Contains(sum.NoSession.First, "gov-2024.txt") {
		t.Errorf("no session: %+v", sum.NoSession)
	}
	if sum.NoDate.Count != 0 || len(sum.NoDate.First) != 0 {
		t.Errorf("no date: %+v", sum.NoDate)
	}
	// Removing the table re-indexes the documents it named, no others.
	if err := os.Remove(csv); err != nil {
		t.Fatal(err)
	}
	sum, err = x.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed != 4 {
		t.Errorf("after removing the table: %d changed, want the 4 documents it named", sum.Changed)
	}
}

func countDoc(res *Result, ids ...string) int {
	n := 0
	for _, v := range res.Facets["doc"] {
		if slices.Contains(ids, v.Value) {
			n += v.Count
		}
	}
	return n
}

func sortFacet(v []FacetValue) { slices.SortFunc(v, facetOrder) }

// TestBoxDocumentFields: the box reads place, level and the custom fields
// the index knows as filters; a built-in prefix wins over a custom field of
// the same name; an unknown name stays text.
func TestBoxDocumentFields(t *testing.T) {
	custom := map[string]bool{"总理": true, "会议": true, "省份": true}
	tests := []struct {
		in      string
		filters map[string][]string
		groups  int
	}{
		{"地点:上海市 级别:市", map[string][]string{"place": {"上海市"}, "level": {"市"}}, 0},
		{"place:天镇县 level:县 报告", map[string][]string{"place": {"天镇县"}, "level": {"县"}}, 1},
		{"总理:李强 总理：李克强", map[string][]string{"field:总理": {"李强", "李克强"}}, 0},
		{"省份:山西省 会议:十四届全国人大二次会议", map[string][]string{"field:省份": {"山西省"}, "session": {"十四届全国人大二次会议"}}, 0},
		{"部长:某某", map[string][]string{}, 1},
	}
	for _, tt := range tests {
		pq, err := parseBox(tt.in, DefaultLimits, custom)
		if err != nil {
			t.Fatalf("parseBox(%q): %v", tt.in, err)
		}
		if diff := cmp.Diff(tt.filters, pq.filters); diff != "" || len(pq.groups) != tt.groups {
			t.Errorf("parseBox(%q): %d groups, filters (-want +got):\n%s", tt.in, len(pq.groups), diff)
		}
	}
}
