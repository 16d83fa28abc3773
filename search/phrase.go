package search

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// phraseQuery matches passages where each term stands at its offset from
// the first, in the positional text field: the phrases that unitQuery
// builds from bigrams, with gaps where a Latin word or a number spans
// several positions.
//
// Bleve's phrase searcher builds a map of term locations for every
// candidate passage before checking the positions; for a phrase of two
// frequent bigrams (的文件, 25,268 matching passages in the 100 MB benchmark
// corpus) that was 60% of a 105 ms search. This searcher walks the term
// readers in step and compares the positions in place. It scores a match
// as Bleve's phrase searcher does (the sum of its terms' TF-IDF scores, as
// their conjunction would), so rankings do not change.
type phraseQuery struct {
	field string
	terms []string
	offs  []uint64 // offs[i]: position of terms[i] minus that of terms[0]
	boost float64
}

func newPhraseQuery(field string, terms []string, offs []uint64) *phraseQuery {
	return &phraseQuery{field: field, terms: terms, offs: offs, boost: 1}
}

func (q *phraseQuery) SetBoost(b float64) { q.boost = b }
func (q *phraseQuery) Boost() float64     { return q.boost }

// Searcher implements bleve's query.Query.
func (q *phraseQuery) Searcher(ctx context.Context, r bindex.IndexReader, _ mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	total, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	s := &phraseSearcher{offs: slices.Clone(q.offs), scores: opts.Score != "none"}
	for _, t := range q.terms {
		tfr, err := r.TermFieldReader(ctx, []byte(t), q.field, true, true, true)
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
	offs    []uint64               // of each term in the phrase, as in phraseQuery
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
// document where all terms stand at their offsets.
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
		if s.positionsMatch() {
			return s.hit(ctx), nil
		}
		if err := s.step(0, nil); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// positionsMatch says whether the phrase starts at some position p: every
// term at p plus its offset.
func (s *phraseSearcher) positionsMatch() bool {
	for _, v := range s.docs[0].Vectors {
		if v.Pos < s.offs[0] {
			continue
		}
		p := v.Pos - s.offs[0]
		ok := true
		for i := 1; i < len(s.docs) && ok; i++ {
			ok = hasPos(s.docs[i].Vectors, p+s.offs[i])
		}
		if ok {
			return true
		}
	}
	return false
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
	s.offs[i], s.offs[j] = s.offs[j], s.offs[i]
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

func hasPos(vs []*bindex.TermFieldVector, pos uint64) bool {
	for _, v := range vs {
		if v.Pos == pos {
			return true
		}
	}
	return false
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
