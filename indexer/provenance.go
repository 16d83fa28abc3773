package indexer

import "strings"

// fillProvenance records, at the end of build, where the fields no
// extractor has placed came from (titles, docDate, the session's choice in
// build, docPlace and attribute say so themselves): the front matter for a
// source or a date it gave, else the text.
func fillProvenance(doc *Document, fm frontMatter) {
	fromFM := map[string]bool{
		colSource: fm.Source != "" && doc.Source == strings.TrimSpace(fm.Source),
	}
	if d, ok := TableDate(fm.Date); ok && d == doc.Date {
		fromFM[colDate] = true
	}
	values := map[string]bool{
		colTitle: doc.Title != "", colDate: doc.Date != "", colPlace: doc.Place != "", colLevel: doc.Level != "",
		colSession: doc.MainSession != nil, colSpeakers: doc.Speaker != "", colSource: doc.Source != "",
	}
	for _, f := range MetadataColumns[1:] {
		switch {
		case fromFM[f]:
			doc.setProvenance(f, SourceFrontMatter)
		case values[f] && doc.Provenance[f] == "":
			doc.setProvenance(f, SourceText)
		}
	}
}
