package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// debPackages are the Debian packages whose Chinese documentation feeds
// the corpus generator. The zh-tw ones supply Traditional-character text,
// so that the generated corpus exercises folding.
var debPackages = []string{
	"libreoffice-help-zh-cn",
	"libreoffice-help-zh-tw",
	"debian-reference-zh-cn",
	"debian-reference-zh-tw",
	"manpages-zh",
	"debian-faq-zh-cn",
}

// pool holds the real sentences the generator recombines.
type pool struct {
	Simplified  []string // real sentences in Simplified characters
	Traditional []string // real sentences from zh-TW sources
	Documents   []realDoc
	Packages    []string // Debian packages that contributed
	SourceBytes int      // bytes of distinct sentences
}

// realDoc is a document of the project's corpus, copied verbatim.
type realDoc struct {
	Rel  string
	Data []byte
}

// fetchDebian makes sure the packages are extracted under cache/root,
// downloading them with apt-get when missing. It returns the packages that
// are there; without apt it returns what the cache already holds.
func fetchDebian(cache string, log *slog.Logger) []string {
	root := filepath.Join(cache, "root")
	debs := filepath.Join(cache, "debs")
	var have []string
	for _, p := range debPackages {
		marker := filepath.Join(cache, "extracted-"+p)
		if _, err := os.Stat(marker); err == nil {
			have = append(have, p)
			continue
		}
		if err := os.MkdirAll(debs, 0o777); err != nil {
			log.Warn("cache", "err", err)
			return have
		}
		os.Chmod(debs, 0o777) // apt-get download runs as _apt where it can
		matches, _ := filepath.Glob(filepath.Join(debs, p+"_*.deb"))
		if len(matches) == 0 {
			if _, err := exec.LookPath("apt-get"); err != nil {
				log.Warn("apt-get is not available: generating from less real text", "package", p)
				continue
			}
			cmd := exec.Command("apt-get", "download", "-q", p)
			cmd.Dir = debs
			if out, err := cmd.CombinedOutput(); err != nil {
				log.Warn("apt-get download failed: generating from less real text", "package", p, "err", err, "output", lastLine(out))
				continue
			}
			matches, _ = filepath.Glob(filepath.Join(debs, p+"_*.deb"))
		}
		if len(matches) == 0 {
			continue
		}
		if out, err := exec.Command("dpkg", "-x", matches[0], root).CombinedOutput(); err != nil {
			log.Warn("dpkg -x failed", "package", p, "err", err, "output", lastLine(out))
			continue
		}
		os.WriteFile(marker, nil, 0o644)
		have = append(have, p)
	}
	return have
}

func lastLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// loadPool gathers real sentences from the project corpus and the
// extracted Debian documentation, in a fixed order so that the generator
// is deterministic for a given set of sources.
func loadPool(projectCorpus, cache string, log *slog.Logger) (*pool, error) {
	p := &pool{}
	seen := map[string]bool{}
	add := func(s string, trad bool) {
		if seen[s] {
			return
		}
		seen[s] = true
		p.SourceBytes += len(s)
		if trad {
			p.Traditional = append(p.Traditional, s)
		} else {
			p.Simplified = append(p.Simplified, s)
		}
	}

	// The project's own documents: copied verbatim, and their sentences
	// recombined like the rest.
	err := filepath.WalkDir(projectCorpus, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := strings.ToLower(filepath.Ext(path)); ext != ".txt" && ext != ".md" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil || !utf8.Valid(b) {
			return nil
		}
		rel, _ := filepath.Rel(projectCorpus, path)
		p.Documents = append(p.Documents, realDoc{Rel: filepath.ToSlash(rel), Data: b})
		for _, s := range sentences(string(b)) {
			add(s, false)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", projectCorpus, err)
	}

	p.Packages = fetchDebian(cache, log)
	root := filepath.Join(cache, "root")
	var files []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasSuffix(rel, ".html"):
			files = append(files, rel)
		case strings.HasPrefix(rel, "usr/share/man/zh_") && strings.HasSuffix(rel, ".gz"):
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	for _, rel := range files {
		text, err := extractText(filepath.Join(root, rel))
		if err != nil {
			continue
		}
		trad := strings.Contains(rel, "zh-tw") || strings.Contains(rel, "zh-TW") || strings.Contains(rel, "zh_TW") || strings.Contains(rel, "zh-hant")
		for _, s := range sentences(text) {
			add(s, trad)
		}
	}
	return p, nil
}

var (
	reScript = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)>`)
	reBlock  = regexp.MustCompile(`(?is)</?(p|div|h[1-6]|li|br|tr|td|th|title|pre|table|ul|ol|dl|dt|dd|section|body|head)\b[^>]*>`)
	reTag    = regexp.MustCompile(`(?s)<[^>]*>`)
	reGroff  = regexp.MustCompile(`\\f[BIRP]|\\f\(..|\\\(..|\\[-e&|^]|\\s[-+]?\d`)
)

// extractText reduces an HTML page or a gzipped man page to plain text.
func extractText(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return "", err
		}
		defer z.Close()
		r = z
	}
	b, err := io.ReadAll(io.LimitReader(r, 8<<20))
	if err != nil {
		return "", err
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("not UTF-8")
	}
	if strings.HasSuffix(path, ".html") {
		s := reScript.ReplaceAllString(string(b), "\n")
		// Block elements end a line; inline ones (links, emphasis) sit
		// inside sentences and must not cut them.
		s = reBlock.ReplaceAllString(s, "\n")
		s = reTag.ReplaceAllString(s, "")
		return html.UnescapeString(s), nil
	}
	// A man page: drop requests and comments, unescape the rest.
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, ".") || strings.HasPrefix(line, "'") {
			continue
		}
		out.WriteString(reGroff.ReplaceAllString(line, ""))
		out.WriteByte('\n')
	}
	return out.String(), nil
}

// sentences splits text into prose sentences worth keeping: at least eight
// Han characters, mostly Han, with no markup left over.
func sentences(text string) []string {
	var out []string
	var cur []rune
	flush := func() {
		s := strings.TrimSpace(string(cur))
		cur = cur[:0]
		if keepSentence(s) {
			out = append(out, s)
		}
	}
	for _, r := range text {
		switch r {
		case '\n', '\r':
			flush()
		case '。', '！', '？', '；':
			cur = append(cur, r)
			flush()
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

func keepSentence(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 10 || n > 160 {
		return false
	}
	if strings.ContainsAny(s, "<>{}\\$#=|`*_@") {
		return false
	}
	han, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.IsSpace(r):
		default:
			other++
		}
	}
	return han >= 8 && han*3 >= (han+other)*2
}
