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
	if b, _ := encodeStored(&indexer.Passage{N: 1, Text: "标题"}); string(b) != `{"n":1,"x":"标题"}` {
		t.Errorf("a bare passage is stored as %s", b)
	}
}
