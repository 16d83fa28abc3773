// Package indexer turns a folder of raw session documents into clean,
// enriched passages: decoding, front matter, layout repair, passage kinds,
// speakers, people, sessions and topics.
//
// It is pure Go and must not import Bleve: storing and querying passages is
// the search package's job.
package indexer

// Document is one parsed source file. Its JSON field names are shared with
// the `inspect` command and the HTTP API's document view.
type Document struct {
	ID        string   `json:"id"`
	Path      string   `json:"path"`  // slash-separated, relative to the corpus root
	Hash      string   `json:"hash"`  // hex SHA-256 of the raw file bytes and its metadata row (ContentHash)
	Title     string   `json:"title"` // the main headline
	Subtitles []string `json:"subtitles"`
	Date      string   `json:"date"`   // YYYY-MM-DD, YYYY-MM or YYYY as known, or "" when unknown
	Source    string   `json:"source"` // newspaper or byline lead, e.g. 本报讯
	// Paper is the newspaper the document was printed in and Page its page
	// (版次: 1, A01), when the document or its path names them; Site is
	// the web site a saved page was taken from (来源：人民政协网). See
	// publication.go.
	Paper         string    `json:"paper,omitempty"`
	Page          string    `json:"page,omitempty"`
	Site          string    `json:"site,omitempty"`
	Reporters     []string  `json:"reporters"`
	Photographers []string  `json:"photographers"`
	Sessions      []Session `json:"sessions"`     // union of the passages' sessions
	MainSession   *Session  `json:"main_session"` // the session the document was delivered at or reports, if any
	// Place is the administrative division the document is about, as the
	// gazetteer names it (上海市, 天镇县), "" for the national level or when
	// unknown; Level is its level: 全国, 省, 市, 县 or 区.
	Place string `json:"place"`
	Level string `json:"level"`
	// Speaker is the person who speaks the whole document: the signature
	// of a report, a front-matter or metadata-table speaker. "" when none.
	Speaker string `json:"speaker"`
	// Fields are the custom columns of corpus/metadata.csv for this file.
	Fields map[string]string `json:"fields,omitempty"`
	// Provenance says where each metadata field came from, by its JSON
	// name: one of the Source* values.
	Provenance map[string]string `json:"provenance,omitempty"`
	Passages   []Passage         `json:"passages"`
}

// Where a metadata field's value came from (Document.Provenance).
const (
	SourceText        = "text"         // the document's own text
	SourceFileName    = "file name"    // the file's name or folders
	SourceTable       = "table"        // corpus/metadata.csv
	SourceFrontMatter = "front matter" // Markdown front matter
)

// Passage is one repaired paragraph: the unit that search returns.
type Passage struct {
	N           int       `json:"n"`    // 1-based position within the document
	Kind        Kind      `json:"kind"` // headline, subheadline, lead, body, list, caption, credit
	Text        string    `json:"text"` // as written (not folded), layout repaired
	Speaker     string    `json:"speaker"`
	SpeakerRole string    `json:"speaker_role"`
	People      []Person  `json:"people"`
	Topics      []string  `json:"topics"`
	Sessions    []Session `json:"sessions"`
}

// Kind says what role a passage plays in the layout of its document.
type Kind string

// The passage kinds.
const (
	KindHeadline    Kind = "headline"
	KindSubheadline Kind = "subheadline"
	KindLead        Kind = "lead"    // the first body paragraph, carrying the byline
	KindBody        Kind = "body"    // ordinary paragraph
	KindList        Kind = "list"    // attendance and seating lists
	KindCaption     Kind = "caption" // photo captions
	KindCredit      Kind = "credit"  // photo credits (本报记者 X 摄) and bylines on a line of their own
	// KindLabel is a section label such as the seed's 两会影像 / 2025 over
	// the photo block: neither a headline nor body text.
	KindLabel Kind = "label"
	// KindSalutation opens a speech or report: 各位代表：, 同志们：.
	KindSalutation Kind = "salutation"
	// KindSignature is a report's signature under its title: a role line
	// and a name line (国务院总理 / 李　强), or a name alone (习近平).
	KindSignature Kind = "signature"
)

// Person is somebody named in a passage. Two people with the same name are
// kept apart by their affiliation, as the seed's 丁国华（市人大） and
// 丁国华（市中院）.
type Person struct {
	Name        string `json:"name"`
	Affiliation string `json:"affiliation,omitempty"`
	Role        string `json:"role,omitempty"`
}

// Key is the person's identity as a facet value: the name, followed by the
// affiliation in full-width parentheses when there is one.
func (p Person) Key() string {
	if p.Affiliation == "" {
		return p.Name
	}
	return p.Name + "（" + p.Affiliation + "）"
}

// Session is one meeting of a people's congress, a CPPCC committee or a
// party congress or plenum, in canonical form, whatever wording named it.
type Session struct {
	Place  string `json:"place"`  // e.g. 大同市; "" for the national level
	Level  string `json:"level"`  // 全国, 省, 市, 县, 区
	Body   string `json:"body"`   // 人大, 政协, 党代会 (a party congress) or 全会 (a party plenum)
	Term   int    `json:"term"`   // 届, e.g. 16; a party congress's number (二十大: 20)
	Number int    `json:"number"` // 次会议, e.g. 5; 0 when only the term is named
	Name   string `json:"name"`   // canonical label, see Session.Canonical
}

// setProvenance records where field (a JSON field name: title, date,
// place, level, session, speaker, source) came from.
func (d *Document) setProvenance(field, source string) {
	if d.Provenance == nil {
		d.Provenance = map[string]string{}
	}
	d.Provenance[field] = source
}
