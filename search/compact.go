package search

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Bleve writes a generation's internal values (the meta, the catalog, the
// files' records) into every snapshot it persists, in root.bolt. bbolt
// never gives a freed page back to the file system, and grows the file 16
// MiB at a time. The catalog is rewritten by each persist after the batch
// that set it (the force merge at the end of a bulk load persists several
// snapshots), so the file keeps room for a few copies of it: after
// indexing the 100 MB benchmark corpus, root.bolt was 34.8 MB, of which 6.0
// MB in use; at 300 MB, 87.7 MB. A closed generation whose root.bolt is
// largely unused is rewritten without the unused part.

// compactMinFree is the unused space below which root.bolt is left as it is:
// the rewrite is not worth its fsyncs for less.
var compactMinFree int64 = 1 << 20 // a variable for the tests

// compactStore rewrites the root.bolt of the closed generation at path
// without its unused pages, when they are at least compactMinFree and a
// quarter of the file. The copy is written beside it, synced and renamed
// over it, so a crash at any point leaves one whole file. It returns the
// file's size before and after (equal when it was left as it was).
func compactStore(path string) (before, after int64, err error) {
	p := filepath.Join(path, "store", "root.bolt")
	tmp := p + ".compact"
	os.Remove(tmp) // left by a crash during an earlier rewrite
	fi, err := os.Stat(p)
	if err != nil {
		return 0, 0, err
	}
	before = fi.Size()
	src, err := bolt.Open(p, 0o600, &bolt.Options{Timeout: 500 * time.Millisecond})
	if err != nil {
		return before, before, fmt.Errorf("opening %s: %w", p, err)
	}
	defer src.Close()
	// Unused are the free pages and the file's tail beyond the pages
	// bbolt has used, which it allocates 16 MiB at a time.
	var used int64
	if err := src.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil }); err != nil {
		return before, before, err
	}
	free := before - used + int64(src.Stats().FreePageN)*int64(src.Info().PageSize)
	if free < compactMinFree || free*4 < before {
		return before, before, nil
	}
	dst, err := bolt.Open(tmp, 0o600, nil)
	if err != nil {
		return before, before, fmt.Errorf("creating %s: %w", tmp, err)
	}
	// Compact commits, and so syncs, the copy.
	err = bolt.Compact(dst, src, 0)
	var copied int64 // the pages the copy uses
	if err == nil {
		err = dst.View(func(tx *bolt.Tx) error { copied = tx.Size(); return nil })
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	// bbolt grows a file in steps that double up to 1 GiB (6 MB in use
	// made an 8 MB file): the copy is cut to the pages in use, and bbolt
	// grows it again when it needs to.
	if err == nil {
		err = truncateSync(tmp, copied)
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
		return before, before, fmt.Errorf("compacting %s: %w", p, err)
	}
	if fi, err := os.Stat(p); err == nil {
		after = fi.Size()
	}
	return before, after, syncDir(filepath.Dir(p))
}

// compact compacts the closed generation at path, logging what it did. A
// failure only leaves the file larger than it need be, so it is logged,
// not returned.
func (x *Index) compact(path string) {
	before, after, err := compactStore(path)
	switch {
	case err != nil:
		x.log.Warn("compacting the index's root.bolt", "err", err)
	case after != before:
		x.log.Info("compacted root.bolt", "generation", filepath.Base(path), "before", before, "after", after)
	}
}

// truncateSync cuts the file at path to n bytes and syncs it.
func truncateSync(path string, n int64) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Truncate(n)
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
