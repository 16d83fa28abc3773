package indexer

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files and encoding fixtures in testdata")

// testTaxonomy loads testdata/topics.yaml, a copy of corpus/topics.yaml,
// so that editing the corpus does not break the tests.
func testTaxonomy(t testing.TB) *Taxonomy {
	t.Helper()
	tax, err := LoadTaxonomy(filepath.Join("testdata", "topics.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

// marshal writes v as the inspect command does: indented, with Chinese as
// written.
func marshal(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGoldenSeed pins the parse of the seed: passage texts after repair,
// kinds, speakers and roles, people (the two 丁国华), date, title,
// sessions and topics. Rewrite with `go test ./indexer -update` and read
// the diff.
func TestGoldenSeed(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("seed.txt", raw, Options{Taxonomy: testTaxonomy(t)})
	if err != nil {
		t.Fatal(err)
	}
	got := marshal(t, doc)
	golden := filepath.Join("testdata", "seed.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./indexer -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("Parse(seed.txt) differs from %s (-want +got):\n%s", golden, diff)
	}
}

func parseSeed(t testing.TB) *Document {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("seed.txt", raw, Options{Taxonomy: testTaxonomy(t)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
