// Document-level fields of the search page: the place and level facets,
// the custom fields of the metadata table (facets named field:NAME, kept
// in the URL as field=NAME:VALUE, as the API takes them), the labels of
// every passage kind, the year facet's chronological order, and where a
// document's metadata came from.
//
// Pure helpers: views/common.js renders with them, and messages.js merges
// MESSAGES into its own.

// KINDS are every passage kind the indexer assigns (indexer.Kind).
export const KINDS = ['headline', 'subheadline', 'lead', 'body', 'list', 'caption', 'credit', 'label', 'salutation', 'signature'];

// DOC_FILTERS are the document-level built-in filters, after the others.
export const DOC_FILTERS = ['place', 'level'];

// CUSTOM_PREFIX begins the facet name of a custom field: field:总理.
const CUSTOM_PREFIX = 'field:';

// PROVENANCE_FIELDS are the metadata fields whose source is shown, in
// order.
const PROVENANCE_FIELDS = ['title', 'date', 'place', 'level', 'session', 'speaker', 'source'];

export const MESSAGES = {
  zh: {
    kind_headline: '标题',
    kind_subheadline: '副标题',
    kind_lead: '导语',
    kind_body: '正文',
    kind_list: '名单',
    kind_caption: '图片说明',
    kind_credit: '记者署名',
    kind_label: '栏目标签',
    kind_salutation: '称呼',
    kind_signature: '署名',
    facet_place: '地点',
    facet_level: '级别',
    metaPlace: '地点',
    metaLevel: '级别',
    metaSpeaker: '发言人',
    metaProvenance: '元数据来源',
    prov_field_title: '标题',
    prov_field_date: '日期',
    prov_field_place: '地点',
    prov_field_level: '级别',
    prov_field_session: '会议',
    prov_field_speaker: '发言人',
    prov_field_source: '来源',
    'prov_text': '正文',
    'prov_file name': '文件名',
    'prov_table': '元数据表',
    'prov_front matter': '文件头信息',
    provItem: '{field}：{source}',
    syntaxPlace: '只看某地的文档（级别:市 按级别）',
    syntaxField: '元数据表的自定义字段，如 总理:李强',
  },
  en: {
    kind_headline: 'Headline',
    kind_subheadline: 'Subheadline',
    kind_lead: 'Lead',
    kind_body: 'Body',
    kind_list: 'List',
    kind_caption: 'Caption',
    kind_credit: 'Byline',
    kind_label: 'Section label',
    kind_salutation: 'Salutation',
    kind_signature: 'Signature',
    facet_place: 'Place',
    facet_level: 'Level',
    metaPlace: 'Place',
    metaLevel: 'Level',
    metaSpeaker: 'Speaker',
    metaProvenance: 'Metadata from',
    prov_field_title: 'title',
    prov_field_date: 'date',
    prov_field_place: 'place',
    prov_field_level: 'level',
    prov_field_session: 'session',
    prov_field_speaker: 'speaker',
    prov_field_source: 'source',
    'prov_text': 'the text',
    'prov_file name': 'the file name',
    'prov_table': 'the metadata table',
    'prov_front matter': 'front matter',
    provItem: '{field}: {source}',
    syntaxPlace: 'documents about one place (level:市 by level)',
    syntaxField: 'a custom field of the metadata table, e.g. 总理:李强',
  },
};

function isCustom(name) {
  return name.startsWith(CUSTOM_PREFIX);
}

// readCustomFilters reads the field=NAME:VALUE parameters of the URL into
// filters['field:NAME'].
export function readCustomFilters(params, filters) {
  for (const v of params.getAll('field')) {
    const i = v.search(/[:：]/);
    if (i <= 0 || i === v.length - 1) continue;
    const key = CUSTOM_PREFIX + v.slice(0, i);
    const value = v.slice(i + 1);
    filters[key] = filters[key] || [];
    if (!filters[key].includes(value)) filters[key].push(value);
  }
}

// appendCustomFilters writes the custom filters back as field=NAME:VALUE.
export function appendCustomFilters(params, filters) {
  for (const key of Object.keys(filters).filter(isCustom).sort()) {
    for (const v of filters[key]) params.append('field', key.slice(CUSTOM_PREFIX.length) + ':' + v);
  }
}

// customKeys are the custom facets to show: those of the results and
// those filtered on, by name.
export function customKeys(filters, facets) {
  const keys = new Set([...Object.keys(facets || {}), ...Object.keys(filters || {})].filter(isCustom));
  return [...keys].sort();
}

// facetTitle is a facet's heading: a custom field's own name, else the
// translated one.
export function facetTitle(name, t) {
  return isCustom(name) ? name.slice(CUSTOM_PREFIX.length) : t('facet_' + name);
}

// orderFacetValues puts the year facet in chronological order; the others
// keep the server's order, the most frequent first.
export function orderFacetValues(name, values) {
  if (name !== 'year') return values;
  return [...values].sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

// provenanceText says where each metadata field of doc came from:
// 标题：元数据表 · 日期：正文 …; '' when the document says nothing.
export function provenanceText(doc, t) {
  const prov = doc.provenance || {};
  return PROVENANCE_FIELDS.filter((f) => prov[f])
    .map((f) => t('provItem', { field: t('prov_field_' + f), source: t('prov_' + prov[f]) }))
    .join(' · ');
}
