package indexer

import "strings"

// fillProvenance records, at the end of build, where each metadata field
// came from: the front matter where it gave the value kept, else the text
// for a field no extractor has placed (extractors that read the file name
// say so themselves). fmSession says the main session is the front
// matter's.
func fillProvenance(doc *Document, fm frontMatter, fmSession bool) {
	fromFM := map[string]bool{
		colTitle:    fm.Title != "" && doc.Title == strings.TrimSpace(fm.Title),
		colSource:   fm.Source != "" && doc.Source == strings.TrimSpace(fm.Source),
		colPlace:    fm.Place != "" && doc.Place == strings.TrimSpace(fm.Place),
		colSession:  fmSession,
		colSpeakers: len(fm.Speakers) == 1 && doc.Speaker != "" && doc.Speaker == strings.TrimSpace(fm.Speakers[0]),
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
