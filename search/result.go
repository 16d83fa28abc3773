package search

import "sessionsearch/indexer"

// The JSON result types live here so that the CLI's --json output and the
// HTTP API are one and the same. Field names are a public contract.

// Request is one search: the search-box query plus filters and paging.
type Request struct {
	Query   string   `json:"q"`
	Speaker []string `json:"speaker,omitempty"`
	Topic   []string `json:"topic,omitempty"`
	Session []string `json:"session,omitempty"`
	Doc     []string `json:"doc,omitempty"`
	Kind    []string `json:"kind,omitempty"`
	Year    []string `json:"year,omitempty"`
	Place   []string `json:"place,omitempty"` // Document.Place, e.g. 上海市
	Level   []string `json:"level,omitempty"` // 全国, 省, 市, 县 or 区
	// Fields filters on the custom fields of the metadata table, by name:
	// {"总理": ["李强"]}. Values of one field are alternatives; fields are
	// all required. A name the index does not know is an error.
	Fields map[string][]string `json:"fields,omitempty"`
	// From and To bound the document's date, inclusive: YYYY, YYYY-MM or
	// YYYY-MM-DD. A document dated to the year or month only is inside
	// when its whole year or month is.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	Sort string `json:"sort,omitempty"` // "relevance" (default) or "date"
	Page int    `json:"page,omitempty"` // 1-based; 0 means 1
	Size int    `json:"size,omitempty"` // 0 means the default
	// After is the opaque cursor of a previous result's Next: the page after
	// it is served with Bleve's search-after, without scoring what came
	// before. It takes precedence over Page.
	After string `json:"after,omitempty"`
	// Facets names the facets the result carries (kind, year, …); nil
	// means all of them, an empty list none. Counting is the same either
	// way (the counts are cached for the query's later pages); a client
	// that shows two facets is spared the bytes of the others, which for
	// the doc facet of a frequent term are half of a top-10 answer. A
	// name the index does not have is an error.
	Facets []string `json:"facets,omitempty"`
}

// Result is the answer to a Request.
type Result struct {
	Query       string         `json:"query"`
	Total       uint64         `json:"total"`
	Page        int            `json:"page"`
	Size        int            `json:"size"`
	TookMs      float64        `json:"took_ms"`
	Interpreted Interpretation `json:"interpreted"`
	Hits        []Hit          `json:"hits"`
	Facets      Facets         `json:"facets"`
	// Next is the cursor for the following page ("" on the last page).
	Next string `json:"next,omitempty"`
}

// Hit is one matching passage.
type Hit struct {
	ID          string   `json:"id"` // "<doc_id>:<n>"
	DocID       string   `json:"doc_id"`
	DocTitle    string   `json:"doc_title"`
	DocLabel    string   `json:"doc_label"` // title and year (or date), see label
	Date        string   `json:"date"`
	N           int      `json:"n"`
	Kind        string   `json:"kind"`
	Speaker     string   `json:"speaker"`
	SpeakerRole string   `json:"speaker_role"`
	Topics      []string `json:"topics"`
	People      []string `json:"people"`
	Sessions    []string `json:"sessions"`
	Snippet     string   `json:"snippet"` // HTML: escaped text with <mark> around matches
	Text        string   `json:"text"`    // the whole passage, plain
	Score       float64  `json:"score"`
	// Permalink opens the reader at this passage: /d/{doc}#p{n}-{fingerprint}
	// (cite.go). Citation is how to cite it.
	Permalink string        `json:"permalink"`
	Citation  CitationForms `json:"citation"`
}

// Facets holds the counts of each facet for the current query, keyed by
// speaker, topic, session, doc, kind, year, place, level, and
// "field:<name>" for each custom field of the metadata table.
type Facets map[string][]FacetValue

// FacetValue is one value of a facet and the number of matching passages.
type FacetValue struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"` // display name where it differs (doc labels)
	Count int    `json:"count"`
}

// Interpretation says how a query was understood, so that a researcher can
// see why a passage matched.
type Interpretation struct {
	Terms      []string            `json:"terms"`      // single terms, all required
	Phrases    []string            `json:"phrases"`    // quoted phrases, all required
	Any        [][]string          `json:"any"`        // groups of alternatives (A OR B)
	Exclusions []string            `json:"exclusions"` // -term
	Filters    map[string]string   `json:"filters"`    // field filters from the box and the request
	Expansions map[string][]string `json:"expansions"` // synonym expansions by original term
	Notes      []string            `json:"notes"`      // forgiven syntax, e.g. an unclosed quote
	Proximity  []Proximity         `json:"proximity"`  // NEAR/N and 同句 between terms
}

// Proximity is one NEAR/N or 同句 operator of a query: occurrences of Left
// and of Right (each a list of alternatives, as typed) that share no
// character and have at most Within units between them: characters
// between the end of one and the start of the other (Unit "character",
// NEAR/N), or sentence ends (Unit "sentence", 同句: always 0).
type Proximity struct {
	Operator string   `json:"operator"` // as typed: NEAR/10, 同句, SENT
	Left     []string `json:"left"`
	Right    []string `json:"right"`
	Within   int      `json:"within"`
	Unit     string   `json:"unit"` // "character" or "sentence"
}

// DocumentInfo is a document's metadata without its passages.
type DocumentInfo struct {
	ID            string            `json:"id"`
	Path          string            `json:"path"`
	Title         string            `json:"title"`
	Subtitles     []string          `json:"subtitles"`
	Date          string            `json:"date"`
	Source        string            `json:"source"`
	Paper         string            `json:"paper,omitempty"` // the newspaper (indexer.Document.Paper)
	Page          string            `json:"page,omitempty"`  // its page: 1, A01
	Site          string            `json:"site,omitempty"`  // the web site a saved page came from
	Reporters     []string          `json:"reporters"`
	Photographers []string          `json:"photographers"`
	Sessions      []indexer.Session `json:"sessions"`
	MainSession   *indexer.Session  `json:"main_session"`
	Place         string            `json:"place"`
	Level         string            `json:"level"`
	Speaker       string            `json:"speaker"`          // who speaks the whole document
	Fields        map[string]string `json:"fields,omitempty"` // custom fields of the metadata table
	// Provenance says where each metadata field came from: text, file
	// name, table or front matter.
	Provenance map[string]string `json:"provenance,omitempty"`
	Passages   int               `json:"passages"` // passage count
	Hash       string            `json:"hash"`     // of the file and its metadata row
	// Label is how the document is shown: its title and year, or date
	// where that tells it from another of the same title. Filled when
	// served, not stored.
	Label string `json:"label,omitempty"`
}

// DocumentView is a whole document for the reader view. With a query, each
// passage carries its highlighted HTML.
type DocumentView struct {
	DocumentInfo
	Query    string        `json:"query,omitempty"`
	Matches  int           `json:"matches"` // occurrences of the query in the document
	Passages []PassageView `json:"passages"`
}

// PassageView is a passage in the reader view.
type PassageView struct {
	indexer.Passage
	HTML    string `json:"html"`    // escaped text, with <mark> around matches when a query was given
	Matches int    `json:"matches"` // occurrences in this passage
	// Fingerprint identifies the passage's text, as a permalink carries it
	// (cite.go), so that the reader can tell a changed passage.
	Fingerprint string `json:"fingerprint"`
}

// Suggestion is one completion for a prefix typed in the search box.
type Suggestion struct {
	Text  string `json:"text"`
	Type  string `json:"type"` // "phrase", "speaker", "topic", "session"
	Count int    `json:"count,omitempty"`
}

// KWICRequest asks for a keyword-in-context concordance.
type KWICRequest struct {
	Request
	Width int `json:"width"` // characters of context on each side
	Limit int `json:"limit"` // most lines to return
}

// Concordance is the answer to a KWICRequest.
type Concordance struct {
	Query     string     `json:"query"`
	Total     int        `json:"total"` // occurrences found
	Truncated bool       `json:"truncated"`
	Lines     []KWICLine `json:"lines"`
}

// KWICLine is one occurrence with its context.
type KWICLine struct {
	Left        string `json:"left"`
	Match       string `json:"match"`
	Right       string `json:"right"`
	PassageID   string `json:"passage_id"`
	DocID       string `json:"doc_id"`
	DocTitle    string `json:"doc_title"`
	Date        string `json:"date"`
	N           int    `json:"n"`
	Speaker     string `json:"speaker"`
	SpeakerRole string `json:"speaker_role"`
	// Permalink and Citation are the passage's, as on a Hit.
	Permalink string        `json:"permalink"`
	Citation  CitationForms `json:"citation"`
}

// Stats describes the open index.
type Stats struct {
	Documents   int    `json:"documents"`
	Passages    uint64 `json:"passages"`
	IndexBytes  int64  `json:"index_bytes"`
	LastIndexed string `json:"last_indexed"` // RFC 3339
	Topics      int    `json:"topics"`
	Synonyms    int    `json:"synonyms"`
	Generation  string `json:"generation"`
	// Fields are the custom fields of the metadata table, by name.
	Fields []FieldStat `json:"fields"`
}

// FieldStat is one custom field: how many documents have it, and its
// values, sorted.
type FieldStat struct {
	Name      string   `json:"name"`
	Documents int      `json:"documents"`
	Values    []string `json:"values"`
}

// Summary reports what an index update did.
type Summary struct {
	Documents int           `json:"documents"` // documents in the index afterwards
	Passages  int           `json:"passages"`  // passages written by this run
	Added     int           `json:"added"`
	Changed   int           `json:"changed"`
	Removed   int           `json:"removed"`
	Unchanged int           `json:"unchanged"`
	Skipped   []SkippedFile `json:"skipped"`
	Rebuilt   bool          `json:"rebuilt"`
	Seconds   float64       `json:"seconds"`
	// Warnings are the metadata table's, one per bad row
	// (corpus/metadata.csv:7: 2024/13/45 is not a date …).
	Warnings []string `json:"warnings"`
	// The documents of the index without a date, without a title of
	// their own (titled by their file name) and without a session.
	NoDate    Gap `json:"no_date"`
	NoTitle   Gap `json:"no_title"`
	NoSession Gap `json:"no_session"`
}

// Gap counts the documents that lack a field and names the first few.
type Gap struct {
	Count int      `json:"count"`
	First []string `json:"first"` // paths, at most five
}

// SkippedFile is a corpus file that was not indexed, and why.
type SkippedFile struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
}
