package search

import (
	"encoding/json"
	"reflect"
	"testing"

	"sessionsearch/indexer"
)

func TestCatalogBlob(t *testing.T) {
	docs := []*DocumentInfo{
		{ID: "a", Path: "2025/a.txt", Title: "市十六届人大五次会议隆重开幕", Date: "2025-02-15", Reporters: []string{"李雪峰"},
			MainSession: &indexer.Session{Place: "大同市", Level: "市", Body: "人大", Term: 16, Number: 5, Name: "大同市第十六届人民代表大会第五次会议"}, Passages: 12},
		{ID: "b", Path: "b.md", Title: "政府工作报告", Fields: map[string]string{"总理": "李强"}, Passages: 3},
	}
	blob, err := encodeCatalog(docs)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeCatalog(blob)
	if err != nil || !reflect.DeepEqual(got, docs) {
		t.Fatalf("decodeCatalog(encodeCatalog) = %+v, %v", got, err)
	}
	// The plain JSON blob of an older index is still read.
	plain, _ := json.Marshal(docs)
	if got, err := decodeCatalog(plain); err != nil || !reflect.DeepEqual(got, docs) {
		t.Errorf("plain JSON: %+v, %v", got, err)
	}
	// A cut blob is an error (loadCatalog then reads the records).
	if _, err := decodeCatalog(blob[:len(blob)/2]); err == nil {
		t.Error("a cut blob decoded without an error")
	}
}
