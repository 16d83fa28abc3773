package search

import (
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"

	"sessionsearch/indexer"
)

// planSegment is a segment as Bleve's merge planner sees it.
type planSegment struct {
	id   uint64
	size int64
}

func (s planSegment) Id() uint64          { return s.id }
func (s planSegment) FullSize() int64     { return s.size }
func (s planSegment) LiveSize() int64     { return s.size }
func (s planSegment) HasVector() bool     { return false }
func (s planSegment) FileSize() int64     { return s.size * 2000 }
func (s planSegment) LiveFileSize() int64 { return s.size * 2000 }

// TestBulkMergeCapsSegments runs Bleve's planner with the plan of the end
// of a bulk load over the segments batches leave: no task may produce a
// segment over maxSegmentPassages, and every segment under half of it
// is merged.
func TestBulkMergeCapsSegments(t *testing.T) {
	var segs []mergeplan.Segment
	for i := range 120 {
		segs = append(segs, planSegment{id: uint64(i), size: int64(batchPassages * (1 + i%3))})
	}
	segs = append(segs, planSegment{id: 999, size: maxSegmentPassages - 10})
	plan := bulkMergePlan()
	p, err := mergeplan.Plan(segs, &plan)
	if err != nil {
		t.Fatal(err)
	}
	merged := map[uint64]bool{}
	for _, task := range p.Tasks {
		var size int64
		for _, s := range task.Segments {
			size += s.LiveSize()
			merged[s.Id()] = true
		}
		if size > maxSegmentPassages {
			t.Errorf("a merge of %d passages, over the cap of %d", size, maxSegmentPassages)
		}
	}
	if merged[999] {
		t.Error("a segment at the cap was merged again")
	}
	for _, s := range segs {
		if s.LiveSize() < maxSegmentPassages/2 && !merged[s.Id()] {
			t.Errorf("segment %d of %d passages left unmerged", s.Id(), s.LiveSize())
		}
	}
}

// TestCatalogRecordsOwnTheirStrings checks that a catalog record shares no
// memory with the file it was parsed from: a record lives as long as the
// index, and a substring would keep the whole decoded file alive.
func TestCatalogRecordsOwnTheirStrings(t *testing.T) {
	d := parseSeed(t)
	if d.Title == "" || d.MainSession == nil || len(d.Reporters) == 0 {
		t.Fatalf("the seed lost its metadata: %+v", d)
	}
	// The parser's strings point into the text it decoded: a record's
	// string must start elsewhere.
	parsed := map[uintptr]bool{}
	for _, s := range []string{d.Title, d.Place, d.Level, d.Source, d.Paper, d.MainSession.Name, d.MainSession.Place} {
		if s != "" {
			parsed[uintptr(unsafe.Pointer(unsafe.StringData(s)))] = true
		}
	}
	info := infoOf(d, nil)
	strs := []string{info.ID, info.Path, info.Title, info.Date, info.Source, info.Paper, info.Page, info.Site,
		info.Place, info.Level, info.Speaker, info.Hash, info.MainSession.Name, info.MainSession.Place, info.MainSession.Body, info.MainSession.Level}
	strs = append(strs, info.Subtitles...)
	strs = append(strs, info.Reporters...)
	strs = append(strs, info.Photographers...)
	for _, s := range info.Sessions {
		strs = append(strs, s.Name, s.Place, s.Body, s.Level)
	}
	for k, v := range info.Provenance {
		strs = append(strs, k, v)
	}
	for _, s := range strs {
		if s != "" && parsed[uintptr(unsafe.Pointer(unsafe.StringData(s)))] {
			t.Errorf("the record's %q is the parser's string, not a copy", s)
		}
	}
	if info.Title != d.Title || info.MainSession.Name != d.MainSession.Name || len(info.Reporters) != len(d.Reporters) {
		t.Errorf("the copy differs: %+v", info)
	}
}

// parseSeed parses the project's first corpus document, the seed.
func parseSeed(t *testing.T) *indexer.Document {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join("..", "corpus", "*.txt"))
	if len(matches) == 0 {
		t.Fatal("no document in corpus/")
	}
	raw, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	d, err := indexer.Parse("seed.txt", raw, indexer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}
