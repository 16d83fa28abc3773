package indexer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Version changes when the same files are read into different passages,
// so that indexes built from the old reading are rebuilt.
const Version = "14"

// DefaultMaxFileBytes is the largest file read; larger ones are skipped.
const DefaultMaxFileBytes = 20 << 20

// Options for parsing.
type Options struct {
	MaxFileBytes int64     // 0 means DefaultMaxFileBytes
	Taxonomy     *Taxonomy // nil: no topics
	Metadata     *Metadata // the corpus's metadata table; nil: none
}

// SkipError says why a file was not indexed. It never stops a run.
type SkipError struct{ Path, Reason string }

func (e *SkipError) Error() string { return e.Path + ": " + e.Reason }

// corpusExts are the file kinds read from the corpus.
var corpusExts = map[string]bool{".txt": true, ".md": true, ".markdown": true, ".html": true, ".htm": true}

// Scan lists the corpus files under root, recursively, as slash-separated
// paths relative to root, sorted. Hidden files and folders are passed over.
func Scan(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !corpusExts[strings.ToLower(filepath.Ext(name))] {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(out)
	return out, err
}

// ReadFile reads and parses root/rel.
func ReadFile(root, rel string, opts Options) (*Document, error) {
	raw, err := ReadRaw(root, rel, opts)
	if err != nil {
		return nil, err
	}
	return Parse(rel, raw, opts)
}

// ReadRaw reads the bytes of root/rel, or returns a *SkipError when the
// file cannot be read or is over the size limit (checked before reading).
func ReadRaw(root, rel string, opts Options) ([]byte, error) {
	limit := opts.MaxFileBytes
	if limit <= 0 {
		limit = DefaultMaxFileBytes
	}
	p := filepath.Join(root, filepath.FromSlash(rel))
	st, err := os.Stat(p)
	if err != nil {
		return nil, &SkipError{rel, err.Error()}
	}
	if st.Size() > limit {
		return nil, &SkipError{rel, fmt.Sprintf("file is %d bytes, over the %d-byte limit", st.Size(), limit)}
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return nil, &SkipError{rel, err.Error()}
	}
	return raw, nil
}

// Parse parses the raw bytes of a file named rel; the extension picks the
// handling of text, Markdown or HTML.
func Parse(rel string, raw []byte, opts Options) (*Document, error) {
	limit := opts.MaxFileBytes
	if limit <= 0 {
		limit = DefaultMaxFileBytes
	}
	if int64(len(raw)) > limit {
		return nil, &SkipError{rel, fmt.Sprintf("file is %d bytes, over the %d-byte limit", len(raw), limit)}
	}
	declared := ""
	if ext := strings.ToLower(path.Ext(rel)); ext == ".html" || ext == ".htm" {
		declared = metaCharset(raw)
	}
	text, err := decode(raw, declared)
	if err != nil {
		return nil, &SkipError{rel, err.Error()}
	}
	doc := &Document{ID: DocID(rel), Path: rel, Hash: ContentHash(rel, raw, opts)}
	var fm frontMatter
	switch strings.ToLower(path.Ext(rel)) {
	case ".md", ".markdown":
		fm, text = splitFrontMatter(text)
		text = stripMarkdown(text)
	case ".html", ".htm":
		var title string
		text, title = htmlText(text)
		if fm.Title == "" {
			fm.Title = title
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, &SkipError{rel, "no text"}
	}
	row := opts.Metadata.Row(rel)
	if row != nil && len(row.Speakers) > 0 {
		// A table speaker speaks the document as a front-matter one does.
		fm.Speakers = row.Speakers
	}
	build(doc, text, fm, opts.Taxonomy)
	row.apply(doc)
	if len(doc.Passages) == 0 {
		return nil, &SkipError{rel, "no text"}
	}
	return doc, nil
}

// decode turns raw bytes into text: UTF-8 with or without BOM, UTF-16 with
// BOM, else GB18030 (GBK's superset, common in mainland government files)
// or Big5 (Taiwan, Hong Kong, Macao), whichever reads as Chinese (see
// decodeLegacy); declared is an HTML page's own charset, or "". Line ends
// become \n.
func decode(raw []byte, declared string) (string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", fmt.Errorf("empty file")
	}
	var s string
	nul := bytes.IndexByte(raw, 0) >= 0
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		s = string(raw[3:])
		if !utf8.ValidString(s) {
			return "", fmt.Errorf("not valid UTF-8 despite its byte order mark")
		}
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		s = decodeUTF16(raw[2:], raw[0] == 0xFE)
	case !nul && utf8.Valid(raw):
		s = string(raw)
	case nul && len(raw)%2 == 0:
		// UTF-16 without a byte order mark, as some exports write it: the
		// NUL bytes of its ASCII line ends tell it (GB18030 and Big5 have
		// none); the byte order is the one that reads as Chinese.
		var ok bool
		if s, ok = bomlessUTF16(raw); !ok {
			return "", fmt.Errorf("binary file (NUL bytes, and not UTF-16 text)")
		}
	default:
		var err error
		if s, err = decodeLegacy(raw, declared); err != nil {
			return "", err
		}
	}
	if strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' }) == "" {
		return "", fmt.Errorf("empty file")
	}
	if looksBinary(s) {
		return "", fmt.Errorf("binary file (control characters)")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return s, nil
}

// legacyEncodings are the encodings tried on text that is neither UTF-8
// nor UTF-16 with a byte order mark.
var legacyEncodings = []encoding.Encoding{simplifiedchinese.GB18030, traditionalchinese.Big5}

// decodeLegacy decodes raw with the declared encoding, GB18030 and Big5,
// and keeps the reading with the most common Chinese characters. Byte
// pairs of Big5 text are mostly valid GBK too, so a Big5 file read as
// GB18030 decodes without an error into rare characters; a reading with
// an undecodable byte is never kept. Ties go to the declared encoding,
// then to GB18030.
func decodeLegacy(raw []byte, declared string) (string, error) {
	cands := legacyEncodings
	if declared != "" {
		if enc, err := htmlindex.Get(declared); err == nil {
			cands = append([]encoding.Encoding{enc}, legacyEncodings...)
		}
	}
	best, bestScore := "", -1
	for _, enc := range cands {
		b, err := enc.NewDecoder().Bytes(raw)
		if err != nil || !utf8.Valid(b) || bytes.ContainsRune(b, utf8.RuneError) {
			continue
		}
		if sc := commonHan(b); sc > bestScore {
			best, bestScore = string(b), sc
		}
	}
	if bestScore < 0 {
		return "", fmt.Errorf("not UTF-8, UTF-16, GB18030 or Big5 text")
	}
	return best, nil
}

// metaCharsetRE finds <meta charset="…"> and <meta http-equiv=…
// content="text/html; charset=…">.
var metaCharsetRE = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)

// metaCharset is the charset an HTML page declares in its first 4 KiB.
func metaCharset(raw []byte) string {
	if m := metaCharsetRE.FindSubmatch(raw[:min(len(raw), 4096)]); m != nil {
		return string(m[1])
	}
	return ""
}

// bomlessUTF16 reads b as UTF-16 in the byte order that reads as Chinese
// text: only Chinese characters, ASCII, and Chinese, full-width and
// general punctuation, with at least half of its Chinese characters common
// ones (the wrong byte order gives rare characters and stray letters). ok
// is false when neither order does.
func bomlessUTF16(b []byte) (string, bool) {
	for _, big := range []bool{false, true} {
		t := decodeUTF16(b, big)
		han, other := 0, false
		for _, r := range t {
			switch {
			case r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF:
				han++
			case r == '\n' || r == '\r' || r == '\t' || r >= 0x20 && r < 0x7F,
				r >= 0x2000 && r <= 0x206F, r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r == 0xFEFF:
			default:
				other = true
			}
		}
		if !other && han > 0 && 2*commonHan([]byte(t)) >= han {
			return t, true
		}
	}
	return "", false
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}

// looksBinary: NUL bytes or many control characters.
func looksBinary(s string) bool {
	if strings.ContainsRune(s, 0) {
		return true
	}
	ctl, n := 0, 0
	for _, r := range s {
		n++
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			ctl++
		}
	}
	return n > 0 && ctl*20 > n
}

// DocID is a stable, URL-safe, readable id derived from the relative path:
// letters, digits and CJK are kept, everything else becomes '-', and a
// short hash of the path is appended when the name had to change, so that
// two paths never share an id.
func DocID(rel string) string {
	base := strings.TrimSuffix(rel, path.Ext(rel))
	var b strings.Builder
	changed := false
	dash := false
	for _, r := range base {
		ok := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if ok {
			b.WriteRune(r)
			dash = false
			continue
		}
		changed = changed || r != '-'
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.TrimRight(b.String(), "-")
	if id == "" || changed {
		sum := sha256.Sum256([]byte(rel))
		if id != "" {
			id += "-"
		}
		id += hex.EncodeToString(sum[:3])
	}
	return id
}
