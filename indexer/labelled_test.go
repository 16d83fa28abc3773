package indexer

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
)

var labelledJSON = flag.String("labelled.json", "", "write the labelled set's per-field precision and recall as JSON to this file (a relative path is relative to the indexer directory)")

// The labelled evaluation set: testdata/labelled/docs/<rel> are documents
// laid out as a user's corpus folder, testdata/labelled/labels/<rel>.json
// say what a careful reader finds in each (see labelFile).
var (
	labelledDocs   = filepath.Join("testdata", "labelled", "docs")
	labelledLabels = filepath.Join("testdata", "labelled", "labels")
)

// The size the set must reach, so that its figures mean something.
const (
	minLabelledDocuments = 40
	minLabelledPassages  = 300
	minLabelledShapes    = 6
)

// minSpeakerPrecision is the bar for passage speakers: a wrong speaker on a
// passage is worse than none.
const minSpeakerPrecision = 0.99

// The fields scored, in the order the table prints them.
const (
	fieldTitle          = "title"
	fieldDate           = "date"
	fieldSession        = "session"
	fieldPlace          = "place"
	fieldLevel          = "level"
	fieldSpeaker        = "speaker"
	fieldPassageSpeaker = "passage speaker"
)

var labelledFields = []string{fieldTitle, fieldDate, fieldSession, fieldPlace, fieldLevel, fieldSpeaker, fieldPassageSpeaker}

var labelledShapes = map[string]bool{
	"city-news": true, "national-work-report": true, "npc-resolution": true,
	"party-congress-report": true, "cppcc-news": true, "press-conference": true,
	"speech-news": true, "province-work-report": true, "county-news": true,
	"news-page": true, "other": true,
}

var (
	labelDateRE = regexp.MustCompile(`^(\d{4}(-\d{2}(-\d{2})?)?)?$`)
	labelLevels = map[string]bool{"": true, "全国": true, "省": true, "市": true, "县": true, "区": true}
)

// labelFile is one document's labels.
type labelFile struct {
	Shape    string         `json:"shape"`
	Title    string         `json:"title"`
	Date     string         `json:"date"`
	Session  string         `json:"session"`
	Place    string         `json:"place"`
	Level    string         `json:"level"`
	Speaker  string         `json:"speaker"`
	Notes    string         `json:"notes"`
	Passages []labelPassage `json:"passages"`
}

// labelPassage is one paragraph as a reader sees it: the start of its text
// and who speaks it.
type labelPassage struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Role    string `json:"role,omitempty"`
}

// labelled is a label file with the document it names.
type labelled struct {
	rel   string // the document's path relative to labelledDocs, slash-separated
	label labelFile
}

// tally counts one field's outcomes.
type tally struct {
	Predicted int `json:"predicted"` // non-empty outputs
	Correct   int `json:"correct"`   // non-empty outputs equal to the label
	Labelled  int `json:"labelled"`  // non-empty labels
}

func ratio(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func (t tally) precision() float64 { return ratio(t.Correct, t.Predicted) }
func (t tally) recall() float64    { return ratio(t.Correct, t.Labelled) }

// miss is one output that differs from its label.
type miss struct {
	doc, field, got, want string
	text                  string // the passage's start, for passage speakers
}

// wrong says whether the output is a wrong value rather than a missing one.
func (m miss) wrong() bool { return m.got != "" }

// scores gathers the tallies and misses of every field.
type scores struct {
	tallies map[string]*tally
	misses  []miss
}

func newScores() *scores {
	s := &scores{tallies: map[string]*tally{}}
	for _, f := range labelledFields {
		s.tallies[f] = &tally{}
	}
	return s
}

func (s *scores) add(doc, field, got, want, text string) {
	t := s.tallies[field]
	if got != "" {
		t.Predicted++
	}
	if want != "" {
		t.Labelled++
	}
	if got != "" && got == want {
		t.Correct++
	}
	if got != want {
		s.misses = append(s.misses, miss{doc, field, got, want, text})
	}
}

// wrongIn lists the wrong (non-empty and different) outputs of a field.
func (s *scores) wrongIn(field string) []miss {
	var out []miss
	for _, m := range s.misses {
		if m.field == field && m.wrong() {
			out = append(out, m)
		}
	}
	return out
}

// TestLabelled measures the parse of the labelled set end to end: per
// document its title, date, session, place, level and speaker, per passage
// its speaker. It fails on a wrong date or session, on passage speaker
// precision under minSpeakerPrecision, on any passage that does not line up
// with its label, and while the set is smaller than its minimum size.
func TestLabelled(t *testing.T) {
	set := loadLabelled(t)
	s := newScores()
	tax := testTaxonomy(t)
	shapes := map[string]int{}
	passages := 0
	for _, l := range set {
		shapes[l.label.Shape]++
		passages += len(l.label.Passages)
		t.Run(l.rel, func(t *testing.T) {
			raw, err := ReadRaw(labelledDocs, l.rel, Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(l.rel, raw, Options{Taxonomy: tax})
			if err != nil {
				t.Fatalf("Parse(%s): %v", l.rel, err)
			}
			scoreDocument(s, l, doc)
			scorePassages(t, s, l, doc)
		})
	}
	t.Logf("%d documents, %d shapes, %d labelled passages", len(set), len(shapes), passages)
	t.Log("shapes: " + countList(shapes))
	t.Log("\n" + scoreTable(s))
	t.Log("\n" + missList(s))
	if *labelledJSON != "" {
		writeLabelledJSON(t, *labelledJSON, s, len(set), len(shapes), passages)
	}

	if p := s.tallies[fieldPassageSpeaker].precision(); p < minSpeakerPrecision {
		t.Errorf("passage speaker precision %.3f, want at least %.2f", p, minSpeakerPrecision)
	}
	for _, f := range []string{fieldDate, fieldSession} {
		for _, m := range s.wrongIn(f) {
			t.Errorf("%s: %s = %q, want %q", m.doc, f, m.got, m.want)
		}
	}
	if len(set) < minLabelledDocuments || passages < minLabelledPassages || len(shapes) < minLabelledShapes {
		t.Errorf("the labelled set has %d documents, %d labelled passages and %d shapes; want at least %d, %d and %d",
			len(set), passages, len(shapes), minLabelledDocuments, minLabelledPassages, minLabelledShapes)
	}
}

// loadLabelled reads every label file, failing on a malformed one or one
// that names a missing document. The set comes back sorted by path.
func loadLabelled(t *testing.T) []labelled {
	t.Helper()
	var set []labelled
	err := filepath.WalkDir(labelledLabels, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		rel, err := filepath.Rel(labelledLabels, p)
		if err != nil {
			return err
		}
		rel = strings.TrimSuffix(filepath.ToSlash(rel), ".json")
		l, err := readLabelFile(p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if _, err := os.Stat(filepath.Join(labelledDocs, filepath.FromSlash(rel))); err != nil {
			t.Errorf("%s names a missing document: %v", p, err)
			return nil
		}
		set = append(set, labelled{rel, l})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(set, func(i, j int) bool { return set[i].rel < set[j].rel })
	return set
}

// readLabelFile decodes and checks one label file.
func readLabelFile(p string) (labelFile, error) {
	var l labelFile
	raw, err := os.ReadFile(p)
	if err != nil {
		return l, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return l, err
	}
	switch {
	case !labelledShapes[l.Shape]:
		return l, fmt.Errorf("unknown shape %q", l.Shape)
	case strings.TrimSpace(l.Title) == "":
		return l, fmt.Errorf("no title")
	case !labelDateRE.MatchString(l.Date):
		return l, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", l.Date)
	case !labelLevels[l.Level]:
		return l, fmt.Errorf("unknown level %q", l.Level)
	case len(l.Passages) == 0:
		return l, fmt.Errorf("no passages")
	}
	for i, lp := range l.Passages {
		if strings.TrimSpace(lp.Text) == "" {
			return l, fmt.Errorf("passage %d has no text", i+1)
		}
	}
	return l, nil
}

// scoreDocument scores the document-level fields.
func scoreDocument(s *scores, l labelled, doc *Document) {
	session := ""
	if doc.MainSession != nil {
		session = doc.MainSession.Name
	}
	s.add(l.rel, fieldTitle, doc.Title, l.label.Title, "")
	s.add(l.rel, fieldDate, doc.Date, l.label.Date, "")
	s.add(l.rel, fieldSession, session, l.label.Session, "")
	s.add(l.rel, fieldPlace, doc.Place, l.label.Place, "")
	s.add(l.rel, fieldLevel, doc.Level, l.label.Level, "")
	s.add(l.rel, fieldSpeaker, doc.Speaker, l.label.Speaker, "")
}

// scorePassages aligns the labels with the parsed passages and scores the
// speakers of the aligned ones. A label with no passage is a missed
// speaker; a parsed passage no label matches is not scored.
func scorePassages(t *testing.T, s *scores, l labelled, doc *Document) {
	t.Helper()
	reportAlignment(t, l.rel, l.label.Passages, doc.Passages)
	for i, j := range alignPassages(l.label.Passages, doc.Passages) {
		lp := l.label.Passages[i]
		got := ""
		if j >= 0 {
			got = doc.Passages[j].Speaker
		}
		s.add(l.rel, fieldPassageSpeaker, got, lp.Speaker, lp.Text)
	}
}

// reportAlignment fails the test when the parsed passages do not line up
// one to one with the labels: a count mismatch, or the first label that is
// not the start of the passage at its index.
func reportAlignment(t *testing.T, rel string, labels []labelPassage, got []Passage) {
	t.Helper()
	if len(labels) != len(got) {
		t.Errorf("%s: alignment: %d labelled passages, %d parsed", rel, len(labels), len(got))
	}
	for i := 0; i < len(labels) && i < len(got); i++ {
		if !startsWith(got[i].Text, labels[i].Text) {
			t.Errorf("%s: alignment: passage %d is %q, label is %q", rel, i+1, clip(got[i].Text, 40), labels[i].Text)
			break
		}
	}
}

// alignPassages maps each label to the index of its parsed passage, or -1:
// greedily, skipping parsed passages until one starts with the label's
// text, so that one split or merged paragraph does not spoil the rest.
func alignPassages(labels []labelPassage, got []Passage) []int {
	out := make([]int, len(labels))
	next := 0
	for i, lp := range labels {
		out[i] = -1
		for j := next; j < len(got); j++ {
			if startsWith(got[j].Text, lp.Text) {
				out[i] = j
				next = j + 1
				break
			}
		}
	}
	return out
}

// startsWith compares a passage with a label's text leaving out spaces
// (U+3000 included), which layout repair may drop or keep.
func startsWith(text, prefix string) bool {
	return strings.HasPrefix(dropSpace(text), dropSpace(prefix))
}

func dropSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}

func countList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// scoreTable prints precision and recall per field with their counts.
func scoreTable(s *scores) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-16s %9s %9s %9s %9s %9s\n", "field", "precision", "recall", "correct", "predicted", "labelled")
	for _, f := range labelledFields {
		t := s.tallies[f]
		fmt.Fprintf(&b, "%-16s %9.3f %9.3f %9d %9d %9d\n", f, t.precision(), t.recall(), t.Correct, t.Predicted, t.Labelled)
	}
	return b.String()
}

// missList prints every output that differs from its label, wrong values
// before missing ones.
func missList(s *scores) string {
	var b strings.Builder
	for _, wrong := range []bool{true, false} {
		if wrong {
			b.WriteString("wrong (got a value that is not the label):\n")
		} else {
			b.WriteString("missed (got nothing where the label has a value):\n")
		}
		for _, m := range s.misses {
			if m.wrong() != wrong {
				continue
			}
			fmt.Fprintf(&b, "  %s  %s: got %q, want %q", m.doc, m.field, m.got, m.want)
			if m.text != "" {
				fmt.Fprintf(&b, "  [%s]", m.text)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// labelledReport is the JSON written by -labelled.json.
type labelledReport struct {
	Documents int          `json:"documents"`
	Shapes    int          `json:"shapes"`
	Passages  int          `json:"passages"`
	Fields    []fieldScore `json:"fields"`
}

type fieldScore struct {
	Field     string  `json:"field"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	tally
}

func writeLabelledJSON(t *testing.T, file string, s *scores, docs, shapes, passages int) {
	t.Helper()
	r := labelledReport{Documents: docs, Shapes: shapes, Passages: passages}
	for _, f := range labelledFields {
		tl := *s.tallies[f]
		r.Fields = append(r.Fields, fieldScore{f, round3(tl.precision()), round3(tl.recall()), tl})
	}
	if err := os.WriteFile(file, marshal(t, r), 0o644); err != nil {
		t.Fatal(err)
	}
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
