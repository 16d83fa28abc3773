package search

import (
	"reflect"
	"testing"

	"sessionsearch/indexer"
)

func TestStoredFormRoundTrip(t *testing.T) {
	full := indexer.Passage{
		N: 7, Kind: indexer.KindBody, Text: "丁国华说，要发展。", Speaker: "丁国华", SpeakerRole: "主任",
		People:   []indexer.Person{{Name: "丁国华", Affiliation: "市人大", Role: "主任"}},
		Topics:   []string{"算力"},
		Sessions: []indexer.Session{{Place: "大同市", Level: "市", Body: "人大", Term: 16, Number: 5, Name: "大同市第十六届人民代表大会第五次会议"}},
	}
	bare := indexer.Passage{N: 1, Text: "标题", People: []indexer.Person{}, Topics: []string{}, Sessions: []indexer.Session{}}
	for _, p := range []indexer.Passage{full, bare} {
		b, err := encodeStored(&p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeStored(b)
		if err != nil || !reflect.DeepEqual(got, p) {
			t.Errorf("round trip of %+v via %s: %+v, %v", p, b, got, err)
		}
	}
	// Every cut of a blob is an error, never a panic or a wrong passage.
	b, _ := encodeStored(&full)
	for n := range len(b) {
		if _, err := decodeStored(b[:n]); err == nil {
			t.Errorf("a blob cut to %d of %d bytes decoded without error", n, len(b))
		}
	}
	if _, err := decodeStored(append(b, 0)); err == nil {
		t.Error("a blob with a trailing byte decoded without error")
	}
}

func FuzzDecodeStored(f *testing.F) {
	b, _ := encodeStored(&indexer.Passage{N: 3, Text: "发展", Topics: []string{"a"}})
	f.Add(b)
	f.Add([]byte{1, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodeStored(b)
		if err != nil {
			return
		}
		again, _ := encodeStored(&p)
		if q, err := decodeStored(again); err != nil || !reflect.DeepEqual(p, q) {
			t.Errorf("decode(encode(%+v)) = %+v, %v", p, q, err)
		}
	})
}
