package search

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"gopkg.in/yaml.v3"

	"sessionsearch/fold"
)

// synonyms maps a folded wording to every wording of its group. Bleve's own
// synonym support covers single tokens only; these are multi-character
// phrases, so queries are rewritten before they reach Bleve.
type synonyms struct {
	groups [][]string          // as written in the file
	byText map[string][]string // folded wording -> the group's wordings
}

// synonymsFile is the file's shape: a list of groups of equivalent
// wordings.
type synonymsFile struct {
	Groups [][]string `yaml:"groups"`
}

// loadSynonyms reads path; a missing file means no synonyms.
func loadSynonyms(path string) (*synonyms, error) {
	s := &synonyms{byText: map[string][]string{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	var f synonymsFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, g := range f.Groups {
		if len(g) < 2 {
			return nil, fmt.Errorf("%s: group %d has %d wording(s); a group needs two or more", path, i+1, len(g))
		}
		s.groups = append(s.groups, g)
		for _, w := range g {
			k := fold.String(w)
			// A wording in several groups expands to all of them.
			s.byText[k] = appendNew(s.byText[k], g...)
		}
	}
	return s, nil
}

// expand returns the other wordings of a folded unit text, without the
// text itself.
func (s *synonyms) expand(folded string) []string {
	if s == nil {
		return nil
	}
	var out []string
	for _, w := range s.byText[folded] {
		if fold.String(w) != folded {
			out = appendNew(out, w)
		}
	}
	return out
}

func appendNew(list []string, vals ...string) []string {
outer:
	for _, v := range vals {
		for _, have := range list {
			if have == v {
				continue outer
			}
		}
		list = append(list, v)
	}
	return list
}
