package search

import (
	"encoding/binary"
	"errors"

	"sessionsearch/indexer"
)

// The stored blob of a passage: what a hit shows besides the document's
// catalog entry. Its document ID comes from the hit's ID and its date from
// the catalog, so neither is repeated here.
//
// The blob is binary: a version byte, then varint-prefixed strings and
// lists in a fixed order. JSON, even with one-letter names, took a quarter
// of the time of a top-10 search to decode (encoding/json validates the
// whole text before decoding it) for ten passages.
//
// Version 2 stores the text packed (packtext.go); version 1 as UTF-8.
const storedVersion = 2

func encodeStored(p *indexer.Passage) ([]byte, error) {
	b := make([]byte, 0, len(p.Text)+64)
	b = append(b, storedVersion)
	b = binary.AppendVarint(b, int64(p.N))
	b = appendString(b, string(p.Kind))
	b = appendPacked(b, p.Text)
	b = appendString(appendString(b, p.Speaker), p.SpeakerRole)
	b = binary.AppendUvarint(b, uint64(len(p.People)))
	for _, x := range p.People {
		b = appendString(appendString(appendString(b, x.Name), x.Affiliation), x.Role)
	}
	b = binary.AppendUvarint(b, uint64(len(p.Topics)))
	for _, t := range p.Topics {
		b = appendString(b, t)
	}
	b = binary.AppendUvarint(b, uint64(len(p.Sessions)))
	for _, x := range p.Sessions {
		b = appendString(appendString(appendString(b, x.Place), x.Level), x.Body)
		b = binary.AppendVarint(binary.AppendVarint(b, int64(x.Term)), int64(x.Number))
		b = appendString(b, x.Name)
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errStored = errors.New("truncated or unknown stored form")

// storedReader reads a blob; the first error sticks and later reads
// return zero values.
type storedReader struct {
	b   []byte
	err error
}

func (r *storedReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errStored
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *storedReader) varint() int {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errStored
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *storedReader) str() string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errStored
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// skip passes over a string.
func (r *storedReader) skip() {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errStored
		return
	}
	r.b = r.b[n:]
}

// count reads a list length, bounded by the bytes left (every element
// takes at least one), so that a corrupt blob cannot ask for a huge slice.
func (r *storedReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err = errStored
		return 0
	}
	return int(n)
}

// decodeStored reads a stored blob back; empty lists come back empty, not
// nil, since the API shows them as [] (never null).
func decodeStored(b []byte) (indexer.Passage, error) {
	var p indexer.Passage
	if _, err := readStored(b, &p, nil); err != nil {
		return indexer.Passage{}, err
	}
	return p, nil
}

// storedText appends the text of a stored blob to dst, as UTF-8, and
// checks the rest of the blob as decodeStored does, without keeping it:
// the text table reads every passage's text and nothing else, and
// decoding every field of each passage left the garbage of the speakers,
// people, topics and sessions of every passage of the corpus behind.
func storedText(dst, b []byte) ([]byte, error) {
	return readStored(b, nil, dst)
}

// readStored reads blob b whole. With p, it decodes every field into p;
// without, it appends the text to dst and passes over the other fields.
func readStored(b []byte, p *indexer.Passage, dst []byte) ([]byte, error) {
	if len(b) == 0 || b[0] < 1 || b[0] > storedVersion {
		return dst, errStored
	}
	r := &storedReader{b: b[1:]}
	keep := p != nil
	str := r.str
	if !keep {
		p = &indexer.Passage{}
		str = func() string { r.skip(); return "" }
	}
	p.N = r.varint()
	p.Kind = indexer.Kind(str())
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		return dst, errStored
	}
	text := r.b[:n]
	r.b = r.b[n:]
	var err error
	switch {
	case b[0] == 1 && keep:
		p.Text = string(text)
	case b[0] == 1:
		dst = append(dst, text...)
	case keep:
		p.Text, err = unpack(text)
	default:
		dst, err = appendUnpacked(dst, text)
	}
	if err != nil {
		return dst, errStored
	}
	p.Speaker, p.SpeakerRole = str(), str()
	people := r.count()
	if keep {
		p.People = make([]indexer.Person, people)
	}
	for i := range people {
		x := indexer.Person{Name: str(), Affiliation: str(), Role: str()}
		if keep {
			p.People[i] = x
		}
	}
	topics := r.count()
	if keep {
		p.Topics = make([]string, topics)
	}
	for i := range topics {
		if t := str(); keep {
			p.Topics[i] = t
		}
	}
	sessions := r.count()
	if keep {
		p.Sessions = make([]indexer.Session, sessions)
	}
	for i := range sessions {
		x := indexer.Session{Place: str(), Level: str(), Body: str()}
		x.Term, x.Number, x.Name = r.varint(), r.varint(), str()
		if keep {
			p.Sessions[i] = x
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errStored
	}
	return dst, r.err
}
