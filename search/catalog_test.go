package search

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"
	"unsafe"

	"sessionsearch/indexer"
)

// realRecords are the catalog records of real documents: the seed, the
// test corpus with its metadata table (custom fields, table provenance)
// and the labelled set of the indexer's tests.
func realRecords(t testing.TB) []*DocumentInfo {
	t.Helper()
	var out []*DocumentInfo
	for _, root := range []string{filepath.Join("..", "corpus"), filepath.Join("testdata", "corpus"), filepath.Join("..", "indexer", "testdata", "labelled", "docs")} {
		files, err := indexer.Scan(root)
		if err != nil {
			t.Fatal(err)
		}
		md, _ := indexer.LoadMetadata(root)
		for _, rel := range files {
			d, err := indexer.ReadFile(root, rel, indexer.Options{Metadata: md})
			var skip *indexer.SkipError
			if errors.As(err, &skip) {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			out = append(out, infoOf(d, nil))
		}
	}
	if len(out) < 90 {
		t.Fatalf("%d real records, want the seed, the test corpus and the labelled set", len(out))
	}
	return out
}

// oddRecords are records with what real documents rarely have: nil and
// empty lists, empty maps, no session or several, negative numbers.
func oddRecords() []*DocumentInfo {
	s := indexer.Session{Place: "大同市", Level: "市", Body: "人大", Term: 16, Number: 5, Name: "大同市第十六届人民代表大会第五次会议"}
	return []*DocumentInfo{
		{},
		{ID: "empty-lists", Subtitles: []string{}, Reporters: []string{}, Photographers: []string{}, Sessions: []indexer.Session{},
			Fields: map[string]string{}, Provenance: map[string]string{}},
		{ID: "many", Path: "a/b.md", Title: "政府工作报告", Subtitles: []string{"", "副标题"}, Date: "2025", Source: "本报讯", Paper: "人民日报", Page: "A01",
			Site: "人民政协网", Reporters: []string{"李雪峰", "李雪峰"}, Photographers: []string{"王"}, Place: "大同市", Level: "市", Speaker: "李强",
			Sessions:    []indexer.Session{s, {Level: "全国", Body: "政协", Term: 14, Name: "全国政协十四届"}, {Term: -1, Number: 1 << 40}},
			MainSession: &s, Fields: map[string]string{"总理": "李强", "": "空名", "届次": ""}, Provenance: map[string]string{"title": indexer.SourceTable, "date": indexer.SourceFileName},
			Passages: 1 << 20, Hash: "not hex"},
		{ID: "main only", MainSession: &indexer.Session{}, Passages: -3},
	}
}

// jsonRoundTrip is what the JSON form kept of docs.
func jsonRoundTrip(t testing.TB, docs []*DocumentInfo) []*DocumentInfo {
	t.Helper()
	b, err := json.Marshal(docs)
	if err != nil {
		t.Fatal(err)
	}
	var out []*DocumentInfo
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// encodeCatalogJSON is the form before catalogVersion: the records as
// JSON, gzipped, as indexes written before it hold.
func encodeCatalogJSON(t testing.TB, docs []*DocumentInfo) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err := json.NewEncoder(zw).Encode(docs); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCatalogBlobRoundTrip(t *testing.T) {
	docs := append(realRecords(t), oddRecords()...)
	var sessions, fields, several, main, noMain int
	for _, d := range docs {
		sessions += min(len(d.Sessions), 1)
		fields += min(len(d.Fields), 1)
		several += min(len(d.Sessions)/2, 1)
		if d.MainSession != nil {
			main++
		} else {
			noMain++
		}
	}
	if sessions == 0 || fields == 0 || several == 0 || main == 0 || noMain == 0 {
		t.Fatalf("the records lack a case: %d with sessions, %d with several, %d with fields, %d with a main session, %d without",
			sessions, several, fields, main, noMain)
	}
	blob := encodeCatalog(docs)
	if blob[0] != catalogVersion {
		t.Fatalf("the blob starts with %#x", blob[0])
	}
	got, err := decodeCatalog(blob)
	if err != nil {
		t.Fatal(err)
	}
	want := jsonRoundTrip(t, docs)
	if len(got) != len(want) {
		t.Fatalf("%d records decoded, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("record %s:\n got %#v\nwant %#v (as JSON kept it)", want[i].ID, got[i], want[i])
		}
	}
	// The records of real documents come back as they were.
	for i, d := range realRecords(t) {
		if !reflect.DeepEqual(got[i], d) {
			t.Errorf("record %s:\n got %#v\nwant %#v", d.ID, got[i], d)
		}
	}
	// Deterministic, maps included.
	for range 3 {
		if again := encodeCatalog(docs); !bytes.Equal(again, blob) {
			t.Fatal("two encodings of the same records differ")
		}
	}
}

// A value many documents share is one string after decoding.
func TestCatalogBlobSharesStrings(t *testing.T) {
	docs := realRecords(t)
	got, err := decodeCatalog(encodeCatalog(docs))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]*byte{}
	shared := 0
	for _, d := range got {
		strs := []string{d.Place, d.Level, d.Source, d.Paper, d.Date}
		for _, s := range d.Sessions {
			strs = append(strs, s.Name, s.Place, s.Level, s.Body)
		}
		for k, v := range d.Provenance {
			strs = append(strs, k, v)
		}
		for _, s := range strs {
			if s == "" {
				continue
			}
			p := unsafe.StringData(s)
			if q, ok := seen[s]; !ok {
				seen[s] = p
			} else if q != p {
				t.Fatalf("%q decoded as two strings", s)
			} else {
				shared++
			}
		}
	}
	if shared < 1000 {
		t.Errorf("%d shared values, want the places, levels, sessions and provenance of %d documents", shared, len(docs))
	}
}

// Records with equal maps share one, both as the writer makes them and
// as the blob decodes them; a map that differs is its own.
func TestCatalogSharesMaps(t *testing.T) {
	dicts := dictTable{}
	a := dicts.intern(map[string]string{"title": "text", "date": "file name"})
	b := dicts.intern(map[string]string{"date": "file name", "title": "text"})
	c := dicts.intern(map[string]string{"title": "text", "date": "table"})
	// Pairs whose strings join into the same text stay apart.
	d := dicts.intern(map[string]string{"a\x00b": "c"})
	e := dicts.intern(map[string]string{"a": "b\x00c"})
	if reflect.ValueOf(a).UnsafePointer() != reflect.ValueOf(b).UnsafePointer() {
		t.Error("two equal maps were not shared")
	}
	if reflect.ValueOf(d).UnsafePointer() == reflect.ValueOf(e).UnsafePointer() {
		t.Error(`{"a\x00b": "c"} shared with {"a": "b\x00c"}`)
	}
	for _, other := range []map[string]string{c, d, e} {
		if reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(other).UnsafePointer() {
			t.Errorf("%v shared with %v", other, a)
		}
	}
	if dicts.intern(nil) != nil {
		t.Error("nil became a map")
	}

	docs := realRecords(t)
	got, err := decodeCatalog(encodeCatalog(docs))
	if err != nil {
		t.Fatal(err)
	}
	maps := map[string]bool{}
	for _, d := range got {
		if d.Provenance != nil {
			maps[fmt.Sprint(reflect.ValueOf(d.Provenance).UnsafePointer())] = true
		}
	}
	distinct := map[string]bool{}
	for _, d := range docs {
		if d.Provenance != nil {
			distinct[fmt.Sprint(d.Provenance)] = true
		}
	}
	if len(maps) != len(distinct) {
		t.Errorf("%d provenance maps decoded for %d distinct ones among %d records", len(maps), len(distinct), len(got))
	}
	if len(distinct) >= len(got)/2 {
		t.Errorf("%d distinct provenance maps among %d records: the test shares nothing", len(distinct), len(got))
	}
	if !reflect.DeepEqual(got, docs) {
		t.Error("shared maps changed a record")
	}
}

// Indexes written before the binary form keep opening.
func TestCatalogBlobOldForms(t *testing.T) {
	docs := append(realRecords(t), oddRecords()...)
	want := jsonRoundTrip(t, docs)
	plain, _ := json.Marshal(docs)
	for name, blob := range map[string][]byte{"gzip JSON": encodeCatalogJSON(t, docs), "plain JSON": plain} {
		got, err := decodeCatalog(blob)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d records, %v", name, len(got), err)
		}
	}
}

// A blob cut anywhere is an error, never a panic; so is one with a byte
// changed where that makes it inconsistent.
func TestCatalogBlobCut(t *testing.T) {
	docs := append(realRecords(t)[:8], oddRecords()...)
	blob := encodeCatalog(docs)
	for n := range len(blob) {
		if got, err := decodeCatalog(blob[:n]); err == nil {
			t.Fatalf("the blob cut to %d of %d bytes decoded to %d records", n, len(blob), len(got))
		}
	}
	for i := range blob {
		b := bytes.Clone(blob)
		b[i] ^= 0xff
		decodeCatalog(b) // must not panic
	}
	if _, err := decodeCatalog(append(bytes.Clone(blob), 0)); err == nil {
		t.Error("a blob with a byte after its last record decoded")
	}
}

func FuzzDecodeCatalog(f *testing.F) {
	docs := append(realRecords(f)[:3], oddRecords()...)
	f.Add(encodeCatalog(docs))
	f.Add(encodeCatalog(nil))
	f.Add(encodeCatalog(oddRecords()[2:3]))
	f.Add([]byte{catalogVersion, 1, 1, 0, 1})
	f.Add(encodeCatalogJSON(f, oddRecords()))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeCatalog(b)
		if err != nil || len(b) == 0 || b[0] != catalogVersion {
			return
		}
		// What the binary form decodes, it encodes and decodes the same.
		again, err := decodeCatalog(encodeCatalog(got))
		if err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("re-encoding: %v, %v", err, again)
		}
	})
}

// benchmarkRecords are n records made from the real ones as the
// benchmark corpus has them: each with its own path, id, hash and
// (mostly) title, and dates over sixteen years, so that the string table
// holds the strings of every document, not of the ninety-odd real ones.
func benchmarkRecords(b *testing.B, n int) []*DocumentInfo {
	real := realRecords(b)
	day0 := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*DocumentInfo, n)
	for i := range out {
		d := *real[i%len(real)]
		d.Date = day0.AddDate(0, 0, i*7%5844).Format("2006-01-02")
		paper := d.Paper
		if paper == "" {
			paper = "大同日报"
		}
		d.Path = fmt.Sprintf("%s/%s %s %06d%s", d.Date[:4], d.Date, paper, i, path.Ext(d.Path))
		d.ID = indexer.DocID(d.Path)
		if i%3 != 0 {
			d.Title += " " + strconv.Itoa(i)
		}
		sum := sha256.Sum256([]byte(d.Path))
		d.Hash = hex.EncodeToString(sum[:])
		out[i] = &d
	}
	return out
}

// BenchmarkCatalogBlob times writing and reading the catalog blob of the
// 300 MB benchmark corpus's 45,507 documents, in the gzipped JSON form
// that came before catalogVersion and in the binary form.
func BenchmarkCatalogBlob(b *testing.B) {
	docs := benchmarkRecords(b, 45507)
	forms := []struct {
		name   string
		encode func(testing.TB, []*DocumentInfo) []byte
	}{
		{"json-gzip", encodeCatalogJSON},
		{"binary", func(_ testing.TB, d []*DocumentInfo) []byte { return encodeCatalog(d) }},
	}
	for _, form := range forms {
		blob := form.encode(b, docs)
		b.Run(form.name+"/encode", func(b *testing.B) {
			for b.Loop() {
				form.encode(b, docs)
			}
			b.ReportMetric(float64(len(blob)), "bytes")
		})
		b.Run(form.name+"/decode", func(b *testing.B) {
			for b.Loop() {
				if _, err := decodeCatalog(blob); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(blob)), "bytes")
		})
	}
}
