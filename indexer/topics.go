package indexer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"sessionsearch/fold"
)

// Taxonomy maps topic labels to the words and phrases that signal them,
// from corpus/topics.yaml. A passage gets every topic it signals.
type Taxonomy struct {
	topics      []topic
	fingerprint string
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

// Match returns every label the text signals, matching on folded text so
// that Traditional documents get their topics too.
func (t *Taxonomy) Match(text string) []string {
	if t == nil {
		return nil
	}
	f := fold.String(text)
	var out []string
	for _, tp := range t.topics {
		for _, s := range tp.folded {
			if strings.Contains(f, s) {
				out = append(out, tp.Label)
				break
			}
		}
	}
	return out
}
