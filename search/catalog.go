package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The catalog is the metadata of every document in a generation. Each
// document's record is a Bleve document of its own ("d:<id>"), written in
// the same batch as its passages, so that a crash never leaves passages
// without their document or the other way round.

const (
	fieldRec   = "rec"     // keyword: "doc" on document records, "passage" on passages
	recPassage = "passage" // the value of fieldRec on passages
	recPrefix  = "d:"
	metaKey    = "meta"
	catalogKey = "catalog"
)

// meta is stored in the index's internal storage.
type meta struct {
	Mapping     string `json:"mapping"`
	Taxonomy    string `json:"taxonomy"`
	LastIndexed string `json:"last_indexed"`
	// Catalog says that the catalog blob (catalogKey) matches the
	// document records: it is written by the last batch of an update;
	// every batch before it clears the flag. Reading one blob opens a
	// 15,000-document index in a fraction of the time that reading every
	// record through a search takes.
	Catalog bool `json:"catalog"`
}

type catalog struct {
	docs   map[string]*DocumentInfo
	byPath map[string]*DocumentInfo
	sorted []*DocumentInfo // date, then path
	meta   meta
	// derivedData is computed from docs on first use (docfields.go).
	derivedData atomic.Pointer[catalogDerived]
}

func newCatalog() *catalog {
	return &catalog{docs: map[string]*DocumentInfo{}, byPath: map[string]*DocumentInfo{}}
}

func (c *catalog) put(d *DocumentInfo) {
	if old := c.docs[d.ID]; old != nil {
		delete(c.byPath, old.Path)
	}
	c.docs[d.ID] = d
	c.byPath[d.Path] = d
	c.sorted = nil
	c.derivedData.Store(nil)
}

func (c *catalog) remove(id string) {
	if old := c.docs[id]; old != nil {
		delete(c.byPath, old.Path)
		delete(c.docs, id)
		c.sorted = nil
		c.derivedData.Store(nil)
	}
}

func (c *catalog) list() []*DocumentInfo {
	if c.sorted == nil {
		c.sorted = make([]*DocumentInfo, 0, len(c.docs))
		for _, d := range c.docs {
			c.sorted = append(c.sorted, d)
		}
		sort.Slice(c.sorted, func(i, j int) bool {
			a, b := c.sorted[i], c.sorted[j]
			if a.Date != b.Date {
				return a.Date < b.Date
			}
			return a.Path < b.Path
		})
	}
	return c.sorted
}

func (c *catalog) clone() *catalog {
	n := newCatalog()
	for _, d := range c.docs {
		n.put(d)
	}
	n.meta = c.meta
	return n
}

func (c *catalog) title(id string) string {
	if d := c.docs[id]; d != nil {
		return d.Title
	}
	return ""
}

// dictTable shares one map among the records whose maps are equal: a
// record's provenance names where each of its fields came from, and most
// documents of one corpus have the same (the 15,258 documents of the
// 100 MB benchmark corpus have few distinct ones), while a map of a few
// entries costs about 300 bytes, a fifth of a record. Records are never
// changed once made, so sharing their maps is safe.
type dictTable map[string]map[string]string

// intern returns the table's map equal to m, adding m when there is none.
func (t dictTable) intern(m map[string]string) map[string]string {
	if m == nil || t == nil {
		return m
	}
	// Each string prefixed with its length, so that no two maps have
	// one key.
	var b []byte
	for _, k := range slices.Sorted(maps.Keys(m)) {
		b = appendString(appendString(b, k), m[k])
	}
	if shared, ok := t[string(b)]; ok {
		return shared
	}
	t[string(b)] = m
	return m
}

func recordDocument(d *DocumentInfo) (*document.Document, error) {
	blob, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	doc := document.NewDocument(recPrefix + d.ID)
	doc.AddField(document.NewTextFieldCustom(fieldRec, nil, []byte("doc"), bindex.IndexField|bindex.SkipFreqNorm, keywordAnalyzerImpl))
	doc.AddField(document.NewTextFieldWithIndexingOptions(fieldStored, nil, blob, storedOpts))
	return doc, nil
}

// decodeCatalog reads a catalog blob: the binary form (catalogblob.go),
// or the JSON of an index written before it, gzipped or, older still,
// plain.
func decodeCatalog(b []byte) ([]*DocumentInfo, error) {
	if len(b) > 0 && b[0] == catalogVersion {
		return decodeCatalogBinary(b)
	}
	var docs []*DocumentInfo
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		err := json.Unmarshal(b, &docs)
		return docs, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if err := json.NewDecoder(zr).Decode(&docs); err != nil {
		return nil, err
	}
	return docs, nil
}

// loadCatalog reads every document record and the meta of an index.
func loadCatalog(idx bleve.Index) (*catalog, error) {
	c := newCatalog()
	if b, err := idx.GetInternal([]byte(metaKey)); err != nil {
		return nil, err
	} else if len(b) > 0 {
		if err := json.Unmarshal(b, &c.meta); err != nil {
			return nil, fmt.Errorf("reading index meta: %w", err)
		}
	}
	if c.meta.Catalog {
		if b, err := idx.GetInternal([]byte(catalogKey)); err == nil && len(b) > 0 {
			if docs, err := decodeCatalog(b); err == nil {
				for _, d := range docs {
					c.put(d)
				}
				return c, nil
			}
		}
	}
	// The records themselves: after a crash in the middle of an update,
	// or when the blob is unreadable.
	q := termQuery(fieldRec, "doc")
	const page = 1000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(q, page, 0, false)
		req.Fields = []string{fieldStored}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := idx.Search(req)
		if err != nil {
			return nil, fmt.Errorf("reading the document catalog: %w", err)
		}
		for _, h := range res.Hits {
			s, _ := h.Fields[fieldStored].(string)
			var d DocumentInfo
			if err := json.Unmarshal([]byte(s), &d); err != nil {
				return nil, fmt.Errorf("document record %s: %w", h.ID, err)
			}
			c.put(&d)
		}
		if len(res.Hits) < page {
			break
		}
		after = res.Hits[len(res.Hits)-1].Sort
	}
	return c, nil
}
