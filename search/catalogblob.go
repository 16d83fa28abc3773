package search

import (
	"encoding/binary"
	"errors"
	"maps"
	"slices"

	"sessionsearch/indexer"
)

// The catalog blob in binary form: a version byte, a table of the
// strings that documents share, then every record, in the order of
// catalog.list, with its maps by key, so that the blob is deterministic.
//
//	version (catalogVersion)
//	uvarint strings, uvarint table bytes, the strings (appendString each)
//	uvarint records, then each record:
//	  ID Path Title Hash (appendString)
//	  Subtitles: uvarint n+1 (0: nil), appendString each
//	  Date Source Paper Page Site Place Level Speaker (table indexes)
//	  Reporters Photographers: uvarint n+1 (0: nil), table indexes
//	  Sessions: uvarint n+1 (0: nil), sessions
//	  MainSession: 0 (nil) or 1 and a session
//	  Fields, Provenance: uvarint n (0: nil), key and value indexes by key
//	  varint Passages
//	session: Place Level Body (table indexes), varint Term, varint Number, Name (table index)
//
// A value in the table is stored once and decoded once, and every record
// that has it shares the one string: places, levels, sources, papers,
// dates, names, sessions, custom fields and provenance. A document's own
// strings (ID, path, title, subtitles, hash) are written in place: with
// them in the table, its map held every document's strings and writing
// took three times as long (0.30 s at 45,507 documents, against 0.10 s).
//
// Label is not written: it is filled when a record is served
// (catalog.withLabel, on a copy); a catalog record never has one. Lists
// keep nil apart from empty, which the API shows as null and [], as the
// JSON form did; an empty map comes back nil, as with JSON's omitempty.
//
// The JSON form, gzipped, took 0.54 s to read and 0.35 s to write at
// 45,507 documents (300 MB), most of an update of one document. In
// BenchmarkCatalogBlob (45,507 records made from real ones; medians of
// seven runs on a loaded two-core machine) it takes 0.83 s to read and
// 0.47 s to write, the binary form 0.13 s and 0.10 s. The binary form is
// not compressed: gzip (BestSpeed) made it 4.8 MB instead of 14.6 MB
// (9.1 MB for the gzipped JSON) but added 0.28 s to writing and 0.18 s to
// reading, the time this form is for. At 100 MB (15,258 documents) the
// blob is 4.6 MB (2.8 MB as gzipped JSON), and a one-document update
// took 0.60 s instead of 1.06 s (medians of seven, `sessionsearch index`).
const catalogVersion = 1 // never 0x1f (gzip) nor '[', 'n' or white space (JSON)

var errCatalog = errors.New("truncated or corrupt catalog blob")

// catalogWriter collects the table and the records apart: the table,
// which comes first, is complete only after the last record.
type catalogWriter struct {
	index map[string]uint64
	table []byte
	recs  []byte
	keys  []string // scratch for sorting a map's keys
}

func encodeCatalog(docs []*DocumentInfo) []byte {
	// Sized ahead: grown by append, the records' buffer was copied and
	// cleared in steps that took half the time of writing.
	size := binary.MaxVarintLen64
	for _, d := range docs {
		size += 64 + len(d.ID) + len(d.Path) + len(d.Title) + len(d.Hash) + 8*len(d.Sessions) +
			2*(len(d.Reporters)+len(d.Photographers)+len(d.Fields)+len(d.Provenance))
		for _, s := range d.Subtitles {
			size += binary.MaxVarintLen16 + len(s)
		}
	}
	w := &catalogWriter{index: map[string]uint64{}, recs: binary.AppendUvarint(make([]byte, 0, size), uint64(len(docs)))}
	for _, d := range docs {
		w.record(d)
	}
	b := make([]byte, 0, 1+2*binary.MaxVarintLen64+len(w.table)+len(w.recs))
	b = append(b, catalogVersion)
	b = binary.AppendUvarint(b, uint64(len(w.index)))
	b = binary.AppendUvarint(b, uint64(len(w.table)))
	b = append(b, w.table...)
	return append(b, w.recs...)
}

// shared writes s as its index in the table.
func (w *catalogWriter) shared(s string) {
	i, ok := w.index[s]
	if !ok {
		i = uint64(len(w.index))
		w.index[s] = i
		w.table = appendString(w.table, s)
	}
	w.recs = binary.AppendUvarint(w.recs, i)
}

func (w *catalogWriter) record(d *DocumentInfo) {
	for _, s := range [...]string{d.ID, d.Path, d.Title, d.Hash} {
		w.recs = appendString(w.recs, s)
	}
	w.listLen(d.Subtitles == nil, len(d.Subtitles))
	for _, s := range d.Subtitles {
		w.recs = appendString(w.recs, s)
	}
	for _, s := range [...]string{d.Date, d.Source, d.Paper, d.Page, d.Site, d.Place, d.Level, d.Speaker} {
		w.shared(s)
	}
	for _, l := range [...][]string{d.Reporters, d.Photographers} {
		w.listLen(l == nil, len(l))
		for _, s := range l {
			w.shared(s)
		}
	}
	w.listLen(d.Sessions == nil, len(d.Sessions))
	for _, s := range d.Sessions {
		w.session(s)
	}
	if d.MainSession == nil {
		w.recs = append(w.recs, 0)
	} else {
		w.recs = append(w.recs, 1)
		w.session(*d.MainSession)
	}
	w.dict(d.Fields)
	w.dict(d.Provenance)
	w.recs = binary.AppendVarint(w.recs, int64(d.Passages))
}

// listLen writes a list's length plus one, 0 for a nil list.
func (w *catalogWriter) listLen(isNil bool, n int) {
	if isNil {
		w.recs = append(w.recs, 0)
		return
	}
	w.recs = binary.AppendUvarint(w.recs, uint64(n)+1)
}

func (w *catalogWriter) session(s indexer.Session) {
	w.shared(s.Place)
	w.shared(s.Level)
	w.shared(s.Body)
	w.recs = binary.AppendVarint(binary.AppendVarint(w.recs, int64(s.Term)), int64(s.Number))
	w.shared(s.Name)
}

func (w *catalogWriter) dict(m map[string]string) {
	w.recs = binary.AppendUvarint(w.recs, uint64(len(m)))
	w.keys = slices.AppendSeq(w.keys[:0], maps.Keys(m))
	slices.Sort(w.keys)
	for _, k := range w.keys {
		w.shared(k)
		w.shared(m[k])
	}
}

// catalogReader reads the records; its strings are the table's.
type catalogReader struct {
	storedReader
	table []string
	dicts dictTable
}

// The fewest bytes a record and a session take: a byte for each string,
// list, map and number.
const minRecord, minSession = 20, 6

func decodeCatalogBinary(b []byte) ([]*DocumentInfo, error) {
	if len(b) == 0 || b[0] != catalogVersion {
		return nil, errCatalog
	}
	r := &catalogReader{storedReader: storedReader{b: b[1:]}, dicts: dictTable{}}
	n := r.uvarint()
	size := r.bound(r.uvarint(), 1)
	if r.err != nil || n > uint64(size) { // a string takes at least its length's byte
		return nil, errCatalog
	}
	// One allocation for all the strings: each is a part of it.
	all := string(r.b[:size])
	t := storedReader{b: r.b[:size]}
	r.b = r.b[size:]
	r.table = make([]string, n)
	for i := range r.table {
		l := t.uvarint()
		if t.err != nil || l > uint64(len(t.b)) {
			return nil, errCatalog
		}
		at := size - len(t.b)
		r.table[i] = all[at : at+int(l)]
		t.b = t.b[l:]
	}
	if len(t.b) != 0 {
		return nil, errCatalog
	}
	docs := make([]*DocumentInfo, r.bound(r.uvarint(), minRecord))
	for i := range docs {
		docs[i] = r.record()
		if r.err != nil {
			return nil, errCatalog
		}
	}
	if r.err != nil || len(r.b) != 0 {
		return nil, errCatalog
	}
	return docs, nil
}

// bound checks a count read from the blob against the bytes left, each
// of the n things counted taking at least size bytes, so that a corrupt
// blob cannot ask for a huge allocation.
func (r *catalogReader) bound(n uint64, size int) int {
	if r.err == nil && n > uint64(len(r.b)/size) {
		r.err = errCatalog
	}
	if r.err != nil {
		return 0
	}
	return int(n)
}

// shared reads a string of the table.
func (r *catalogReader) shared() string {
	i := r.uvarint()
	if i >= uint64(len(r.table)) {
		r.err = errCatalog
		return ""
	}
	return r.table[i]
}

func (r *catalogReader) record() *DocumentInfo {
	d := &DocumentInfo{ID: r.str(), Path: r.str(), Title: r.str(), Hash: r.str()}
	d.Subtitles = r.list(r.str)
	d.Date, d.Source, d.Paper, d.Page = r.shared(), r.shared(), r.shared(), r.shared()
	d.Site, d.Place, d.Level, d.Speaker = r.shared(), r.shared(), r.shared(), r.shared()
	d.Reporters, d.Photographers = r.list(r.shared), r.list(r.shared)
	if n := r.uvarint(); n > 0 {
		d.Sessions = make([]indexer.Session, r.bound(n-1, minSession))
		for i := range d.Sessions {
			d.Sessions[i] = r.session()
		}
	}
	switch r.uvarint() {
	case 0:
	case 1:
		s := r.session()
		d.MainSession = &s
	default:
		r.err = errCatalog
	}
	d.Fields, d.Provenance = r.dicts.intern(r.dict()), r.dicts.intern(r.dict())
	d.Passages = r.varint()
	return d
}

// list reads what catalogWriter.listLen and the strings wrote.
func (r *catalogReader) list(str func() string) []string {
	n := r.uvarint()
	if n == 0 {
		return nil
	}
	l := make([]string, r.bound(n-1, 1))
	for i := range l {
		l[i] = str()
	}
	return l
}

func (r *catalogReader) session() indexer.Session {
	s := indexer.Session{Place: r.shared(), Level: r.shared(), Body: r.shared()}
	s.Term, s.Number, s.Name = r.varint(), r.varint(), r.shared()
	return s
}

func (r *catalogReader) dict() map[string]string {
	n := r.bound(r.uvarint(), 2)
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n)
	for range n {
		k := r.shared()
		m[k] = r.shared()
	}
	return m
}
