package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/google/go-cmp/cmp"
)

// describe renders a parsed query compactly for table tests.
func describe(pq *parsedQuery) string {
	var parts []string
	for _, g := range pq.groups {
		var alts []string
		for _, u := range g {
			s := u.text
			if u.phrase {
				s = "\"" + s + "\""
			}
			alts = append(alts, s)
		}
		parts = append(parts, strings.Join(alts, "|"))
	}
	for _, u := range pq.exclude {
		parts = append(parts, "-"+u.text)
	}
	for _, k := range []string{"speaker", "topic", "kind", "doc", "session", "person", "year"} {
		for _, v := range pq.filters[k] {
			parts = append(parts, k+"="+v)
		}
	}
	if pq.from != "" || pq.to != "" {
		parts = append(parts, "date="+pq.from+".."+pq.to)
	}
	for _, n := range pq.near {
		if n.sentence {
			parts = append(parts, fmt.Sprintf("%s(%d,%d)", n.op, n.left, n.right))
		} else {
			parts = append(parts, fmt.Sprintf("%s(%d,%d,%d)", n.op, n.left, n.right, n.within))
		}
	}
	return strings.Join(parts, " ")
}

func TestParseBox(t *testing.T) {
	tests := []struct {
		in, want string
		notes    int
	}{
		{"算力之城", "算力之城", 0},
		{"算力 之城", "算力 之城", 0},
		{`"算力 之城"`, `"算力 之城"`, 0},
		{"“四个自信”", `"四个自信"`, 0},
		{"「民生实事」", `"民生实事"`, 0},
		{"能源 -十四五", "能源 -十四五", 0},
		{"能源 OR 算力 文化", "能源|算力 文化", 0},
		{"能源|算力", "能源|算力", 0},
		{"能源 | 算力 | 文化", "能源|算力|文化", 0},
		{"speaker:刘俊义 转型", "转型 speaker=刘俊义", 0},
		{"发言人：刘俊义", "speaker=刘俊义", 0},
		{"topic:\"数字经济与算力\"", "topic=数字经济与算力", 0},
		{"date:2025-01-01..2025-12-31 会议", "会议 date=2025-01-01..2025-12-31", 0},
		{"date:2025", "date=2025-01-01..2025-12-31", 0},
		{"date:2024-02", "date=2024-02-01..2024-02-29", 0},
		{"date:..2025-02-15", "date=..2025-02-15", 0},
		{"\"算力之城", `"算力之城"`, 1},
		{"OR 算力", "算力", 1},
		{"算力 OR", "算力", 1},
		{"算力*", "算力", 1},
		{"/.*/", ".", 2},
		{"转型~2 发展^3", "转型 发展", 1},
		{"(能源)", "能源", 1},
		{"-", "-", 0},
		{"http://example.com", "http://example.com", 0},
		{"算力 NEAR/10 数字经济", "算力 数字经济 NEAR/10(0,1,10)", 0},
		{"算力 NEAR/0 数字经济", "算力 数字经济 NEAR/0(0,1,0)", 0},
		{"算力 ＮＥＡＲ／５ 數字經濟", "算力 數字經濟 ＮＥＡＲ／５(0,1,5)", 0},
		{"算力 同句 数字经济", "算力 数字经济 同句(0,1)", 0},
		{"算力 SENT 数字经济", "算力 数字经济 SENT(0,1)", 0},
		{`"算力 之城" NEAR/3 文化`, `"算力 之城" 文化 NEAR/3(0,1,3)`, 0},
		{"能源 OR 算力 NEAR/5 数字经济|东数西算", "能源|算力 数字经济|东数西算 NEAR/5(0,1,5)", 0},
		{"发展 NEAR/5 改革 同句 开放", "发展 改革 开放 NEAR/5(0,1,5) 同句(1,2)", 0},
		{"城市 算力 NEAR/2 数字经济 -东数西算 speaker:刘俊义", "城市 算力 数字经济 -东数西算 speaker=刘俊义 NEAR/2(1,2,2)", 0},
		{"同句", "同句", 1},
		{"同句 数字经济", "同句 数字经济", 1},
		{"算力 SENT", "算力 SENT", 1},
		{`"同句"`, `"同句"`, 0},
		{"算力 near/5 数字经济", "算力 near/5 数字经济", 0},
		{"NEARBY 算力", "NEARBY 算力", 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			pq, err := parseBox(tt.in, DefaultLimits, nil)
			if err != nil {
				t.Fatalf("parseBox(%q) error: %v", tt.in, err)
			}
			if got := describe(pq); got != tt.want {
				t.Errorf("parseBox(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len(pq.notes) != tt.notes {
				t.Errorf("parseBox(%q) notes = %q, want %d", tt.in, pq.notes, tt.notes)
			}
		})
	}
}

func TestParseBoxErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"invalid utf-8", "算\xff力", "not valid UTF-8"},
		{"nul", "算\x00力", "NUL"},
		{"too long", strings.Repeat("算", 300), "limit is 256"},
		{"bad date", "date:2025-13-45", "not a date"},
		{"reversed range", "date:2025-12-01..2025-01-01", "ends before it starts"},
		{"too many terms", strings.Repeat("a ", 40), "limit is 32"},
		{"near without distance", "算力 NEAR 数字经济", "NEAR needs a distance in characters: write 算力 NEAR/10 数字经济"},
		{"near distance not a number", "算力 NEAR/x 数字经济", "NEAR/x: the distance of NEAR is a whole number of characters from 0 to 10000"},
		{"near distance negative", "算力 NEAR/-1 数字经济", "whole number"},
		{"near distance empty", "算力 NEAR/ 数字经济", "NEAR/: the distance of NEAR is a whole number"},
		{"near distance with a sign", "算力 NEAR/+5 数字经济", "whole number"},
		{"near distance too large", "算力 NEAR/10001 数字经济", "from 0 to 10000"},
		{"near at the end", "算力 NEAR/5", "after it stands nothing"},
		{"near at the start", "NEAR/5 算力", "before it stands nothing"},
		{"near after an exclusion", "-算力 NEAR/5 数字经济", "before it stands an exclusion (-算力); exclude terms apart"},
		{"near before an exclusion", "算力 NEAR/5 -数字经济", "after it stands an exclusion"},
		{"near before a filter", "算力 NEAR/5 year:2025", "after it stands a filter"},
		{"near before OR", "算力 NEAR/5 OR 数字经济", "after it stands OR"},
		{"two operators", "算力 NEAR/5 同句 数字经济", "after it stands another operator (同句)"},
		{"near beside nothing searchable", "算力 NEAR/5 *", "* has nothing searchable"},
		{"nothing searchable beside near", "* NEAR/5 算力", "before it stands *, which has nothing searchable"},
		{"sentence before an exclusion", "算力 同句 -数字经济", "同句 needs a term or a quoted phrase on each side; after it stands an exclusion"},
		{"sentence after a filter", "year:2025 SENT 数字经济", "SENT needs a term or a quoted phrase on each side; before it stands a filter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseBox(tt.in, DefaultLimits, nil)
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseBox(%q) error = %v, want ErrInvalid containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestUnitQueryShapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"算", `{"term":"算","field":"chars"}`},
		{"算力", `{"term":"算力","field":"text"}`},
		{"341", `{"term":"341","field":"text"}`},
		{"算力之城", `{"phrase":["算力","力之","之城"],"offsets":[0,1,2],"field":"text","boost":1}`},
		{"2025年", `{"phrase":["2025","年"],"offsets":[0,4],"field":"text","boost":1}`},
	}
	for _, tt := range tests {
		b, err := jsonOf(unitQuery(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, b); diff != "" {
			t.Errorf("unitQuery(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func FuzzParseBox(f *testing.F) {
	for _, s := range []string{"算力之城", `"四个自信" -十四五 OR`, "speaker:刘俊义 date:2025..", "/.*/ * ~ ^", "“未闭合", "| OR -", "算力 NEAR/10 数字经济 同句 OR", "NEAR SENT 同句 -NEAR/5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		pq, err := parseBox(q, DefaultLimits, map[string]bool{"总理": true})
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("parseBox(%q) error %v is not ErrInvalid", q, err)
			}
			return
		}
		if n := pq.unitCount(); n > maxUnits {
			t.Fatalf("parseBox(%q) kept %d units", q, n)
		}
		if _, err := makePlan(Request{Query: q}, DefaultLimits, nil, map[string]bool{"总理": true}); err != nil && !errors.Is(err, ErrInvalid) {
			t.Fatalf("makePlan(%q) error %v is not ErrInvalid", q, err)
		}
	})
}

// jsonOf renders a query as Bleve's JSON.
func jsonOf(q bquery.Query) (string, error) {
	b, err := json.Marshal(q)
	return string(b), err
}
