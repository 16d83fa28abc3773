package indexer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// encodingSample is written in every encoding under testdata/encodings: a
// headline, a lead with a byline and a date, and a speech paragraph.
const encodingSample = "市十六届人大五次会议隆重开幕\n\n本报讯（记者 李雪峰）2025年2月15日上午，大同市第十六届人民代表大会第五次会议隆重开幕。\n\n刘俊义说，今年是“十四五”规划收官之年。\n"

// encodingFixtures are the checked-in files of testdata/encodings, each
// made from encodingSample; -update rewrites them.
var encodingFixtures = map[string]func(string) []byte{
	"utf8.txt":     func(s string) []byte { return []byte(s) },
	"utf8-bom.txt": func(s string) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, s...) },
	"utf16le.txt":  func(s string) []byte { return utf16Bytes(s, false) },
	"utf16be.txt":  func(s string) []byte { return utf16Bytes(s, true) },
	"gb18030.txt":  gb18030Bytes,
	"crlf.txt":     func(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) },
	"cr.txt":       func(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r")) },
	"gbk-crlf.txt": func(s string) []byte { return gb18030Bytes(strings.ReplaceAll(s, "\n", "\r\n")) },
	"utf16le-crlf.txt": func(s string) []byte {
		return utf16Bytes(strings.ReplaceAll(s, "\n", "\r\n"), false)
	},
	// Without a byte order mark, as some exports write UTF-16.
	"utf16le-nobom.txt": func(s string) []byte { return utf16Bytes(s, false)[2:] },
	"utf16be-nobom.txt": func(s string) []byte { return utf16Bytes(s, true)[2:] },
}

// tradSample is encodingSample in Traditional characters, as a Taiwan or
// Hong Kong file would hold it.
const tradSample = "市十六屆人大五次會議隆重開幕\n\n本報訊（記者 李雪峰）2025年2月15日上午，大同市第十六屆人民代表大會第五次會議隆重開幕。\n\n劉俊義說，今年是「十四五」規劃收官之年。\n"

// tradFixtures are made from tradSample. GBK holds Traditional characters
// too, and Big5 byte pairs are mostly valid GBK: the reader must tell the
// two apart by what the bytes read as.
var tradFixtures = map[string]func(string) []byte{
	"big5.txt":                      big5Bytes,
	"big5-crlf.txt":                 func(s string) []byte { return big5Bytes(strings.ReplaceAll(s, "\n", "\r\n")) },
	"gbk-traditional.txt":           gb18030Bytes,
	"utf16be-nobom-traditional.txt": func(s string) []byte { return utf16Bytes(s, true)[2:] },
}

func big5Bytes(s string) []byte {
	b, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err) // the sample holds only Big5 characters
	}
	return b
}

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func gb18030Bytes(s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err) // the sample is plain Chinese: encodable by construction
	}
	return b
}

// TestEncodings reads each fixture and expects the same document: same
// passages, kinds, date and speaker whatever the encoding and line ends.
func TestEncodings(t *testing.T) {
	dir := filepath.Join("testdata", "encodings")
	if *update {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for sample, fixtures := range map[string]map[string]func(string) []byte{encodingSample: encodingFixtures, tradSample: tradFixtures} {
			for name, enc := range fixtures {
				if err := os.WriteFile(filepath.Join(dir, name), enc(sample), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	want, err := Parse("sample.txt", []byte(encodingSample), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Passages) != 3 || want.Date != "2025-02-15" || want.Passages[2].Speaker != "刘俊义" {
		t.Fatalf("Parse(sample) = %d passages, date %q, speaker %q; want 3, 2025-02-15, 刘俊义",
			len(want.Passages), want.Date, want.Passages[2].Speaker)
	}
	checkFixtures(t, dir, encodingSample, encodingFixtures)
	checkFixtures(t, dir, tradSample, tradFixtures)
}

// checkFixtures reads each fixture of dir made from sample and expects the
// document Parse makes of the sample in UTF-8.
func checkFixtures(t *testing.T, dir, sample string, fixtures map[string]func(string) []byte) {
	t.Helper()
	want, err := Parse("sample.txt", []byte(sample), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name := range fixtures {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatalf("%v (run go test ./indexer -update to write the fixtures)", err)
			}
			got, err := ReadFile(dir, name, Options{})
			if err != nil {
				t.Fatalf("ReadFile(%q) error: %v", name, err)
			}
			if diff := cmp.Diff(want.Passages, got.Passages); diff != "" {
				t.Errorf("ReadFile(%q) passages differ from UTF-8 (-want +got):\n%s", name, diff)
			}
			if got.Date != want.Date || got.Title != want.Title {
				t.Errorf("ReadFile(%q) = date %q title %q, want %q %q", name, got.Date, got.Title, want.Date, want.Title)
			}
			if got.Hash == want.Hash && name != "utf8.txt" {
				t.Errorf("ReadFile(%q).Hash equals the UTF-8 file's: the hash must be of the raw bytes", name)
			}
			if len(raw) == 0 {
				t.Errorf("fixture %s is empty", name)
			}
		})
	}
}

// TestBadFiles: each bad file is a *SkipError naming the file and why.
func TestBadFiles(t *testing.T) {
	tests := []struct {
		name   string
		raw    []byte
		opts   Options
		reason string // a substring of the reason
	}{
		{"empty.txt", nil, Options{}, "empty"},
		{"blank.txt", []byte(" \n\r\n\t \n"), Options{}, "empty"},
		{"bom-only.txt", []byte{0xEF, 0xBB, 0xBF}, Options{}, "empty"},
		{"nul.txt", []byte("大同市\x00\x00\x00人大"), Options{}, "binary"},
		{"nul-even.txt", []byte("abc\x00\x01\x02"), Options{}, "binary"},
		{"nul-pairs.bin", []byte("\x00\x00\x00\x00PK\x03\x04"), Options{}, "binary"},
		{"png.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Options{}, "binary"},
		{"controls.txt", []byte("\x01\x02\x03\x04\x05\x06\x07 abc"), Options{}, "binary"},
		{"undecodable.txt", []byte{0xFF, 0xFF, 0xFE, 0x80, 0x81, 0xFF}, Options{}, "not UTF-8"},
		{"bad-bom.txt", []byte{0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0x41}, Options{}, "byte order mark"},
		{"big.txt", []byte(strings.Repeat("大同", 100)), Options{MaxFileBytes: 100}, "limit"},
		{"markup-only.html", []byte("<html><script>alert(1)</script><style>p{}</style></html>"), Options{}, "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.name, tt.raw, tt.opts)
			var skip *SkipError
			if !errors.As(err, &skip) {
				t.Fatalf("Parse(%q) = %v, %v; want a *SkipError", tt.name, doc, err)
			}
			if skip.Path != tt.name || !strings.Contains(skip.Reason, tt.reason) {
				t.Errorf("Parse(%q) error = %q, want path %q and a reason containing %q", tt.name, err, tt.name, tt.reason)
			}
			if !strings.HasPrefix(err.Error(), tt.name+": ") {
				t.Errorf("Error() = %q, want it to start with the path", err)
			}
		})
	}
}

// TestReadFileLimit: the size limit is checked before the file is read,
// and a missing file is a skip, not a crash.
func TestReadFileLimit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), []byte(strings.Repeat("大同市人大。\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	var skip *SkipError
	if _, err := ReadFile(dir, "big.txt", Options{MaxFileBytes: 1000}); !errors.As(err, &skip) || !strings.Contains(skip.Reason, "limit") {
		t.Errorf("ReadFile(big.txt, limit 1000) error = %v, want a size-limit skip", err)
	}
	if _, err := ReadFile(dir, "big.txt", Options{}); err != nil {
		t.Errorf("ReadFile(big.txt) with the default limit: %v", err)
	}
	if _, err := ReadFile(dir, "missing.txt", Options{}); !errors.As(err, &skip) {
		t.Errorf("ReadFile(missing.txt) error = %v, want a *SkipError", err)
	}
}

func TestScan(t *testing.T) {
	root := t.TempDir()
	files := []string{
		"2025-02-15 大同日报 市十六届人大五次会议开幕.txt",
		"太原/政协 报告.MD",
		"太原/page.html",
		"a/b/c.htm",
		"notes.markdown",
		"Report.TXT",
		"topics.yaml",
		"synonyms.yaml",
		"image.png",
		"doc.txt.bak",
		".hidden.txt",
		".git/objects.txt",
		"a/.cache/x.txt",
	}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Scan(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"2025-02-15 大同日报 市十六届人大五次会议开幕.txt",
		"Report.TXT",
		"a/b/c.htm",
		"notes.markdown",
		"太原/page.html",
		"太原/政协 报告.MD",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Scan() (-want +got):\n%s", diff)
	}
	if _, err := Scan(filepath.Join(root, "missing")); err == nil {
		t.Error("Scan(missing folder) = nil error, want one")
	}
}

func TestDocID(t *testing.T) {
	tests := []struct {
		rel  string
		want string // "" means: only check the properties
	}{
		{"seed.txt", "seed"},
		{"taiyuan_2025-cppcc.md", "taiyuan_2025-cppcc"},
		{"太原/政协报告.html", ""},
		{"2025-02-15 大同日报 市十六届人大五次会议开幕.txt", ""},
		{"a b.txt", ""},
		{"a-b.txt", "a-b"},
		{"%%%.txt", ""},
	}
	seen := map[string]string{}
	for _, tt := range tests {
		got := DocID(tt.rel)
		if tt.want != "" && got != tt.want {
			t.Errorf("DocID(%q) = %q, want %q", tt.rel, got, tt.want)
		}
		if got == "" || strings.ContainsAny(got, " /?#%&.") {
			t.Errorf("DocID(%q) = %q, want a non-empty URL-safe id", tt.rel, got)
		}
		if again := DocID(tt.rel); again != got {
			t.Errorf("DocID(%q) not deterministic: %q then %q", tt.rel, got, again)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("DocID(%q) = DocID(%q) = %q", tt.rel, other, got)
		}
		seen[got] = tt.rel
	}
	if DocID("a b.txt") == DocID("a-b.txt") || DocID("a/b.txt") == DocID("a-b.txt") {
		t.Error("paths that differ only in punctuation share an id")
	}
	if !strings.HasPrefix(DocID("2025-02-15 大同日报 市十六届人大五次会议开幕.txt"), "2025-02-15-大同日报-市十六届人大五次会议开幕") {
		t.Errorf("DocID kept too little of the name: %q", DocID("2025-02-15 大同日报 市十六届人大五次会议开幕.txt"))
	}
}

// TestLegacyEncodingChoice: text that is not UTF-8 is read as GB18030 or
// Big5, whichever reads as Chinese, short texts too; an HTML page's own
// charset is used when it reads as well as any other, and ignored when it
// is wrong.
func TestLegacyEncodingChoice(t *testing.T) {
	const trad = "臺北市議會第十四屆第三次定期大會開幕"
	const simp = "深圳市第七届人民代表大会第六次会议开幕"
	page := func(charset, body string) string {
		return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=` + charset + `"><title>` + body + `</title></head><body><p>` + body + `</p></body></html>`
	}
	tests := []struct {
		name string
		raw  []byte
		want string // the first passage
	}{
		{"big5-short.txt", big5Bytes("市長說明"), "市長說明"},
		{"big5-headline.txt", big5Bytes(trad), trad},
		{"gbk-short.txt", gb18030Bytes("市长说"), "市长说"},
		{"gbk.txt", gb18030Bytes(simp), simp},
		{"big5.html", big5Bytes(page("big5", trad)), trad},
		{"gb2312.html", gb18030Bytes(page("gb2312", simp)), simp},
		{"meta-charset.html", big5Bytes(`<meta charset="BIG5"><p>` + trad + `</p>`), trad},
		{"wrong-charset.html", big5Bytes(page("windows-1252", trad)), trad},
		{"wrong-utf8.html", gb18030Bytes(page("utf-8", simp)), simp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.name, tt.raw, Options{})
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if got := doc.Passages[0].Text; got != tt.want {
				t.Errorf("first passage %q, want %q", got, tt.want)
			}
		})
	}
}
