package indexer

import "sessionsearch/fold"

// build fills doc from its text: paragraphs, layout repair, kinds,
// metadata, sessions, speakers, people and topics.
func build(doc *Document, text string, fm frontMatter, tax *Taxonomy) {
	paras := repair(paragraphs(text))
	kinds := classify(paras, fm.Title)

	for i, p := range paras {
		doc.Passages = append(doc.Passages, Passage{N: i + 1, Kind: kinds[i], Text: p})
	}
	doc.Source, doc.Reporters = byline(doc.Passages, fm)
	doc.Paper, doc.Page, doc.Site = publication(doc)
	doc.Photographers = photographers(doc.Passages)
	if date, source := docDate(doc, fm.Date); date != "" {
		doc.Date = date
		doc.setProvenance("date", source)
	}

	// The place that sessions naming only a level (市十六届人大五次会议)
	// belong to: front matter's, else the first congress, government or
	// CPPCC the text names in full, else the file's; the province of 省
	// comes from the gazetteer (大同市 is in 山西省).
	place, at := fm.Place, (*division)(nil)
	var context []*division // the divisions that resolve shared names, read once
	if place != "" {
		at = places().lookup(fold.String(place))
	} else {
		context = docContext(doc)
		if at = textPlace(doc, context); at != nil {
			place = at.name
		}
	}
	for i := range doc.Passages {
		p := &doc.Passages[i]
		p.Sessions = sessionsAt(p.Text, at, place)
		for _, s := range p.Sessions {
			doc.Sessions = appendSession(doc.Sessions, s)
		}
		p.Topics = tax.Match(p.Text)
	}
	for _, w := range []string{fm.Session, fm.Meeting} {
		for _, s := range sessionsAt(w, at, place) {
			doc.Sessions = appendSession(doc.Sessions, s)
			if doc.MainSession == nil {
				s := s
				doc.MainSession = &s
				doc.setProvenance("session", SourceFrontMatter)
			}
		}
	}
	if doc.MainSession == nil {
		if doc.MainSession = mainSession(doc, at, place); doc.MainSession != nil {
			doc.setProvenance("session", SourceText)
		} else if doc.MainSession = pathSession(doc.Path, at, place); doc.MainSession != nil {
			doc.Sessions = appendSession(doc.Sessions, *doc.MainSession)
			doc.setProvenance("session", SourceFileName)
		}
	}
	docPlace(doc, fm.Place, context)
	attribute(doc, fm.Speakers)
	titles(doc, fm.Title) // after attribute, which marks signatures
	for i := range doc.Passages {
		p := &doc.Passages[i]
		if p.Topics == nil {
			p.Topics = []string{}
		}
		if p.Sessions == nil {
			p.Sessions = []Session{}
		}
		if p.People == nil {
			p.People = []Person{}
		}
	}
	if doc.Subtitles == nil {
		doc.Subtitles = []string{}
	}
	if doc.Sessions == nil {
		doc.Sessions = []Session{}
	}
	fillProvenance(doc, fm)
}

func appendSession(list []Session, s Session) []Session {
	for _, have := range list {
		if have.Name == s.Name {
			return list
		}
	}
	return append(list, s)
}
