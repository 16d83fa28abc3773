package indexer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpusFiles are the files the tables below may name.
var corpusFiles = map[string]bool{
	"2024年中华人民共和国国务院政府工作报告.txt":               true,
	"2023年中华人民共和国国务院政府工作报告.txt":               true,
	"datong/2025-02-15 大同日报 市十六届人大五次会议开幕.txt": true,
	"shanghai/开幕.md": true,
	"中共二十大报告.txt":    true,
}

func exists(rel string) bool { return corpusFiles[rel] }

func TestReadMetadata(t *testing.T) {
	tests := []struct {
		name  string
		comma rune
		raw   []byte
		rows  map[string]*Row
		warns []string
	}{{
		name: "English headers, every known column and a custom one",
		raw: []byte("path,title,date,place,level,session,speaker,source,总理\n" +
			"2024年中华人民共和国国务院政府工作报告.txt,政府工作报告,2024-03-05,,全国,十四届全国人大二次会议,李强,新华社,李强\n"),
		rows: map[string]*Row{"2024年中华人民共和国国务院政府工作报告.txt": {
			Line: 2, Title: "政府工作报告", Date: "2024-03-05", Level: "全国", Session: "十四届全国人大二次会议",
			Speakers: []string{"李强"}, Source: "新华社", Fields: map[string]string{"总理": "李强"},
		}},
	}, {
		name: "Chinese headers, a BOM as Excel writes it, CRLF, empty cells",
		raw: []byte("\ufeff文件,标题,日期,地点,级别,会议,发言人,来源,届次\r\n" +
			"datong/2025-02-15 大同日报 市十六届人大五次会议开幕.txt,,2025年2月15日,大同市,市,,,,十六届\r\n"),
		rows: map[string]*Row{"datong/2025-02-15 大同日报 市十六届人大五次会议开幕.txt": {
			Line: 2, Date: "2025-02-15", Place: "大同市", Level: "市", Fields: map[string]string{"届次": "十六届"},
		}},
	}, {
		name: "GB18030, as a spreadsheet saves CSV on a Chinese Windows",
		raw: gb18030Bytes("path,title,date\n" +
			"2023年中华人民共和国国务院政府工作报告.txt,政府工作报告,2023\n"),
		rows: map[string]*Row{"2023年中华人民共和国国务院政府工作报告.txt": {Line: 2, Title: "政府工作报告", Date: "2023"}},
	}, {
		name: "RFC 4180 quoting: commas, quotes and a line break inside cells",
		raw: []byte("path,title,speakers,备注\n" +
			"\"shanghai/开幕.md\",\"上海市第十六届人民代表大会第三次会议开幕\",\"龚正；陈吉宁、 黄莉新\",\"“两会”，\"\"专题\"\"\n第二行\"\n"),
		rows: map[string]*Row{"shanghai/开幕.md": {
			Line: 2, Title: "上海市第十六届人民代表大会第三次会议开幕", Speakers: []string{"龚正", "陈吉宁", "黄莉新"},
			Fields: map[string]string{"备注": "“两会”，\"专题\"\n第二行"},
		}},
	}, {
		name:  "TSV with the file column and a spaced signature name",
		comma: '\t',
		raw:   []byte("file\tspeaker\tdate\n2024年中华人民共和国国务院政府工作报告.txt\t李　强\t2024/3/5\n"),
		rows: map[string]*Row{"2024年中华人民共和国国务院政府工作报告.txt": {
			Line: 2, Speakers: []string{"李强"}, Date: "2024-03-05",
		}},
	}, {
		name: "each kind of bad row is one warning, the rest is read",
		raw: []byte("path,date,session,level\n" +
			"2024年中华人民共和国国务院政府工作报告.txt,2024-03-05,,\n" +
			"2025年政府工作报告.txt,2025-03-05,,\n" +
			"2023年中华人民共和国国务院政府工作报告.txt,2024/13/45,,\n" +
			"datong/2025-02-15 大同日报 市十六届人大五次会议开幕.txt,,第五次全体会议,\n" +
			"shanghai/开幕.md,2024-01-23\n" +
			"2024年中华人民共和国国务院政府工作报告.txt,2024,,\n" +
			"中共二十大报告.txt,,,中央\n" +
			"../outside.txt,,,\n" +
			"\n" +
			",,,\n"),
		rows: map[string]*Row{"2024年中华人民共和国国务院政府工作报告.txt": {Line: 2, Date: "2024-03-05"}},
		warns: []string{
			"t.csv:3: 2025年政府工作报告.txt names no corpus file; the row is ignored",
			"t.csv:4: 2024/13/45 is not a date (YYYY-MM-DD, YYYY-MM, YYYY, 2024年3月5日 or 2024/3/5); the row is ignored",
			"t.csv:5: 第五次全体会议 is not a session the indexer can read (write it as 十四届全国人大二次会议 or 第十四届全国人民代表大会第二次会议); the row is ignored",
			"t.csv:6: 2 cells, but the header has 4; the row is ignored",
			"t.csv:7: 2024年中华人民共和国国务院政府工作报告.txt is given again (first on line 2); the row is ignored",
			"t.csv:8: 中央 is not a level (全国, 省, 市, 县 or 区); the row is ignored",
			`t.csv:9: "../outside.txt" is not a path inside the corpus; the row is ignored`,
		},
	}, {
		name: "a bare quote breaks one row only",
		raw: []byte("path,title\n" +
			"shanghai/开幕.md,他说\"好\"\n" +
			"中共二十大报告.txt,高举中国特色社会主义伟大旗帜\n"),
		rows: map[string]*Row{"中共二十大报告.txt": {Line: 3, Title: "高举中国特色社会主义伟大旗帜"}},
		warns: []string{
			`t.csv:2: bare " in non-quoted-field; the row is ignored`,
		},
	}, {
		name: "paths are brought to the form the corpus scan gives",
		raw:  []byte("path,title\n./datong//2025-02-15 大同日报 市十六届人大五次会议开幕.txt ,开幕\nshanghai\\开幕.md,沪\n"),
		rows: map[string]*Row{
			"datong/2025-02-15 大同日报 市十六届人大五次会议开幕.txt": {Line: 2, Title: "开幕"},
			"shanghai/开幕.md": {Line: 3, Title: "沪"},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			comma := tt.comma
			if comma == 0 {
				comma = ','
			}
			m, warns := ReadMetadata("t.csv", tt.raw, comma, exists)
			if m == nil {
				t.Fatalf("ReadMetadata = nil, %v", warns)
			}
			if diff := cmp.Diff(tt.rows, m.rows); diff != "" {
				t.Errorf("rows (-want +got):\n%s", diff)
			}
			var got []string
			for _, w := range warns {
				got = append(got, w.String())
			}
			if diff := cmp.Diff(tt.warns, got); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestReadMetadataUnreadable: a table that cannot be read at all is one
// warning and no table.
func TestReadMetadataUnreadable(t *testing.T) {
	tests := []struct {
		name, raw, warn string
	}{
		{"empty", "", "t.csv: cannot be read: empty file"},
		{"no path column", "标题,日期\n政府工作报告,2024\n", "t.csv:1: cannot be read: no path column (path, file or 文件) names the files"},
		{"a column given twice", "path,date,日期\na.txt,2024,2025\n", "t.csv:1: columns 2 and 3 both give date; keep one"},
		{"binary", "\x00\x01\x02path", "t.csv: cannot be read: binary file (control characters)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, warns := ReadMetadata("t.csv", []byte(tt.raw), ',', exists)
			if m != nil || len(warns) != 1 || warns[0].String() != tt.warn {
				t.Errorf("ReadMetadata(%q) = %v, %v; want nil, [%s]", tt.raw, m, warns, tt.warn)
			}
		})
	}
}

func TestTableDate(t *testing.T) {
	good := map[string]string{
		"2024-03-05": "2024-03-05", "2024-3-5": "2024-03-05", "2024/3/5": "2024-03-05", "2024.03.05": "2024-03-05",
		"2024年3月5日": "2024-03-05", " 2024年03月05日 ": "2024-03-05", "2024-03": "2024-03", "2024年3月": "2024-03",
		"2024/3": "2024-03", "2024": "2024", "2024年": "2024", "1954-09-23": "1954-09-23", "2024-02-29": "2024-02-29",
	}
	for in, want := range good {
		if got, ok := TableDate(in); !ok || got != want {
			t.Errorf("TableDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "2024/13/45", "2023-02-29", "2024-00", "2024-3-0", "24-3-5", "二〇二四年", "2024-03-05 10:30", "3月5日", "2024-03-05-01", "20240305", "abcd"} {
		if got, ok := TableDate(in); ok {
			t.Errorf("TableDate(%q) = %q, want not a date", in, got)
		}
	}
}

// writeCorpus writes files (path -> content) under a new folder.
func writeCorpus(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for rel, body := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestLoadMetadata(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("none", func(t *testing.T) {
		root := writeCorpus(t, map[string]string{"a.txt": string(seed)})
		if m, warns := LoadMetadata(root); m != nil || warns != nil {
			t.Errorf("LoadMetadata without a table = %v, %v", m, warns)
		}
	})
	t.Run("both: the CSV wins", func(t *testing.T) {
		root := writeCorpus(t, map[string]string{
			"a.txt": string(seed), "metadata.csv": "path,title\na.txt,从CSV\n", "metadata.tsv": "path\ttitle\na.txt\t从TSV\n",
		})
		m, warns := LoadMetadata(root)
		if m.Row("a.txt") == nil || m.Row("a.txt").Title != "从CSV" {
			t.Errorf("row = %+v, want the CSV's", m.Row("a.txt"))
		}
		want := filepath.Join(root, "metadata.tsv") + ": ignored: " + filepath.Join(root, "metadata.csv") + " is read instead; keep one of them"
		if len(warns) != 1 || warns[0].String() != want {
			t.Errorf("warnings = %v, want [%s]", warns, want)
		}
	})
	t.Run("TSV", func(t *testing.T) {
		root := writeCorpus(t, map[string]string{"a.txt": string(seed), "metadata.tsv": "path\ttitle\na.txt\t从TSV\nb.txt\t无\n"})
		m, warns := LoadMetadata(root)
		if m.Row("a.txt") == nil || m.Row("a.txt").Title != "从TSV" || m.Len() != 1 {
			t.Errorf("rows = %+v", m.rows)
		}
		if len(warns) != 1 || !strings.Contains(warns[0].String(), "metadata.tsv:3: b.txt names no corpus file") {
			t.Errorf("warnings = %v", warns)
		}
	})
}

// TestParseWithMetadata: the row's cells override what is inferred, each
// with the provenance "table"; empty cells leave the inferred values.
func TestParseWithMetadata(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := Parse("seed.txt", seed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if plain.Date != "2025-02-15" || plain.Provenance["date"] != SourceText || plain.Provenance["session"] != SourceText {
		t.Fatalf("without a table: date %q provenance %v", plain.Date, plain.Provenance)
	}
	table := "path,title,date,place,session,speaker,总理,届次\n" +
		"seed.txt,大同市政府工作报告,2025年2月,大同市,市十六届人大五次会议,刘俊义,,十六届\n"
	m, warns := ReadMetadata("metadata.csv", []byte(table), ',', func(string) bool { return true })
	if len(warns) > 0 {
		t.Fatal(warns)
	}
	doc, err := Parse("seed.txt", seed, Options{Metadata: m})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{
		"title": doc.Title, "date": doc.Date, "place": doc.Place, "session": doc.MainSession.Name,
		"speaker": doc.Speaker, "fields": doc.Fields, "source": doc.Source,
	}
	want := map[string]any{
		"title": "大同市政府工作报告", "date": "2025-02", "place": "大同市", "session": "大同市十六届人大五次会议",
		"speaker": "刘俊义", "fields": map[string]string{"届次": "十六届"}, "source": plain.Source,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse with a table (-want +got):\n%s", diff)
	}
	for _, f := range []string{"title", "date", "place", "session", "speaker"} {
		if doc.Provenance[f] != SourceTable {
			t.Errorf("provenance of %s = %q, want table", f, doc.Provenance[f])
		}
	}
	if doc.Provenance["source"] != SourceText {
		t.Errorf("provenance of source = %q, want text (its cell is empty)", doc.Provenance["source"])
	}
	// The table's speaker speaks the passages that report no one else.
	spoken := 0
	for _, p := range doc.Passages {
		if p.Speaker == "刘俊义" {
			spoken++
		}
	}
	plainSpoken := 0
	for _, p := range plain.Passages {
		if p.Speaker == "刘俊义" {
			plainSpoken++
		}
	}
	if spoken < plainSpoken {
		t.Errorf("%d passages spoken by 刘俊义 with the table, %d without", spoken, plainSpoken)
	}
	if doc.Hash == plain.Hash {
		t.Error("the row does not change the document's hash: a changed row would not be re-indexed")
	}
	if h := ContentHash("other.txt", seed, Options{Metadata: m}); h != plain.Hash {
		t.Errorf("a file without a row hashes as %s, want its bytes' hash %s", h, plain.Hash)
	}
}

// TestFrontMatterProvenance: what the front matter gives is "front
// matter", what the text gives is "text".
func TestFrontMatterProvenance(t *testing.T) {
	md := "---\ntitle: 报告\ndate: 2024-03-05\nsession: 十四届全国人大二次会议\n---\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n"
	doc, err := Parse("r.md", []byte(md), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"title": SourceFrontMatter, "date": SourceFrontMatter, "session": SourceFrontMatter}
	for f, w := range want {
		if doc.Provenance[f] != w {
			t.Errorf("provenance of %s = %q, want %q (all: %v)", f, doc.Provenance[f], w, doc.Provenance)
		}
	}
}

// TestTablePlace: a table place is named as the gazetteer names it, with
// its level unless the table gives one; a national level clears the place.
func TestTablePlace(t *testing.T) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		place, level         string
		wantPlace, wantLevel string
		placeFrom, levelFrom string
	}{
		{"上海", "", "上海市", "市", SourceTable, SourceTable},
		{"天镇县", "", "天镇县", "县", SourceTable, SourceTable},
		{"和田市", "", "和田市", "县", SourceTable, SourceTable},
		{"雁北地区", "", "雁北地区", "市", SourceTable, SourceTable}, // a former division, by its suffix
		{"雁北", "", "雁北", "", SourceTable, ""},               // no suffix: no level, not the seed's 市
		{"大同市", "县", "大同市", "县", SourceTable, SourceTable},
		{"", "全国", "", "全国", SourceTable, SourceTable},
	}
	for _, tt := range tests {
		table := "path,place,level\nseed.txt," + tt.place + "," + tt.level + "\n"
		m, warns := ReadMetadata("metadata.csv", []byte(table), ',', func(string) bool { return true })
		if len(warns) > 0 {
			t.Fatal(warns)
		}
		doc, err := Parse("seed.txt", seed, Options{Metadata: m})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Place != tt.wantPlace || doc.Level != tt.wantLevel || doc.Provenance["place"] != tt.placeFrom || doc.Provenance["level"] != tt.levelFrom {
			t.Errorf("place %q level %q: got %q %q (from %q, %q), want %q %q", tt.place, tt.level,
				doc.Place, doc.Level, doc.Provenance["place"], doc.Provenance["level"], tt.wantPlace, tt.wantLevel)
		}
	}
}
