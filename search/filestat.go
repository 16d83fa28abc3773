package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// An update compares every corpus file's content hash with the catalog's.
// Reading and hashing 100 MB of files took most of the time of an update
// that changed one document, so each file's size and modification time are
// kept with the hash they had: a file whose size and time are unchanged is
// not read again. The record only maps a (size, time) to a hash; the
// catalog still decides, so a stale record costs a read, never a missed
// change.

const fileStatKey = "filestat"

// fileStat is what a file looked like when its hash was taken.
type fileStat struct {
	Size  int64  `json:"s"`
	Mtime int64  `json:"m"` // UnixNano
	Hash  string `json:"h"`
	Taken int64  `json:"t"` // UnixNano when the file was read
}

// racyWindow: a file read less than this after its modification time may
// be written again within the same timestamp, so its record is not
// trusted (the problem Git calls "racily clean").
const racyWindow = 2 * time.Second

// statOf returns the size and modification time of the corpus file rel.
func statOf(corpus, rel string) (size, mtime int64, ok bool) {
	st, err := os.Stat(filepath.Join(corpus, filepath.FromSlash(rel)))
	if err != nil {
		return 0, 0, false
	}
	return st.Size(), st.ModTime().UnixNano(), true
}

// unchanged reports whether the file described by size and mtime still has
// the content hash want, by its record alone.
func (s fileStat) unchanged(size, mtime int64, want string) bool {
	return s.Hash != "" && s.Hash == want && s.Size == size && s.Mtime == mtime &&
		s.Taken-s.Mtime >= int64(racyWindow)
}

// loadFileStats reads the records of an index; none when it has none or
// they cannot be read.
func loadFileStats(idx bleve.Index) map[string]fileStat {
	m := map[string]fileStat{}
	if b, err := idx.GetInternal([]byte(fileStatKey)); err == nil && len(b) > 0 {
		if json.Unmarshal(b, &m) != nil {
			m = map[string]fileStat{}
		}
	}
	return m
}
