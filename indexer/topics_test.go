package indexer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTaxonomy(t *testing.T) {
	tax, err := LoadTaxonomy(writeFile(t, "topics.yaml", `topics:
  - label: 数字经济与算力
    signals: [数字经济, 算力]
  - label: 能源
    signals: [绿色能源, 新能源]
`))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"数字经济与算力", "能源"}, tax.Labels()); diff != "" {
		t.Errorf("Labels() (-want +got):\n%s", diff)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"绿色能源产业持续壮大，数字经济积厚成势", []string{"数字经济与算力", "能源"}},
		{"大同算力走在全国前列", []string{"数字经济与算力"}},
		{"數字經濟積厚成勢", []string{"数字经济与算力"}}, // Traditional
		{"会场内气氛庄重热烈", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tax.Match(tt.text)); diff != "" {
			t.Errorf("Match(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestTaxonomyFiles(t *testing.T) {
	missing, err := LoadTaxonomy(filepath.Join(t.TempDir(), "none.yaml"))
	if err != nil || len(missing.Labels()) != 0 || missing.Match("数字经济") != nil {
		t.Errorf("LoadTaxonomy(missing) = %v, %v; want an empty taxonomy", missing, err)
	}
	var nilTax *Taxonomy
	if nilTax.Match("数字经济") != nil || nilTax.Labels() != nil || nilTax.Fingerprint() == "" {
		t.Error("a nil taxonomy must match nothing and still have a fingerprint")
	}

	bad := writeFile(t, "topics.yaml", "topics:\n  - label: 能源\n    signals: [新能源\n")
	if _, err := LoadTaxonomy(bad); err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "line") {
		t.Errorf("LoadTaxonomy(malformed) error = %v, want one naming the file and the line", err)
	}
	empty := writeFile(t, "topics.yaml", "topics:\n  - label: 能源\n")
	if _, err := LoadTaxonomy(empty); err == nil {
		t.Error("LoadTaxonomy(topic without signals) = nil error")
	}

	a, _ := LoadTaxonomy(writeFile(t, "a.yaml", "topics:\n  - label: 能源\n    signals: [新能源]\n"))
	b, _ := LoadTaxonomy(writeFile(t, "b.yaml", "topics:\n  - label: 能源\n    signals: [新能源, 光伏]\n"))
	a2, _ := LoadTaxonomy(writeFile(t, "c.yaml", "topics:\n  - label: 能源\n    signals: [新能源]\n"))
	if a.Fingerprint() == b.Fingerprint() || a.Fingerprint() != a2.Fingerprint() || a.Fingerprint() == missing.Fingerprint() {
		t.Errorf("fingerprints %q %q %q %q: want equal for equal content only", a.Fingerprint(), b.Fingerprint(), a2.Fingerprint(), missing.Fingerprint())
	}
}

// TestCorpusTaxonomy: corpus/topics.yaml loads (users edit it), and its
// shipped version, copied to testdata, covers the themes of a government
// work report.
func TestCorpusTaxonomy(t *testing.T) {
	if _, err := LoadTaxonomy(filepath.Join("..", "corpus", "topics.yaml")); err != nil {
		t.Fatal(err)
	}
	tax := testTaxonomy(t)
	if n := len(tax.Labels()); n < 14 {
		t.Errorf("corpus taxonomy has %d topics, want at least 14", n)
	}
	// The seed's seven priorities each signal their topic.
	tests := map[string]string{
		"统筹提振消费和扩大投资":    "经济增长与投资",
		"统筹科技创新和产业升级":    "科技创新与产业升级",
		"统筹深层次改革和高水平开放":  "改革开放",
		"统筹新型城镇化和乡村全面振兴": "城乡建设与乡村振兴",
		"统筹生态保护和绿色发展":    "生态环保与绿色转型",
		"统筹保障公平和改善民生":    "民生保障",
		"统筹风险防范和安全治理":    "安全与风险防范",
		"努力建设算力之城":       "数字经济与算力",
		"努力建设文化之城":       "文化旅游",
		"努力建设能源之城":       "能源",
		"全面加强政府自身建设":     "政府自身建设",
		"科学编制“十五五”规划":    "五年规划",
		"符合法定人数":         "会议程序",
		"坚持全面从严治党":       "政治引领与党的建设",
	}
	for text, label := range tests {
		found := false
		for _, l := range tax.Match(text) {
			found = found || l == label
		}
		if !found {
			t.Errorf("Match(%q) = %q, want it to include %s", text, tax.Match(text), label)
		}
	}
}
