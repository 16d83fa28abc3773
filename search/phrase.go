package search

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// phraseQuery matches the passages whose folded text holds a phrase: the
// phrases that unitQuery builds from bigrams, with gaps where a Latin word
// or a number spans several positions.
//
// The text field stores no locations (mapping.go): zap spends about ten
// bytes on each, a third of the index. A phrase is found in two steps:
// the passages that hold all its terms, the term readers walked in step
// with the rarest first, are its candidates; each candidate's folded text
// (candidates.go) is then searched for the phrase, on token edges where
// it starts or ends with a letter or digit, as the positions decided
// before (TestPhraseCheckAsPositions). It scores a match as Bleve's
// phrase searcher does (the sum of its terms' TF-IDF scores, as their
// conjunction would: no position enters), so rankings do not change.
//
// What the check costs, at 100 MB with the text table built, each build
// on its own index, medians of 21 searches in two runs (the positional
// searcher first): 的文件 (25,268 passages) a top-10 page 14.5 and 15.1
// ms against 20.5 and 21.2 ms, the complete set 30.9 and 32.1 against
// 35.5 and 36.2 ms; 人民代表大会 (22,995) 14.3 and 14.7 against 15.4 and
// 16.6 ms, 29.2 and 31.7 against 29.5 and 31.9 ms; a rare phrase gains,
// 政府工作报告 (91) the complete set 0.67 and 0.69 against 0.075 and 0.077
// ms. Searching the text with bytes.Index instead of index took 26 ms
// for the 的文件 page.
type phraseQuery struct {
	field  string
	terms  []string
	offs   []uint64 // offs[i]: position of terms[i] minus that of terms[0]
	needle needle   // the phrase as its candidates' text must hold it
	boost  float64
}

// newPhraseQuery is the phrase folded of terms at offsets offs.
func newPhraseQuery(field string, terms []string, offs []uint64, folded string) *phraseQuery {
	n, _ := newNeedle(folded)
	return &phraseQuery{field: field, terms: terms, offs: offs, needle: n, boost: 1}
}

func (q *phraseQuery) SetBoost(b float64) { q.boost = b }
func (q *phraseQuery) Boost() float64     { return q.boost }

// Searcher implements bleve's query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, r bindex.IndexReader, _ mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	total, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	s := &phraseSearcher{needle: q.needle, scores: opts.Score != "none", texts: newCandidateText(ctx, r)}
	for _, t := range q.terms {
		tfr, err := r.TermFieldReader(ctx, []byte(t), q.field, s.scores, s.scores, false)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.readers = append(s.readers, tfr)
		s.docs = append(s.docs, &bindex.TermFieldDoc{})
		// Bleve's TF-IDF idf for the term (scorer.TermQueryScorer).
		idf := 1.0 + math.Log(float64(total)/float64(tfr.Count()+1))
		s.idfs = append(s.idfs, idf)
		s.weights = append(s.weights, q.boost*idf)
	}
	// The rarest term leads: the others are only advanced to its documents.
	sort.Sort(byCount{s})
	s.boost = q.boost
	// As a conjunction normalises its terms' weights.
	s.SetQueryNorm(1 / math.Sqrt(s.Weight()))
	return s, nil
}

type phraseSearcher struct {
	readers []bindex.TermFieldReader
	docs    []*bindex.TermFieldDoc // current document of each reader; nil once done
	needle  needle
	texts   *candidateText
	idfs    []float64
	weights []float64 // boost × idf × query norm
	boost   float64
	scores  bool
	started bool
	done    bool
}

func (s *phraseSearcher) Weight() float64 {
	sum := 0.0
	for _, idf := range s.idfs {
		w := s.boost * idf
		sum += w * w
	}
	return sum
}

func (s *phraseSearcher) SetQueryNorm(n float64) {
	for i, idf := range s.idfs {
		s.weights[i] = s.boost * idf * n
	}
}

func (s *phraseSearcher) Count() uint64 {
	var c uint64 = math.MaxUint64
	for _, r := range s.readers {
		c = min(c, r.Count())
	}
	return c
}

func (s *phraseSearcher) Min() int                   { return 0 }
func (s *phraseSearcher) DocumentMatchPoolSize() int { return 1 }

func (s *phraseSearcher) Size() int {
	n := 128
	for _, r := range s.readers {
		n += r.Size()
	}
	return n
}

func (s *phraseSearcher) Close() error {
	var err error
	for _, r := range s.readers {
		if e := r.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// step moves reader i to its next document (or the first at or after id).
func (s *phraseSearcher) step(i int, id bindex.IndexInternalID) error {
	var d *bindex.TermFieldDoc
	var err error
	if id == nil {
		d, err = s.readers[i].Next(s.docs[i])
	} else {
		d, err = s.readers[i].Advance(id, s.docs[i])
	}
	if err != nil {
		return err
	}
	if d == nil {
		s.done = true
		return nil
	}
	s.docs[i] = d
	return nil
}

func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.started {
		return s.Advance(ctx, nil)
	}
	if s.done {
		return nil, nil
	}
	if err := s.step(0, nil); err != nil {
		return nil, err
	}
	return s.match(ctx)
}

func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if s.done {
		return nil, nil
	}
	if !s.started || id == nil || bytes.Compare(s.docs[0].ID, id) < 0 {
		s.started = true
		if err := s.step(0, id); err != nil {
			return nil, err
		}
	}
	return s.match(ctx)
}

// match moves the readers forward from reader 0's document to the first
// document that holds all terms and whose text holds the phrase.
func (s *phraseSearcher) match(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for !s.done {
		// Bring every reader to the same document (leapfrog).
		target := s.docs[0].ID
		aligned := true
		for i := 1; i < len(s.readers) && !s.done; i++ {
			if !s.started || s.docs[i].ID == nil || bytes.Compare(s.docs[i].ID, target) < 0 {
				if err := s.step(i, target); err != nil {
					return nil, err
				}
			}
			if s.done {
				break
			}
			if c := bytes.Compare(s.docs[i].ID, target); c > 0 {
				if err := s.step(0, s.docs[i].ID); err != nil {
					return nil, err
				}
				aligned = false
				break
			}
		}
		if s.done {
			return nil, nil
		}
		if !aligned {
			continue
		}
		ok, err := s.holds()
		if err != nil {
			return nil, err
		}
		if ok {
			return s.hit(ctx), nil
		}
		if err := s.texts.rejected(); err != nil {
			return nil, err
		}
		if err := s.step(0, nil); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// holds says whether the current document's text holds the phrase. The
// positions compared before asked the same of the tokens: a run of white
// space is one token at its first character, so a phrase that starts with
// white space (a zero-width space that TrimSpace keeps) starts where a run
// does.
func (s *phraseSearcher) holds() (bool, error) {
	num, err := docNum(s.docs[0].ID)
	if err != nil {
		return false, err
	}
	pt, err := s.texts.folded(num, false) // a line break folds to a space, as in the tokens
	if err != nil {
		return false, err
	}
	t, n := pt.text, s.needle.b
	if len(n) == 0 {
		return false, nil
	}
	for from := 0; ; {
		i := nextEdged(t, n, from, s.needle.edged)
		if i < 0 {
			return false, nil
		}
		if n[0] != ' ' || i == 0 || t[i-1] != ' ' {
			return true, nil
		}
		from = i + 1
	}
}

// byCount orders a searcher's terms by their number of documents.
type byCount struct{ s *phraseSearcher }

func (b byCount) Len() int { return len(b.s.readers) }
func (b byCount) Less(i, j int) bool {
	return b.s.readers[i].Count() < b.s.readers[j].Count()
}
func (b byCount) Swap(i, j int) {
	s := b.s
	s.readers[i], s.readers[j] = s.readers[j], s.readers[i]
	s.docs[i], s.docs[j] = s.docs[j], s.docs[i]
	s.idfs[i], s.idfs[j] = s.idfs[j], s.idfs[i]
	s.weights[i], s.weights[j] = s.weights[j], s.weights[i]
}

// MarshalJSON shows the query in the tests' and the logs' terms.
func (q *phraseQuery) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Terms []string `json:"phrase"`
		Offs  []uint64 `json:"offsets"`
		Field string   `json:"field"`
		Boost float64  `json:"boost,omitempty"`
	}{q.terms, q.offs, q.field, q.boost})
}

// hit is the current document as a match, scored like the conjunction of
// the phrase's terms.
func (s *phraseSearcher) hit(ctx *bsearch.SearchContext) *bsearch.DocumentMatch {
	m := ctx.DocumentMatchPool.Get()
	m.IndexInternalID = append(m.IndexInternalID[:0], s.docs[0].ID...)
	if s.scores {
		score := 0.0
		for i, d := range s.docs {
			score += math.Sqrt(float64(d.Freq)) * d.Norm * s.idfs[i] * s.weights[i]
		}
		m.Score = score
	}
	return m
}
