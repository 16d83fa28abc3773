package indexer

import (
	"regexp"
	"sessionsearch/fold"
	"strings"
)

var placeNameRe = regexp.MustCompile(`(\p{Han}{2,6}?(?:自治区|自治州|省|市|县|区))(?:第\p{Han}{1,3}届|人民代表大会|人民政府|政协)`)

// inferPlace: the first place that holds a congress, government or CPPCC
// in the text (the seed's 大同市第十六届人民代表大会 gives 大同市).
func inferPlace(text string) string {
	m := placeNameRe.FindStringSubmatch(fold.String(text))
	if m == nil {
		return ""
	}
	return strings.TrimLeft(m[1], placeStop)
}

// provinces are the provincial-level divisions by their short names, to
// name the province of a document whose sessions say only 省.
var provinces = []struct{ short, full string }{
	{"北京", "北京市"}, {"天津", "天津市"}, {"上海", "上海市"}, {"重庆", "重庆市"},
	{"河北", "河北省"}, {"山西", "山西省"}, {"辽宁", "辽宁省"}, {"吉林", "吉林省"},
	{"黑龙江", "黑龙江省"}, {"江苏", "江苏省"}, {"浙江", "浙江省"}, {"安徽", "安徽省"},
	{"福建", "福建省"}, {"江西", "江西省"}, {"山东", "山东省"}, {"河南", "河南省"},
	{"湖北", "湖北省"}, {"湖南", "湖南省"}, {"广东", "广东省"}, {"海南", "海南省"},
	{"四川", "四川省"}, {"贵州", "贵州省"}, {"云南", "云南省"}, {"陕西", "陕西省"},
	{"甘肃", "甘肃省"}, {"青海", "青海省"}, {"台湾", "台湾省"},
	{"内蒙古", "内蒙古自治区"}, {"广西", "广西壮族自治区"}, {"西藏", "西藏自治区"},
	{"宁夏", "宁夏回族自治区"}, {"新疆", "新疆维吾尔自治区"},
}

// inferProvince is the province a document is set in: the place itself
// when it is one, else the province named most often (the seed names
// 山西 twice, in 对山西工作的重要讲话), the earlier in the list on a tie.
// Municipalities are left out of the count: a Datong report that names
// 北京 is still in Shanxi.
func inferProvince(text, place string) string {
	if levelOf(place) == "省" {
		return place
	}
	f := simplified(text)
	best, count := "", 0
	for _, p := range provinces {
		if strings.HasSuffix(p.full, "市") {
			continue
		}
		if n := strings.Count(f, p.short); n > count {
			best, count = p.full, n
		}
	}
	return best
}
