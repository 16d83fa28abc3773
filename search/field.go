package search

import (
	"unicode/utf8"

	bindex "github.com/blevesearch/bleve_index_api"
)

// passageField is the text or the chars field of a passage, analysed
// straight into Bleve's token frequencies. Bleve's own text field builds a
// token stream (a token and a copy of its term for every position), then a
// map of frequencies from it; together that was a quarter of the memory
// allocated while indexing. Here each distinct term is allocated once.
// Neither field has locations: phrases are checked in the text (phrase.go).
type passageField struct {
	name   string
	value  []byte
	chars  bool // the chars field: each CJK character once, no positions
	length int
	freqs  bindex.TokenFrequencies
}

func newTextField(value []byte) *passageField {
	return &passageField{name: fieldText, value: value}
}

func newCharsField(value []byte) *passageField {
	return &passageField{name: fieldChars, value: value, chars: true}
}

func (f *passageField) Name() string             { return f.name }
func (f *passageField) ArrayPositions() []uint64 { return nil }
func (f *passageField) Value() []byte            { return f.value }
func (f *passageField) EncodedFieldType() byte   { return 't' }
func (f *passageField) NumPlainTextBytes() uint64 {
	return uint64(len(f.value))
}
func (f *passageField) AnalyzedLength() int { return f.length }
func (f *passageField) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	return f.freqs
}

func (f *passageField) Options() bindex.FieldIndexingOptions {
	if f.chars {
		return charsOpts
	}
	return textOpts
}

// Size estimates the memory held, for Bleve's accounting. It is called for
// every document of every batch; summing the sizes of the frequencies, as
// Bleve's own fields do, was 5% of the CPU spent indexing. The estimate
// counts a term for each token.
func (f *passageField) Size() int {
	return 64 + len(f.name) + len(f.value) + f.length*tokenFreqBytes
}

// tokenFreqBytes is the in-memory size of one term's frequency entry,
// roughly: a map entry with its key.
const tokenFreqBytes = 96

// Analyze computes the field's token frequencies: the same terms as
// textAnalysis and charsAnalysis, without locations.
func (f *passageField) Analyze() {
	rs := foldRunes(f.value, make([]rune, 0, len(f.value)/2))
	freqs := make(bindex.TokenFrequencies, len(rs))
	// The slab is sized to the token count, counted first, so that it
	// never grows and pointers into it stay good.
	n := 0
	if f.chars {
		for _, r := range rs {
			if classify(r) == classCJK {
				n++
			}
		}
	} else {
		tokenize(rs, indexMode, func(token) { n++ })
	}
	tfs := make([]bindex.TokenFreq, 0, n)
	buf := make([]byte, 0, 16)
	add := func(term []rune) {
		buf = buf[:0]
		for _, r := range term {
			buf = utf8.AppendRune(buf, r)
		}
		tf, ok := freqs[string(buf)]
		if !ok {
			tfs = append(tfs, bindex.TokenFreq{Term: append([]byte(nil), buf...)})
			tf = &tfs[len(tfs)-1]
			freqs[string(tf.Term)] = tf
		}
		tf.SetFrequency(tf.Frequency() + 1)
		f.length++
	}
	if f.chars {
		for i := range rs {
			if classify(rs[i]) == classCJK {
				add(rs[i : i+1])
			}
		}
	} else {
		tokenize(rs, indexMode, func(t token) { add(t.term) })
	}
	f.freqs = freqs
}
