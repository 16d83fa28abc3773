package search

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"

	"sessionsearch/indexer"
)

// Field names of the mapping. Each passage is one Bleve document whose ID
// is "<doc_id>:<n>".
const (
	fieldText       = "text"       // ss_text analysis, no positions: phrases are checked in the text
	fieldChars      = "chars"      // ss_chars analysis, one-character queries
	fieldStored     = "p"          // the passage as JSON, stored only
	fieldDoc        = "doc"        // keyword: document id
	fieldKind       = "kind"       // keyword
	fieldSpeaker    = "speaker"    // keyword
	fieldTopic      = "topic"      // keyword, repeated
	fieldPerson     = "person"     // keyword, repeated: Person.Key()
	fieldSession    = "session"    // keyword, repeated: Session.Name
	fieldSessionKey = "sessionkey" // keyword, repeated: place-free key, see sessionKey
	fieldDate       = "date"       // keyword YYYY-MM-DD: sorts and ranges as text
	fieldYear       = "year"       // keyword YYYY
	// fieldOrder is the passage's place in document order, one keyword
	// "date|doc|n" (n zero-padded): ties of score sort on it with one
	// doc-value lookup instead of three, and it is unique, as search-after
	// needs.
	fieldOrder = "o"
)

// mappingVersion changes whenever the analysis or the mapping changes in a
// way that makes an existing index stale; Update then rebuilds. It ends
// with the indexer's version, which changes when the same files would be
// read into different passages (Big5 files were once read as GB18030).
const mappingVersion = "12/" + indexer.Version

// newMapping describes the index to Bleve. Documents are built directly by
// passageDocument (IndexAdvanced), so the mapping serves queries: it names
// each field's analyzer. Dynamic fields and the _all composite field are
// off: _all would index the whole text a second time.
func newMapping() *mapping.IndexMappingImpl {
	m := mapping.NewIndexMapping()
	m.DefaultAnalyzer = keyword.Name
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false

	dm := mapping.NewDocumentStaticMapping()
	// field describes one field; nothing goes to _all.
	field := func(name string, f *mapping.FieldMapping, analyzer string, index, store, vectors, docValues bool) {
		if analyzer != "" {
			f.Analyzer = analyzer
		}
		f.Index, f.Store, f.IncludeTermVectors, f.DocValues = index, store, vectors, docValues
		f.IncludeInAll = false
		dm.AddFieldMappingsAt(name, f)
	}
	field(fieldText, mapping.NewTextFieldMapping(), textAnalyzer, true, false, false, false)
	field(fieldChars, mapping.NewTextFieldMapping(), charsAnalyzer, true, false, false, false)
	field(fieldStored, mapping.NewTextFieldMapping(), "", false, true, false, false)
	// Doc values only where facets or sorting read them.
	for _, f := range []string{fieldDoc, fieldKind, fieldSpeaker, fieldTopic, fieldSession, fieldDate, fieldYear, fieldOrder} {
		field(f, mapping.NewKeywordFieldMapping(), "", true, false, false, true)
	}
	for _, f := range []string{fieldPerson, fieldSessionKey, fieldRec, fieldPlace, fieldLevel, fieldCustom, fieldDateFirst, fieldDateLast} {
		field(f, mapping.NewKeywordFieldMapping(), "", true, false, false, false)
	}

	m.DefaultMapping = dm
	m.DefaultField = fieldText
	return m
}

// storedPassage is what a hit needs of its passage: the passage as
// stored, its document (from the hit's ID) and date (from the catalog).
type storedPassage struct {
	indexer.Passage
	DocID string
	Date  string
}

func passageID(docID string, n int) string { return docID + ":" + strconv.Itoa(n) }

// The text field keeps no term vectors: zap spent about ten bytes on each
// token's location. Indexing the 10 MB benchmark corpus, alternated twice
// with the build that kept them: the segment 44.3 MB instead of 68.8 MB,
// user CPU 9.8 and 10.1 s instead of 11.6 and 11.5 s, peak RSS 350 and
// 339 MiB instead of 450 and 439 MiB. Phrases are checked in the text
// instead (phrase.go).
const (
	textOpts    = bindex.IndexField
	charsOpts   = bindex.IndexField
	storedOpts  = bindex.StoreField
	keywordOpts = bindex.IndexField | bindex.DocValues
)

var (
	keywordAnalyzerImpl analysis.Analyzer = keywordAnalysis{}
)

// keywordAnalysis emits the whole value as one token, like Bleve's keyword
// analyzer, without a registry lookup.
type keywordAnalysis struct{}

func (keywordAnalysis) Analyze(b []byte) analysis.TokenStream {
	return analysis.TokenStream{{Term: b, Position: 1, End: len(b), Type: analysis.AlphaNumeric}}
}

// passageDocument builds the Bleve document of one passage.
func passageDocument(d *indexer.Document, p *indexer.Passage) (*document.Document, error) {
	blob, err := encodeStored(p)
	if err != nil {
		return nil, err
	}
	doc := document.NewDocument(passageID(d.ID, p.N))
	text := []byte(p.Text)
	doc.AddField(newTextField(text))
	doc.AddField(newCharsField(text))
	doc.AddField(document.NewTextFieldWithIndexingOptions(fieldStored, nil, blob, storedOpts))
	kwOpts := func(field, value string, opts bindex.FieldIndexingOptions) {
		if value != "" {
			doc.AddField(document.NewTextFieldCustom(field, nil, []byte(value), opts, keywordAnalyzerImpl))
		}
	}
	kw := func(field, value string) { kwOpts(field, value, keywordOpts) }
	filterOnly := func(field, value string) { kwOpts(field, value, bindex.IndexField) }
	filterOnly(fieldRec, recPassage)
	kw(fieldDoc, d.ID)
	kw(fieldKind, string(p.Kind))
	kw(fieldSpeaker, p.Speaker)
	kw(fieldDate, d.Date)
	kw(fieldOrder, orderKey(d.Date, d.ID, p.N))
	if len(d.Date) >= 4 {
		kw(fieldYear, d.Date[:4])
	}
	docFields(d, filterOnly)
	for _, t := range p.Topics {
		kw(fieldTopic, t)
	}
	for _, pp := range p.People {
		filterOnly(fieldPerson, pp.Key())
	}
	seen := map[string]bool{}
	for _, s := range p.Sessions {
		kw(fieldSession, s.Name)
		for _, k := range []string{sessionKey(s, true), sessionKey(s, false)} {
			if !seen[k] {
				seen[k] = true
				filterOnly(fieldSessionKey, k)
			}
		}
	}
	return doc, nil
}

// orderKey is a short fixed-width key in document order: the date as
// YYYYMMDD (a date known to the year or month only as YYYY0000 or
// YYYYMM00: before the days of its year or month), a hash of the document
// id (documents of one day in a fixed order), the passage number. Sorting
// reads this doc value for every match, so its length matters: the
// readable "date|doc|n" made a query with 122 hits take 2 ms instead of
// 0.1 ms without the tie-break.
func orderKey(date, docID string, n int) string {
	h := fnv.New32a()
	h.Write([]byte(docID))
	day := strings.ReplaceAll(date, "-", "")
	if day != "" && len(day) < 8 {
		day += "0000"[:8-len(day)]
	}
	return fmt.Sprintf("%08s%08x%05d", day, h.Sum32(), n)
}

// sessionKey identifies a session for matching a session named in a query:
// with place, "大同市|市|人大|16|5"; without, "|市|人大|16|5", so that a
// query 市十六届人大五次会议 (no place in the words) finds it too.
func sessionKey(s indexer.Session, withPlace bool) string {
	place := ""
	if withPlace {
		place = s.Place
	}
	return strings.Join([]string{place, s.Level, s.Body, strconv.Itoa(s.Term), strconv.Itoa(s.Number)}, "|")
}
