package search

import (
	"encoding/binary"
	"errors"
	"unicode/utf8"
)

// A passage's text is stored packed: two bytes for a Chinese character or
// a full-width punctuation mark instead of UTF-8's three. Zap compresses
// stored fields with snappy, which finds little to take from UTF-8
// Chinese (1.03× on the stored blobs of the 10 MB benchmark corpus); this
// takes a third off the text without a dictionary to train or ship.
//
// The form, byte by byte:
//   - 0x00–0x7F: that ASCII character;
//   - 0x80–0xFD: the first of two bytes, naming a 256-character page of
//     the Basic Multilingual Plane (packPages); the second byte is the
//     character's place in the page;
//   - 0xFE, b: the byte b of a string that is not valid UTF-8 there;
//   - 0xFF: the UTF-8 of one character of no page follows.
//
// Every string packs and unpacks to itself (FuzzPackText).

// packPages are the pages (a code point's bits above the low 8) given a
// two-byte form, in order of their lead byte from 0x80: Latin-1, Greek,
// Cyrillic, punctuation and symbols, CJK symbols and kana, CJK Extension A
// and the Unified Ideographs, compatibility ideographs and forms,
// half- and full-width forms.
var packPages = func() []uint16 {
	pages := []uint16{0x00, 0x03, 0x04, 0x20, 0x21, 0x22, 0x24, 0x25, 0x30, 0x31, 0x32, 0x33}
	for p := uint16(0x34); p <= 0x9F; p++ {
		pages = append(pages, p)
	}
	return append(pages, 0xF9, 0xFA, 0xFE, 0xFF)
}()

const (
	packLead0   = 0x80
	packRawByte = 0xFE
	packEscape  = 0xFF
)

// packLead is the lead byte of each page, 0 for a page without one.
var packLead = func() (lead [256]byte) {
	if packLead0+len(packPages) > packRawByte {
		panic("packtext: too many pages")
	}
	for i, p := range packPages {
		lead[p] = byte(packLead0 + i)
	}
	return lead
}()

// appendPacked appends the packed form of s to b, prefixed with its
// length as a uvarint.
func appendPacked(b []byte, s string) []byte {
	start := len(b)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, packRawByte, c)
		case r <= 0xFFFF && packLead[r>>8] != 0:
			b = append(b, packLead[r>>8], byte(r))
		default:
			b = append(append(b, packEscape), s[i:i+size]...)
		}
		i += size
	}
	// The length goes before the body: shift the body up by its size.
	var hdr [binary.MaxVarintLen64]byte
	h := binary.PutUvarint(hdr[:], uint64(len(b)-start))
	b = append(b, hdr[:h]...)
	copy(b[start+h:], b[start:len(b)-h])
	copy(b[start:], hdr[:h])
	return b
}

var errPacked = errors.New("corrupt packed text")

// unpack reads a packed body (without its length) back into a string.
func unpack(b []byte) (string, error) {
	out, err := appendUnpacked(make([]byte, 0, len(b)+len(b)/2), b)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// appendUnpacked appends the UTF-8 of a packed body to out.
func appendUnpacked(out, b []byte) ([]byte, error) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		case c < packRawByte:
			if i+1 >= len(b) || int(c-packLead0) >= len(packPages) {
				return out, errPacked
			}
			out = utf8.AppendRune(out, rune(packPages[c-packLead0])<<8|rune(b[i+1]))
			i += 2
		case c == packRawByte:
			if i+1 >= len(b) {
				return out, errPacked
			}
			out = append(out, b[i+1])
			i += 2
		default:
			if i+1 >= len(b) {
				return out, errPacked
			}
			r, size := utf8.DecodeRune(b[i+1:])
			if r == utf8.RuneError && size <= 1 {
				return out, errPacked
			}
			out = append(out, b[i+1:i+1+size]...)
			i += 1 + size
		}
	}
	return out, nil
}
