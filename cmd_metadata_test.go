package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sessionsearch/indexer"
)

// metadataTestCorpus is a corpus of three shapes: the seed (city news), a
// Markdown report with front matter, and a national work report.
func metadataTestCorpus(t *testing.T) string {
	t.Helper()
	seed, err := os.ReadFile(filepath.Join("indexer", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"datong/2025-02-15 大同日报 市十六届人大五次会议开幕.txt": string(seed),
		"taiyuan.md":               "---\ntitle: 太原市政府工作报告\ndate: 2024-01-20\nsession: 太原市第十四届人民代表大会第三次会议\nspeakers: [张新伟]\n---\n\n各位代表：\n\n现在，我代表市人民政府，向大会报告工作，请予审议。\n",
		"national/2024年政府工作报告.txt": "政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n",
	}
	for rel, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runOK(t *testing.T, args ...string) (stdout, stderr string) {
	t.Helper()
	stdout, stderr, err := runCmd(args...)
	if err != nil {
		t.Fatalf("run(%q) = %v; stderr: %s", args, err, stderr)
	}
	return stdout, stderr
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	if !strings.HasPrefix(s, "\uFEFF") {
		t.Errorf("the CSV does not begin with a byte order mark")
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("the printed CSV does not parse: %v\n%s", err, s)
	}
	return recs
}

// TestMetadataRoundTrip: the metadata command prints one row per document
// under the table's header; saved as corpus/metadata.csv and read back,
// it changes no document's metadata or passages.
func TestMetadataRoundTrip(t *testing.T) {
	dir := metadataTestCorpus(t)
	out, _ := runOK(t, "metadata", "--corpus", dir)
	recs := readCSV(t, out)
	wantHeader := []string{"path", "title", "date", "place", "level", "session", "speaker", "source"}
	if diff := cmp.Diff(wantHeader, recs[0]); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	rows := map[string][]string{}
	for _, r := range recs[1:] {
		rows[r[0]] = r
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want one per document:\n%s", len(rows), out)
	}
	seed := rows["datong/2025-02-15 大同日报 市十六届人大五次会议开幕.txt"]
	if seed[1] != "市十六届人大五次会议隆重开幕" || seed[2] != "2025-02-15" || seed[5] != "大同市十六届人大五次会议" {
		t.Errorf("the seed's row = %q", seed)
	}
	if md := rows["taiyuan.md"]; md[1] != "太原市政府工作报告" || md[2] != "2024-01-20" || md[5] != "太原市十四届人大三次会议" {
		t.Errorf("the front matter's row = %q", md)
	}

	before := parseAll(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	again, stderr := runOK(t, "metadata", "--corpus", dir)
	if stderr != "" {
		t.Errorf("reading the printed table back warns:\n%s", stderr)
	}
	if again != out {
		t.Errorf("read back as the table, the metadata changes:\nbefore\n%s\nafter\n%s", out, again)
	}
	after := parseAll(t, dir)
	for rel, d := range before {
		a := after[rel]
		// The provenance says the table now; the values are the same.
		d.Provenance, a.Provenance, d.Hash, a.Hash = nil, nil, "", ""
		if diff := cmp.Diff(d, a); diff != "" {
			t.Errorf("%s changes when its printed row is the table (-before +after):\n%s", rel, diff)
		}
	}
}

// parseAll parses every corpus file with the corpus's table.
func parseAll(t *testing.T, dir string) map[string]*indexer.Document {
	t.Helper()
	files, err := indexer.Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	md, _ := indexer.LoadMetadata(dir)
	out := map[string]*indexer.Document{}
	for _, rel := range files {
		d, err := indexer.ReadFile(dir, rel, indexer.Options{Metadata: md})
		if err != nil {
			t.Fatal(err)
		}
		out[rel] = d
	}
	return out
}

// TestMetadataCustomColumnsAndWarnings: the table's custom columns are
// printed after the known ones, in its order, and its warnings go to
// stderr with their line numbers.
func TestMetadataCustomColumnsAndWarnings(t *testing.T) {
	dir := metadataTestCorpus(t)
	table := "文件,届次,总理,日期\n" +
		"national/2024年政府工作报告.txt,十四届,李强,2024-03-05\n" +
		"national/2023年政府工作报告.txt,十四届,李强,2023-03-05\n" +
		"taiyuan.md,十四届,,\n"
	if err := os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr := runOK(t, "metadata", "--corpus", dir)
	recs := readCSV(t, out)
	if got := recs[0][8:]; !cmp.Equal(got, []string{"届次", "总理"}) {
		t.Errorf("custom columns = %q, want 届次, 总理", got)
	}
	want := filepath.Join(dir, "metadata.csv") + ":3: national/2023年政府工作报告.txt names no corpus file; the row is ignored\n"
	if stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	for _, r := range recs[1:] {
		if r[0] == "national/2024年政府工作报告.txt" && (r[2] != "2024-03-05" || r[8] != "十四届" || r[9] != "李强") {
			t.Errorf("the table's row printed as %q", r)
		}
	}

	// inspect applies the table and says so.
	var doc indexer.Document
	js, _ := runOK(t, "inspect", "--corpus", dir, filepath.Join(dir, "national", "2024年政府工作报告.txt"))
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Fields["总理"] != "李强" || doc.Provenance["date"] != indexer.SourceTable {
		t.Errorf("inspect: fields %v provenance %v", doc.Fields, doc.Provenance)
	}
	// A file outside the corpus is not the row's, whatever its name.
	outside := filepath.Join(t.TempDir(), "taiyuan.md")
	body, err := os.ReadFile(filepath.Join(dir, "taiyuan.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(outside), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outside, body, 0o644); err != nil {
		t.Fatal(err)
	}
	js, _ = runOK(t, "inspect", "--corpus", dir, outside)
	doc = indexer.Document{}
	if err := json.Unmarshal([]byte(js), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Fields) != 0 {
		t.Errorf("inspect of a file outside the corpus applied the table: fields %v provenance %v", doc.Fields, doc.Provenance)
	}
}

// TestIndexSummaryGaps: the index command names the documents without a
// date, a title of their own or a session, and a changed row re-indexes
// one document.
func TestIndexSummaryGaps(t *testing.T) {
	dir := metadataTestCorpus(t)
	if err := os.WriteFile(filepath.Join(dir, "无题.txt"), []byte("这是一段没有日期也没有会议的文字。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(t.TempDir(), "index")
	out, _ := runOK(t, "index", "--corpus", dir, "--index", index)
	if !strings.Contains(out, "1 document has no date: 无题.txt") || !strings.Contains(out, "no session: 无题.txt") {
		t.Errorf("index summary:\n%s", out)
	}
	table := "path,title\ntaiyuan.md,太原市人民政府工作报告\n"
	if err := os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ = runOK(t, "index", "--corpus", dir, "--index", index)
	if !strings.Contains(out, "(0 added, 1 changed, 0 removed, 3 unchanged)") {
		t.Errorf("after adding a table with one row:\n%s", out)
	}
	if err := os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte(table+"无题.txt,,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr := runOK(t, "index", "--corpus", dir, "--index", index)
	if !strings.Contains(out, "1 warning in the metadata table") || !strings.Contains(stderr, "metadata.csv:3: 3 cells, but the header has 2") {
		t.Errorf("a bad row: stdout\n%s\nstderr\n%s", out, stderr)
	}
	if !strings.Contains(out, "(0 added, 0 changed, 0 removed, 4 unchanged)") {
		t.Errorf("a bad row re-indexed something:\n%s", out)
	}
}

// TestMetadataSeveralSpeakers: a table's row naming several speakers is
// printed with all of them, as the table wrote them, not only the first.
func TestMetadataSeveralSpeakers(t *testing.T) {
	dir := metadataTestCorpus(t)
	table := "path,speaker\nnational/2024年政府工作报告.txt,李强；丁薛祥\n"
	if err := os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := runOK(t, "metadata", "--corpus", dir)
	found := false
	for _, r := range readCSV(t, out)[1:] {
		if r[0] == "national/2024年政府工作报告.txt" {
			found = true
			if r[6] != "李强;丁薛祥" {
				t.Errorf("speaker = %q, want 李强;丁薛祥", r[6])
			}
		}
	}
	if !found {
		t.Errorf("no row for national/2024年政府工作报告.txt:\n%s", out)
	}
}
