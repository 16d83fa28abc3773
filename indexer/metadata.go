package indexer

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The metadata table is corpus/metadata.csv (or metadata.tsv): one row per
// file, keyed by its path relative to the corpus, as corpus tools and
// parliamentary corpora keep their metadata. What a row says overrides
// what the indexer infers; an empty cell overrides nothing. Columns other
// than the known ones are the document's custom fields (总理, 届次, 省份).

// MetadataFiles are the names the table may have in the corpus folder, in
// order of preference.
var MetadataFiles = []string{"metadata.csv", "metadata.tsv"}

// The known columns, by every header that names them. The path column
// also answers to file and 文件, as other corpus tools call it.
const (
	colPath     = "path"
	colTitle    = "title"
	colDate     = "date"
	colPlace    = "place"
	colLevel    = "level"
	colSession  = "session"
	colSpeakers = "speaker"
	colSource   = "source"
)

// MetadataColumns are the known columns in the order the metadata command
// prints them; custom fields follow.
var MetadataColumns = []string{colPath, colTitle, colDate, colPlace, colLevel, colSession, colSpeakers, colSource}

var knownHeaders = map[string]string{
	"path": colPath, "file": colPath, "filename": colPath, "文件": colPath, "文件名": colPath, "路径": colPath,
	"title": colTitle, "标题": colTitle,
	"date": colDate, "日期": colDate,
	"place": colPlace, "地点": colPlace,
	"level": colLevel, "级别": colLevel,
	"session": colSession, "会议": colSession,
	"speaker": colSpeakers, "speakers": colSpeakers, "发言人": colSpeakers,
	"source": colSource, "来源": colSource,
}

// levels are the values of Document.Level.
var levels = map[string]bool{"全国": true, "省": true, "市": true, "县": true, "区": true}

// Metadata is a read metadata table.
type Metadata struct {
	File   string   // the table's file, as named in warnings
	Custom []string // the custom columns, in the table's order
	rows   map[string]*Row
}

// Row is one file's row of the metadata table. Empty values override
// nothing.
type Row struct {
	Line                                       int // line of the table the row starts on
	Title, Date, Place, Level, Session, Source string
	Speakers                                   []string
	Fields                                     map[string]string // custom columns, non-empty cells only
}

// Warning is a problem with the metadata table: a bad row (Line > 0) or
// the whole table (Line 0). Indexing goes on without what it names.
type Warning struct {
	File string
	Line int
	Msg  string
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Msg)
	}
	return w.File + ": " + w.Msg
}

// Row returns the row of the file rel, or nil. A nil table has no rows.
func (m *Metadata) Row(rel string) *Row {
	if m == nil {
		return nil
	}
	return m.rows[rel]
}

// Len is the number of rows read.
func (m *Metadata) Len() int {
	if m == nil {
		return 0
	}
	return len(m.rows)
}

// LoadMetadata reads the metadata table of the corpus root: metadata.csv,
// else metadata.tsv. It returns nil and no warning when there is none. A
// bad row is left out with a warning, a table that cannot be read at all
// is one warning and a nil table.
func LoadMetadata(root string) (*Metadata, []Warning) {
	var found []string
	for _, name := range MetadataFiles {
		if st, err := os.Stat(filepath.Join(root, name)); err == nil && st.Mode().IsRegular() {
			found = append(found, filepath.Join(root, name))
		}
	}
	if len(found) == 0 {
		return nil, nil
	}
	var warns []Warning
	if len(found) > 1 {
		warns = append(warns, Warning{File: found[1], Msg: "ignored: " + found[0] + " is read instead; keep one of them"})
	}
	file := found[0]
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, append(warns, Warning{File: file, Msg: "cannot be read: " + err.Error()})
	}
	files, err := Scan(root)
	if err != nil {
		return nil, append(warns, Warning{File: file, Msg: "the corpus cannot be listed: " + err.Error()})
	}
	exists := make(map[string]bool, len(files))
	for _, f := range files {
		exists[f] = true
	}
	comma := ','
	if strings.HasSuffix(file, ".tsv") {
		comma = '\t'
	}
	m, w := ReadMetadata(file, raw, comma, func(rel string) bool { return exists[rel] })
	return m, append(warns, w...)
}

// ReadMetadata reads a metadata table from raw, in any encoding the corpus
// accepts (UTF-8 with or without a byte order mark, as Excel writes it,
// GB18030), with RFC 4180 quoting; comma separates cells (',' or '\t').
// exists says whether a path names a corpus file. file names the table in
// warnings.
func ReadMetadata(file string, raw []byte, comma rune, exists func(rel string) bool) (*Metadata, []Warning) {
	text, err := decode(raw, "")
	if err != nil {
		return nil, []Warning{{File: file, Msg: "cannot be read: " + err.Error()}}
	}
	text = strings.TrimPrefix(text, "\ufeff")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = comma
	r.LazyQuotes = false
	r.FieldsPerRecord = 0 // the header's count, checked for every row
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("no header row")
		}
		return nil, []Warning{{File: file, Msg: "cannot be read: " + err.Error()}}
	}
	cols := make([]string, len(header)) // known column, or "" for a custom one
	names := make([]string, len(header))
	var warns []Warning
	m := &Metadata{File: file, rows: map[string]*Row{}}
	seenCol := map[string]int{}
	pathCol := -1
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		names[i] = h
		if h == "" {
			warns = append(warns, Warning{File: file, Line: 1, Msg: fmt.Sprintf("column %d has no name; it is ignored", i+1)})
			continue
		}
		key := h
		if k, ok := knownHeaders[strings.ToLower(h)]; ok {
			cols[i], key = k, k
		}
		if j, dup := seenCol[key]; dup {
			return nil, append(warns, Warning{File: file, Line: 1, Msg: fmt.Sprintf("columns %d and %d both give %s; keep one", j+1, i+1, key)})
		}
		seenCol[key] = i
		if cols[i] == colPath {
			pathCol = i
		} else if cols[i] == "" {
			m.Custom = append(m.Custom, h)
		}
	}
	if pathCol < 0 {
		return nil, append(warns, Warning{File: file, Line: 1, Msg: "cannot be read: no path column (path, file or 文件) names the files"})
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
				if errors.Is(pe.Err, csv.ErrFieldCount) {
					warns = append(warns, Warning{File: file, Line: line, Msg: fmt.Sprintf("%d cells, but the header has %d; the row is ignored", len(rec), len(header))})
					continue
				}
				warns = append(warns, Warning{File: file, Line: line, Msg: pe.Err.Error() + "; the row is ignored"})
				continue
			}
			return m, append(warns, Warning{File: file, Msg: "cannot be read further: " + err.Error()})
		}
		if allEmpty(rec) {
			continue
		}
		row, rel, msg := readRow(rec, cols, names, pathCol)
		if msg == "" && !exists(rel) {
			msg = fmt.Sprintf("%s names no corpus file; the row is ignored", rel)
		}
		if msg == "" {
			if other := m.rows[rel]; other != nil {
				msg = fmt.Sprintf("%s is given again (first on line %d); the row is ignored", rel, other.Line)
			}
		}
		if msg != "" {
			warns = append(warns, Warning{File: file, Line: line, Msg: msg})
			continue
		}
		row.Line = line
		m.rows[rel] = row
	}
	return m, warns
}

func allEmpty(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readRow reads one record; msg says why it is unusable.
func readRow(rec, cols, names []string, pathCol int) (row *Row, rel, msg string) {
	rel, ok := cleanRel(rec[pathCol])
	if !ok {
		return nil, "", fmt.Sprintf("%q is not a path inside the corpus; the row is ignored", strings.TrimSpace(rec[pathCol]))
	}
	row = &Row{}
	for i, cell := range rec {
		v := strings.TrimSpace(cell)
		if v == "" || i == pathCol {
			continue
		}
		switch cols[i] {
		case colTitle:
			row.Title = strings.Join(strings.Fields(v), " ")
		case colDate:
			d, ok := TableDate(v)
			if !ok {
				return nil, rel, v + " is not a date (YYYY-MM-DD, YYYY-MM, YYYY, 2024年3月5日 or 2024/3/5); the row is ignored"
			}
			row.Date = d
		case colPlace:
			row.Place = v
		case colLevel:
			if !levels[v] {
				return nil, rel, v + " is not a level (全国, 省, 市, 县 or 区); the row is ignored"
			}
			row.Level = v
		case colSession:
			row.Session = v
		case colSpeakers:
			row.Speakers = splitSpeakers(v)
		case colSource:
			row.Source = v
		case "":
			if names[i] == "" {
				continue
			}
			if row.Fields == nil {
				row.Fields = map[string]string{}
			}
			row.Fields[names[i]] = v
		}
	}
	if row.Session != "" {
		if _, ok := row.session(row.Place); !ok {
			return nil, rel, row.Session + " is not a session the indexer can read (write it as 十四届全国人大二次会议 or 第十四届全国人民代表大会第二次会议); the row is ignored"
		}
	}
	return row, rel, ""
}

// cleanRel brings a path cell to the form Scan gives: slash-separated,
// relative to the corpus, without ./ or doubled slashes.
func cleanRel(s string) (string, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), `\`, "/")
	if s == "" || strings.HasPrefix(s, "/") {
		return "", false
	}
	s = path.Clean(s)
	if s == "." || s == ".." || strings.HasPrefix(s, "../") {
		return "", false
	}
	return s, true
}

// splitSpeakers splits a speakers cell on ; ； and 、. A name's alignment
// spaces (李　强, as a signature sets it) are dropped: a cell has no layout.
func splitSpeakers(v string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '；' || r == '、' }) {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if isHanOnly(strings.Join(strings.Fields(s), "")) {
			s = strings.Join(strings.Fields(s), "")
		}
		out = append(out, s)
	}
	return out
}

func isHanOnly(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return s != ""
}

// session is the row's session in canonical form, read with the place
// given for wordings that name only a level (市十六届人大五次会议).
func (r *Row) session(place string) (Session, bool) {
	ss := FindSessions(r.Session, place)
	if len(ss) == 0 {
		return Session{}, false
	}
	return ss[0], true
}

// TableDate reads a date as a table or front matter writes it, at the
// precision given: 2024-03-05, 2024-3-5, 2024/3/5, 2024.3.5, 2024年3月5日
// give 2024-03-05; 2024-03, 2024年3月 give 2024-03; 2024, 2024年 give
// 2024. Impossible dates (2024-02-30, 2024/13/45) are not dates.
func TableDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "日")
	s = strings.NewReplacer("年", "-", "月", "-", "/", "-", ".", "-").Replace(s)
	s = strings.TrimSuffix(s, "-")
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return "", false
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || len(p) > 4 || strings.Trim(p, "0123456789") != "" || i > 0 && len(p) > 2 {
			return "", false
		}
		n[i], _ = strconv.Atoi(p)
	}
	if n[0] < 1000 {
		return "", false
	}
	switch len(parts) {
	case 1:
		return parts[0], true
	case 2:
		if n[1] < 1 || n[1] > 12 {
			return "", false
		}
		return fmt.Sprintf("%04d-%02d", n[0], n[1]), true
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if n[1] < 1 || n[1] > 12 || n[2] < 1 || t.Day() != n[2] {
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// canonical is the row's content in a fixed form, without its line
// number: moving a row in the table changes nothing, editing a cell does.
func (r *Row) canonical() string {
	var b strings.Builder
	for _, v := range []string{r.Title, r.Date, r.Place, r.Level, r.Session, strings.Join(r.Speakers, ";"), r.Source} {
		b.WriteString(v)
		b.WriteByte(0x1f)
	}
	keys := make([]string, 0, len(r.Fields))
	for k := range r.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(r.Fields[k])
		b.WriteByte(0x1f)
	}
	return b.String()
}

// ContentHash is what change detection compares for the file rel: the hex
// SHA-256 of its bytes, hashed again with the row's content when the
// metadata table has a row for it. A file without a row hashes as its
// bytes alone, so that adding a table re-indexes only the files it names.
func ContentHash(rel string, raw []byte, opts Options) string {
	sum := sha256.Sum256(raw)
	return DocumentHash(hex.EncodeToString(sum[:]), rel, opts)
}

// DocumentHash is ContentHash from the hex SHA-256 of the file's bytes,
// so that an index that remembers a file's hash can tell whether its row
// changed without reading the file again. A file without a row keeps its
// own hash.
func DocumentHash(fileHash, rel string, opts Options) string {
	row := opts.Metadata.Row(rel)
	if row == nil {
		return fileHash
	}
	h := sha256.New()
	h.Write([]byte(fileHash))
	h.Write([]byte("\x00metadata\x00"))
	h.Write([]byte(row.canonical()))
	return hex.EncodeToString(h.Sum(nil))
}

// apply overrides doc's inferred metadata with the row's non-empty cells
// and records their provenance. The speakers went in through the front
// matter's path before the document was built (see Parse).
func (r *Row) apply(doc *Document) {
	if r == nil {
		return
	}
	set := func(field string, dst *string, v string) {
		if v != "" {
			*dst = v
			doc.setProvenance(field, SourceTable)
		}
	}
	set(colTitle, &doc.Title, r.Title)
	set(colDate, &doc.Date, r.Date)
	if r.Place != "" {
		place, level := namedPlace(r.Place)
		set(colPlace, &doc.Place, place)
		doc.Level = level
		if level != "" {
			doc.setProvenance(colLevel, SourceTable)
		} else {
			delete(doc.Provenance, colLevel) // the inferred level was another place's
		}
	}
	if r.Level == "全国" && r.Place == "" {
		// A national document has no place.
		doc.Place = ""
		doc.setProvenance(colPlace, SourceTable)
	}
	set(colLevel, &doc.Level, r.Level)
	set(colSource, &doc.Source, r.Source)
	if r.Session != "" {
		if s, ok := r.session(doc.Place); ok {
			doc.MainSession = &s
			doc.Sessions = appendSession(doc.Sessions, s)
			doc.setProvenance(colSession, SourceTable)
		}
	}
	switch len(r.Speakers) {
	case 0:
	case 1:
		doc.Speaker = r.Speakers[0]
		doc.setProvenance(colSpeakers, SourceTable)
	default:
		// Several speakers (a press conference) are the document's
		// people; none of them speaks the whole document.
		doc.Speaker = ""
		doc.setProvenance(colSpeakers, SourceTable)
	}
	for k, v := range r.Fields {
		if doc.Fields == nil {
			doc.Fields = map[string]string{}
		}
		doc.Fields[k] = v // custom fields come from the table only
	}
}
