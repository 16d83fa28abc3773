package search

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrDamaged: the index on disk cannot be read (a segment file cut or
// missing, a broken root.bolt, index_meta.json or catalog). A writer that
// finds it moves the generation aside and starts an empty one; a reader
// tells the user to run `sessionsearch index`.
var ErrDamaged = errors.New("the index is damaged")

// damagedPrefix names a generation set aside because it could not be read.
// It does not start with genPrefix, so removeStale keeps it for a person to
// look at or delete.
const damagedPrefix = "damaged-"

// Damage describes a damaged generation that Open found and set aside. The
// index is then empty: the caller rebuilds it from the corpus.
type Damage struct {
	Dir     string // the index directory
	Reason  string // what could not be read
	MovedTo string // where the damaged generation is kept; empty if there was none
}

func (d *Damage) String() string {
	if d.MovedTo == "" {
		return fmt.Sprintf("the index in %s is damaged (%s)", d.Dir, d.Reason)
	}
	return fmt.Sprintf("the index in %s is damaged (%s); kept it as %s", d.Dir, d.Reason, d.MovedTo)
}

// Damaged reports the damage that Open found and set aside, or nil when
// the index opened cleanly.
func (x *Index) Damaged() *Damage { return x.damage }

// damagedf returns an ErrDamaged error for the generation at path.
func damagedf(path, format string, args ...any) error {
	return &Error{Kind: ErrDamaged, Msg: fmt.Sprintf("%s: %s", filepath.Base(path), fmt.Sprintf(format, args...))}
}

// precheck finds, before Bleve opens the generation at path, the damage
// that Bleve reports badly or not at all: bbolt panics on a cut root.bolt
// and silently starts over in an empty one. It returns "" when nothing is
// wrong.
func precheck(path string) string {
	if _, err := os.Stat(path); err != nil {
		return "its directory is missing"
	}
	b, err := os.ReadFile(filepath.Join(path, "index_meta.json"))
	if err != nil {
		return "index_meta.json is missing or unreadable"
	}
	if !json.Valid(b) {
		return "index_meta.json is cut or corrupt"
	}
	f, err := os.Open(filepath.Join(path, "store", "root.bolt"))
	if err != nil {
		return "store/root.bolt is missing or unreadable"
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "store/root.bolt is unreadable"
	}
	var head [8192]byte
	n, _ := f.ReadAt(head[:], 0)
	if want := boltSize(head[:n]); st.Size() < int64(want) {
		return fmt.Sprintf("store/root.bolt is cut (%d of %d bytes)", st.Size(), want)
	}
	return newestSegments(filepath.Join(path, "store"))
}

// newestSegments checks the segment files of the newest snapshot that
// root.bolt records. Bleve itself, when a segment of its newest snapshot
// is missing or cut, logs "unable to load snapshot …, continuing", opens an
// older snapshot whose files happen to be left, and later removes the newer
// one: documents indexed since are lost without a word. It returns "" when
// every file is there with a footer, or when root.bolt cannot be read here
// (another process holds it: it is then that process's to open).
func newestSegments(store string) string {
	db, err := bolt.Open(filepath.Join(store, "root.bolt"), 0o600, &bolt.Options{ReadOnly: true, Timeout: 200 * time.Millisecond})
	if err != nil {
		return ""
	}
	defer db.Close()
	var missing, cut string
	_ = db.View(func(tx *bolt.Tx) error {
		snapshots := tx.Bucket(scorchSnapshots)
		if snapshots == nil {
			return nil
		}
		k, _ := snapshots.Cursor().Last()
		if k == nil {
			return nil
		}
		snap := snapshots.Bucket(k)
		if snap == nil {
			return nil
		}
		return snap.ForEachBucket(func(seg []byte) error {
			if len(seg) == 0 || seg[0] == scorchInternal || seg[0] == scorchMeta {
				return nil
			}
			b := snap.Bucket(seg)
			if b == nil {
				return nil
			}
			name := filepath.Base(string(b.Get(scorchPath)))
			if name == "." || name == "" {
				return nil
			}
			if _, err := os.Stat(filepath.Join(store, name)); errors.Is(err, os.ErrNotExist) {
				missing = name
			} else if !zapFooterOK(filepath.Join(store, name)) {
				cut = name
			}
			return nil
		})
	})
	switch {
	case missing != "":
		return fmt.Sprintf("segment %s is missing", missing)
	case cut != "":
		return fmt.Sprintf("segment %s is cut or corrupt", cut)
	}
	return ""
}

// The keys of scorch's root.bolt (bleve/v2/util/keys.go): the bucket of
// snapshots; in a snapshot, the internal and meta buckets and, for each
// segment, a bucket whose path key names its file.
var (
	scorchSnapshots = []byte{'s'}
	scorchPath      = []byte{'p'}
)

const (
	scorchInternal = 'i'
	scorchMeta     = 'm'
)

// diagnose says what is wrong with the generation at path once Bleve has
// failed to open it: Bleve's own message for a missing or cut segment is
// about the mapping ("error parsing mapping JSON"), which tells a user
// nothing. It looks at the footers of the segment files and at the
// segment names that root.bolt refers to. (openGeneration has run
// precheck already: what it finds never reaches Bleve.)
func diagnose(path string, openErr error) string {
	store := filepath.Join(path, "store")
	zaps, _ := filepath.Glob(filepath.Join(store, "*.zap"))
	for _, z := range zaps {
		if !zapFooterOK(z) {
			return fmt.Sprintf("segment %s is cut or corrupt", filepath.Base(z))
		}
	}
	bolt, _ := os.ReadFile(filepath.Join(store, "root.bolt"))
	for _, name := range segmentNameRE.FindAllString(string(bolt), -1) {
		if _, err := os.Stat(filepath.Join(store, name)); errors.Is(err, os.ErrNotExist) {
			return fmt.Sprintf("segment %s is missing", name)
		}
	}
	msg, _, _ := strings.Cut(openErr.Error(), "\n")
	return msg
}

// boltSize is the least size of a bbolt file as its meta pages give it:
// the page size times the high-water page number, from whichever of the
// two meta pages is readable and larger (4 pages when neither is).
func boltSize(b []byte) int {
	want := 4 * 4096
	// A meta page: a 16-byte page header, then magic, version, page size
	// and flags (4 bytes each), the root bucket (16), the freelist page
	// and the high-water page number (8 each).
	const magic = 0xED0CDAED
	for _, off := range []int{0, 4096} {
		if len(b) < off+64 || binary.LittleEndian.Uint32(b[off+16:]) != magic {
			continue
		}
		pageSize := int(binary.LittleEndian.Uint32(b[off+24:]))
		pgid := binary.LittleEndian.Uint64(b[off+56:])
		if pageSize > 0 && pgid < 1<<32 {
			want = max(want, pageSize*int(pgid))
		}
	}
	return want
}

// segmentNameRE matches the names of scorch's segment files as they are
// written in root.bolt.
var segmentNameRE = regexp.MustCompile(`[0-9a-f]{12}\.zap`)

// zapFooterOK reports whether a zap segment file ends with a footer of a
// version Bleve writes: a file cut anywhere loses it. It is checked on the
// newest snapshot's segments before Bleve opens them (newestSegments), and
// on every segment file to name the culprit after Bleve has refused the
// index; a zap version beyond 17 would read as cut.
func zapFooterOK(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	// crc, id length, version, chunk mode and three 64-bit offsets.
	const footer = 4 + 4 + 4 + 4 + 8 + 8 + 8
	if err != nil || st.Size() < footer {
		return false
	}
	var tail [8]byte
	if _, err := f.ReadAt(tail[:], st.Size()-8); err != nil {
		return false
	}
	v := binary.BigEndian.Uint32(tail[:4])
	return v >= 11 && v <= 17
}

// setDamagedAside sets the named generations of x's directory aside and
// records the damage, found as err, for Damaged.
func (x *Index) setDamagedAside(err error, names ...string) error {
	var moved []string
	for _, name := range names {
		m, merr := setAside(x.dir, name)
		if merr != nil {
			return merr
		}
		if m != "" {
			moved = append(moved, m)
		}
	}
	x.damage = &Damage{Dir: x.dir, Reason: err.Error(), MovedTo: strings.Join(moved, ", ")}
	x.log.Warn("index damaged: set aside", "reason", err.Error(), "moved_to", moved)
	return nil
}

// setAside renames the generation dir/name to damagedPrefix+name and
// returns the new path, or "" when there was nothing to keep.
func setAside(dir, name string) (string, error) {
	from := filepath.Join(dir, name)
	if _, err := os.Stat(from); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	to := filepath.Join(dir, damagedPrefix+name)
	if _, err := os.Stat(to); err == nil {
		to = filepath.Join(dir, damagedPrefix+newGenName())
	}
	if err := os.Rename(from, to); err != nil {
		return "", fmt.Errorf("setting the damaged index aside: %w", err)
	}
	return to, nil
}
