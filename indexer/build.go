package indexer

// build fills doc from its text: paragraphs, layout repair, kinds,
// metadata, sessions, speakers, people and topics.
func build(doc *Document, text string, fm frontMatter, tax *Taxonomy) {
	paras := repair(paragraphs(text))
	kinds := classify(paras, fm.Title)

	for i, p := range paras {
		doc.Passages = append(doc.Passages, Passage{N: i + 1, Kind: kinds[i], Text: p})
	}
	doc.Source, doc.Reporters = byline(doc.Passages, fm)
	doc.Photographers = photographers(doc.Passages)
	if date, source := docDate(doc, fm.Date); date != "" {
		doc.Date = date
		doc.setProvenance("date", source)
	}

	place := fm.Place
	if place == "" {
		place = inferPlace(text)
	}
	province := inferProvince(text, place)
	sessions := func(s string) []Session {
		out := FindSessions(s, place)
		for i := range out {
			// 在本市工作的省第十四届人大代表 in a Datong document is
			// Shanxi's congress: the seed names 山西 (对山西工作).
			if out[i].Level == "省" && out[i].Place == "" && province != "" {
				out[i].Place = province
				out[i].Name = out[i].Canonical()
			}
		}
		return out
	}
	for i := range doc.Passages {
		p := &doc.Passages[i]
		p.Sessions = sessions(p.Text)
		for _, s := range p.Sessions {
			doc.Sessions = appendSession(doc.Sessions, s)
		}
		p.Topics = tax.Match(p.Text)
	}
	for _, w := range []string{fm.Session, fm.Meeting} {
		for _, s := range sessions(w) {
			doc.Sessions = appendSession(doc.Sessions, s)
			if doc.MainSession == nil {
				s := s
				doc.MainSession = &s
			}
		}
	}
	if doc.MainSession == nil {
		doc.MainSession = mainSession(doc)
	}
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
}

func appendSession(list []Session, s Session) []Session {
	for _, have := range list {
		if have.Name == s.Name {
			return list
		}
	}
	return append(list, s)
}
