package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
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
	Size  int64
	Mtime int64  // UnixNano
	Hash  string // hex SHA-256 of the file's bytes (the catalog's hash also covers its metadata row)
	Taken int64  // UnixNano when the file was read
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

// fresh reports whether the file described by size and mtime still has
// the record's hash, by the record alone.
func (s fileStat) fresh(size, mtime int64) bool {
	return s.Hash != "" && s.Size == size && s.Mtime == mtime && s.Taken-s.Mtime >= int64(racyWindow)
}

// loadFileStats reads the records of an index; none when it has none or
// they cannot be read.
func loadFileStats(idx bleve.Index) map[string]fileStat {
	b, err := idx.GetInternal([]byte(fileStatKey))
	if err != nil {
		return map[string]fileStat{}
	}
	m, err := decodeFileStats(b)
	if err != nil {
		return map[string]fileStat{}
	}
	return m
}

// The records are binary (a version byte, a count, then per file its
// path, size, time, time read and the 32 bytes of its hash): as JSON they
// took 40 ms to read at 100 MB, a tenth of an update of one document.
const fileStatVersion = 1

func encodeFileStats(m map[string]fileStat) []byte {
	b := make([]byte, 0, 64*len(m)+8)
	b = append(b, fileStatVersion)
	b = binary.AppendUvarint(b, uint64(len(m)))
	for path, s := range m {
		b = appendString(b, path)
		b = binary.AppendVarint(b, s.Size)
		b = binary.AppendVarint(b, s.Mtime)
		b = binary.AppendVarint(b, s.Taken)
		h, err := hex.DecodeString(s.Hash)
		if err != nil || len(h) != sha256.Size {
			h = make([]byte, sha256.Size) // never equal to a real hash's hex
		}
		b = append(b, h...)
	}
	return b
}

var errFileStats = errors.New("unreadable file records")

func decodeFileStats(b []byte) (map[string]fileStat, error) {
	if len(b) == 0 {
		return map[string]fileStat{}, nil
	}
	if b[0] != fileStatVersion {
		return nil, errFileStats
	}
	r := storedReader{b: b[1:]}
	n := r.count()
	if r.err != nil {
		return nil, errFileStats
	}
	m := make(map[string]fileStat, n)
	zero := make([]byte, sha256.Size)
	for range n {
		path := r.str()
		s := fileStat{Size: int64(r.varint()), Mtime: int64(r.varint()), Taken: int64(r.varint())}
		if r.err != nil || len(r.b) < sha256.Size {
			return nil, errFileStats
		}
		if h := r.b[:sha256.Size]; !bytes.Equal(h, zero) {
			s.Hash = hex.EncodeToString(h)
		}
		r.b = r.b[sha256.Size:]
		m[path] = s
	}
	return m, nil
}
