package search

import (
	"encoding/binary"
	"reflect"
	"testing"

	"sessionsearch/indexer"
)

func packRoundTrip(t *testing.T, s string) []byte {
	t.Helper()
	b := appendPacked([]byte{0xAA}, s)
	if b[0] != 0xAA {
		t.Fatalf("appendPacked overwrote what was before it")
	}
	n, k := binary.Uvarint(b[1:])
	if k <= 0 || int(n) != len(b)-1-k {
		t.Fatalf("%q: length prefix %d, body of %d bytes", s, n, len(b)-1-k)
	}
	got, err := unpack(b[1+k:])
	if err != nil || got != s {
		t.Fatalf("unpack(pack(%q)) = %q, %v", s, got, err)
	}
	return b[1+k:]
}

func TestPackText(t *testing.T) {
	for _, c := range []struct {
		s    string
		size int // of the packed body
	}{
		{"", 0},
		{"GDP 5.2%", 8},
		{"算力之城", 8},
		{"丁国华说，要发展。", 18},                     // full-width punctuation in two bytes too
		{"“十四五”规划——", 18},                     // general punctuation: quotes, dashes
		{"面积约120㎡，①②", 17},                    // CJK compatibility, enclosed numbers
		{"𠀀字", 1 + 4 + 2},                     // Extension B: escaped UTF-8
		{"表情😀", 4 + 1 + 4},                    // no page: escaped
		{"\uFFFD", 2},                         // a real replacement character
		{"a\xffb\xe4\xb8", 1 + 2 + 1 + 2 + 2}, // invalid UTF-8, byte by byte
		{"Ωжé·×", 10},
	} {
		if body := packRoundTrip(t, c.s); len(body) != c.size {
			t.Errorf("%q packed to %d bytes, want %d", c.s, len(body), c.size)
		}
	}
	for _, bad := range [][]byte{{0x80}, {0xFE}, {0xFF}, {0xFF, 0xE4, 0xB8}, {0xFD, 0x00}, {0xFC, 0x41}} {
		if s, err := unpack(bad); err == nil {
			t.Errorf("unpack(% x) = %q without an error", bad, s)
		}
	}
}

// TestPackTextOnTheSeed measures the form on the seed document: Chinese
// prose packs to about two thirds of its UTF-8.
func TestPackTextOnTheSeed(t *testing.T) {
	d := parseSeed(t)
	var text, packed int
	for _, p := range d.Passages {
		text += len(p.Text)
		packed += len(packRoundTrip(t, p.Text))
	}
	if ratio := float64(packed) / float64(text); ratio > 0.70 {
		t.Errorf("the seed's passages packed to %.2f of their UTF-8 (%d of %d bytes), want at most 0.70", ratio, packed, text)
	}
}

// A blob of the first version, with the text as UTF-8, still decodes.
func TestStoredFormVersion1(t *testing.T) {
	b := []byte{1}
	b = binary.AppendVarint(b, 4)
	for _, s := range []string{"body", "要发展。", "丁国华", "主任"} {
		b = appendString(b, s)
	}
	b = append(b, 0, 0, 0)
	got, err := decodeStored(b)
	want := indexer.Passage{N: 4, Kind: "body", Text: "要发展。", Speaker: "丁国华", SpeakerRole: "主任",
		People: []indexer.Person{}, Topics: []string{}, Sessions: []indexer.Session{}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("a version 1 blob: %+v, %v", got, err)
	}
	sameText(t, b)
}

func FuzzPackText(f *testing.F) {
	for _, s := range []string{"", "算力之城", "a\xffb", "𠀀😀", "，。“”"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		packRoundTrip(t, s)
	})
}
