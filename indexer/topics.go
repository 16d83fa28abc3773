package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"sessionsearch/fold"
)

// Taxonomy maps topic labels to the words and phrases that signal them,
// from corpus/topics.yaml. A passage gets every topic it signals.
type Taxonomy struct {
	topics      []topic
	fingerprint string
	// byFirst indexes every folded signal by its first rune, so that
	// Match reads a passage once instead of once per signal (a linear
	// scan per signal was a third of the parse time).
	byFirst map[rune][]signal
}

// signal is one folded signal phrase of topic number topic.
type signal struct {
	text  string
	topic int
}

type topic struct {
	Label   string   `yaml:"label"`
	Signals []string `yaml:"signals"`
	folded  []string
}

type taxonomyFile struct {
	Topics []topic `yaml:"topics"`
}

// LoadTaxonomy reads a taxonomy file; a missing file is an empty taxonomy.
func LoadTaxonomy(path string) (*Taxonomy, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Taxonomy{fingerprint: "none"}, nil
	}
	if err != nil {
		return nil, err
	}
	var f taxonomyFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := &Taxonomy{}
	for i, tp := range f.Topics {
		if strings.TrimSpace(tp.Label) == "" || len(tp.Signals) == 0 {
			return nil, fmt.Errorf("%s: topic %d needs a label and at least one signal", path, i+1)
		}
		for _, s := range tp.Signals {
			if s = strings.TrimSpace(s); s != "" {
				tp.folded = append(tp.folded, fold.String(s))
			}
		}
		t.topics = append(t.topics, tp)
	}
	t.byFirst = map[rune][]signal{}
	for i, tp := range t.topics {
		for _, f := range tp.folded {
			r, _ := utf8.DecodeRuneInString(f)
			t.byFirst[r] = append(t.byFirst[r], signal{f, i})
		}
	}
	sum := sha256.Sum256(b)
	t.fingerprint = hex.EncodeToString(sum[:8])
	return t, nil
}

// Labels lists the topic labels in file order.
func (t *Taxonomy) Labels() []string {
	if t == nil {
		return nil
	}
	out := make([]string, len(t.topics))
	for i, tp := range t.topics {
		out[i] = tp.Label
	}
	return out
}

// Fingerprint identifies the taxonomy's content: a change makes the search
// index rebuild, since topics are stored with each passage.
func (t *Taxonomy) Fingerprint() string {
	if t == nil {
		return "none"
	}
	return t.fingerprint
}

// Match returns every label the text signals, in taxonomy order, matching
// on folded text so that Traditional documents get their topics too.
func (t *Taxonomy) Match(text string) []string {
	if t == nil || len(t.topics) == 0 {
		return nil
	}
	f := fold.String(text)
	hit := make([]bool, len(t.topics))
	for i, r := range f {
		for _, sg := range t.byFirst[r] {
			if !hit[sg.topic] && strings.HasPrefix(f[i:], sg.text) {
				hit[sg.topic] = true
			}
		}
	}
	var out []string
	for i, h := range hit {
		if h {
			out = append(out, t.topics[i].Label)
		}
	}
	return out
}
