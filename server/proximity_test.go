package server

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"sessionsearch/search"
)

// TestProximity: NEAR/N and 同句 through the API, checked against the
// OpenAPI document, and the 400 of a NEAR without a distance.
func TestProximity(t *testing.T) {
	h := newHarness(t, Config{})
	for _, tt := range []struct {
		q        string
		within   int
		unit     string
		matches  bool
		marks    []string
		operands [2]string
	}{
		// 推動數字經濟和實體經濟深度融合: one character between them.
		{"数字经济 NEAR/1 实体经济", 1, "character", true, []string{"<mark>數字經濟</mark>", "<mark>實體經濟</mark>"}, [2]string{"数字经济", "实体经济"}},
		{"数字经济 NEAR/0 实体经济", 0, "character", false, nil, [2]string{"数字经济", "实体经济"}},
		// 加快發展新質生產力，推動數字經濟和實體經濟深度融合。
		{"發展 同句 融合", 0, "sentence", true, []string{"<mark>發展</mark>", "<mark>融合</mark>"}, [2]string{"發展", "融合"}},
	} {
		t.Run(tt.q, func(t *testing.T) {
			x := h.get("/api/search?q=" + url.QueryEscape(tt.q))
			x.wantStatus(t, http.StatusOK)
			x.checkSpec(t)
			var res search.Result
			x.decode(t, &res)
			if got := res.Total > 0; got != tt.matches {
				t.Fatalf("search %s: total %d, want matches: %v", tt.q, res.Total, tt.matches)
			}
			p := res.Interpreted.Proximity
			if len(p) != 1 || p[0].Within != tt.within || p[0].Unit != tt.unit || p[0].Left[0] != tt.operands[0] || p[0].Right[0] != tt.operands[1] {
				t.Errorf("search %s: interpreted.proximity = %+v", tt.q, p)
			}
			for _, hit := range res.Hits {
				for _, m := range tt.marks {
					if !strings.Contains(hit.Snippet, m) {
						t.Errorf("search %s: snippet %q has no %s", tt.q, hit.Snippet, m)
					}
				}
			}
			for _, path := range []string{"/api/matches?q=", "/api/kwic?q="} {
				x := h.get(path + url.QueryEscape(tt.q))
				x.wantStatus(t, http.StatusOK)
				x.checkSpec(t)
			}
		})
	}
	x := h.get("/api/search?q=" + url.QueryEscape("数字经济 NEAR 实体经济"))
	x.wantStatus(t, http.StatusBadRequest)
	x.checkSpec(t)
	if p := x.problem(t); !strings.Contains(p.Detail, "NEAR needs a distance in characters: write 算力 NEAR/10 数字经济") {
		t.Errorf("NEAR without a distance: problem %+v", p)
	}
}
