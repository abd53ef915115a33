package core

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Validator collects every broken rule of one input. The zero value is
// ready to use.
type Validator struct {
	fields []FieldError
}

// Add records that field breaks reason.
func (v *Validator) Add(field, reason string) {
	v.fields = append(v.fields, FieldError{Field: field, Reason: reason})
}

// Err returns a *ValidationError for operation listing every broken rule, or
// nil when there is none.
func (v *Validator) Err(operation string) error {
	if len(v.fields) == 0 {
		return nil
	}
	return &ValidationError{Operation: operation, Fields: v.fields}
}

// NilInput returns the error for a nil input pointer.
func NilInput(operation string) error {
	return &ValidationError{Operation: operation, Fields: []FieldError{{Field: "input", Reason: "must not be nil"}}}
}

// Required records "is required" when s is empty and reports whether s is
// set, so that further rules can be skipped.
func (v *Validator) Required(field, s string) bool {
	if s == "" {
		v.Add(field, "is required")
		return false
	}
	return v.utf8(field, s)
}

// utf8 records a rule when s is not valid UTF-8 and reports whether it is.
func (v *Validator) utf8(field, s string) bool {
	if !utf8.ValidString(s) {
		v.Add(field, "must be valid UTF-8")
		return false
	}
	return true
}

// Region checks an optional region id: empty, or one that can stand in an
// endpoint host.
func (v *Validator) Region(field, s string) {
	if s != "" && !validRegion(s) {
		v.Add(field, "must be a region id such as cn-qingdao: lower-case letters, digits and '-'")
	}
}

// OneOf checks that s is one of values. With fold, case is ignored.
func (v *Validator) OneOf(field, s string, fold bool, values ...string) {
	for _, w := range values {
		if s == w || fold && strings.EqualFold(s, w) {
			return
		}
	}
	v.Add(field, "must be one of "+strings.Join(values, ", "))
}

// ID checks an optional resource id: at most 128 printable ASCII characters
// without spaces.
func (v *Validator) ID(field, s string) {
	if len(s) > 128 || !printableASCII(s, false) {
		v.Add(field, "must be at most 128 printable ASCII characters without spaces")
	}
}

// SLSProject checks a required Log Service project name: 3-63 characters,
// lower-case letters, digits and '-', starting and ending with a letter or
// digit.
func (v *Validator) SLSProject(field, s string) {
	if v.Required(field, s) && !slsName(s, "-") {
		v.Add(field, "must be 3-63 characters of lower-case letters, digits and '-', starting and ending with a letter or digit")
	}
}

// SLSLogstore checks a required Log Service logstore name: as a project,
// with '_' allowed too.
func (v *Validator) SLSLogstore(field, s string) {
	if v.Required(field, s) && !slsName(s, "-_") {
		v.Add(field, "must be 3-63 characters of lower-case letters, digits, '-' and '_', starting and ending with a letter or digit")
	}
}

func slsName(s, extra string) bool {
	if len(s) < 3 || len(s) > 63 || !lowerAlnum(s[0]) || !lowerAlnum(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !lowerAlnum(s[i]) && strings.IndexByte(extra, s[i]) < 0 {
			return false
		}
	}
	return true
}

func lowerAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// TextRules are the rules of a product for names and descriptions.
type TextRules struct {
	// Han allows Chinese characters wherever a letter is allowed.
	Han bool
}

// letter reports whether r counts as a letter under the rules.
func (t TextRules) letter(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || t.Han && unicode.Is(unicode.Han, r)
}

// startRule names the first-character rule in messages.
func (t TextRules) startRule() string {
	if t.Han {
		return "start with a letter or a Chinese character"
	}
	return "start with a letter"
}

// Name checks an optional flow log name: 2-128 characters, starting with a
// letter, made of letters, digits, '.', '_' and '-' (so never a URL).
func (t TextRules) Name(v *Validator, field, s string) {
	if s == "" || !v.utf8(field, s) {
		return
	}
	n := utf8.RuneCountInString(s)
	first, _ := utf8.DecodeRuneInString(s)
	ok := n >= 2 && n <= 128 && t.letter(first)
	for _, r := range s {
		ok = ok && (t.letter(r) || '0' <= r && r <= '9' || r == '.' || r == '_' || r == '-')
	}
	if !ok {
		v.Add(field, fmt.Sprintf("must be 2-128 characters and %s; letters, digits, '.', '_' and '-' only", t.startRule()))
	}
}

// Description checks an optional description: 2-256 characters, starting
// with a letter and not with http:// or https://.
func (t TextRules) Description(v *Validator, field, s string) {
	if s == "" || !v.utf8(field, s) {
		return
	}
	n := utf8.RuneCountInString(s)
	first, _ := utf8.DecodeRuneInString(s)
	if n < 2 || n > 256 || !t.letter(first) || hasURLPrefix(s) {
		v.Add(field, fmt.Sprintf("must be 2-256 characters, %s and not start with http:// or https://", t.startRule()))
	}
}

func hasURLPrefix(s string) bool {
	return hasPrefixFold(s, "http://") || hasPrefixFold(s, "https://")
}

// hasPrefixFold reports whether s starts with prefix, a lower-case ASCII
// string, with ASCII letters of s in any case. It neither allocates nor
// folds non-ASCII characters, none of which lower-case to these prefixes.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// containsFold reports whether s contains sub, as hasPrefixFold compares.
func containsFold(s, sub string) bool { return indexFold(s, sub) >= 0 }

// indexFold returns the byte index in s of the first sub, as hasPrefixFold
// compares, or -1.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if hasPrefixFold(s[i:], sub) {
			return i
		}
	}
	return -1
}

// Tag is a key-value pair attached to the created flow log.
type Tag struct {
	// Key is required: 1 to the product's limit of characters, not starting
	// with "aliyun" or "acs:" and containing no http:// or https://.
	Key string
	// Value may be empty (it is then sent as an empty value): at most 128
	// characters, with the same prefix and URL bans as Key.
	Value string
}

// MaxTags is the most tags one flow log takes.
const MaxTags = 20

// Tags checks tags: at most MaxTags, each key 1-maxKey characters and
// distinct, each value at most 128 characters, neither starting with
// "aliyun" or "acs:" nor containing "http://" or "https://". Field names are
// built only for the rules that are broken.
func (v *Validator) Tags(field string, tags []Tag, maxKey int) {
	if len(tags) > MaxTags {
		v.Add(field, fmt.Sprintf("must have at most %d tags, has %d", MaxTags, len(tags)))
	}
	for i, tag := range tags {
		for _, r := range tagRules(tag.Key, maxKey, true) {
			v.Add(fmt.Sprintf("%s[%d].Key", field, i), r)
		}
		for j := 0; j < i && tag.Key != ""; j++ {
			if tags[j].Key == tag.Key {
				v.Add(fmt.Sprintf("%s[%d].Key", field, i), fmt.Sprintf("duplicates %s[%d].Key", field, j))
				break
			}
		}
		for _, r := range tagRules(tag.Value, 128, false) {
			v.Add(fmt.Sprintf("%s[%d].Value", field, i), r)
		}
	}
}

// tagRules returns the rules that s breaks as a tag key (required) or value.
func tagRules(s string, max int, required bool) []string {
	switch {
	case s == "" && required:
		return []string{"is required"}
	case s == "":
		return nil
	case !utf8.ValidString(s):
		return []string{"must be valid UTF-8"}
	}
	var reasons []string
	if utf8.RuneCountInString(s) > max {
		reasons = append(reasons, fmt.Sprintf("must be at most %d characters", max))
	}
	if hasPrefixFold(s, "aliyun") || hasPrefixFold(s, "acs:") {
		reasons = append(reasons, `must not start with "aliyun" or "acs:"`)
	}
	if containsFold(s, "http://") || containsFold(s, "https://") {
		reasons = append(reasons, `must not contain "http://" or "https://"`)
	}
	return reasons
}

// Duration checks an optional duration: zero (unset) or one of allowed.
func (v *Validator) Duration(field string, d time.Duration, allowed ...time.Duration) {
	if d == 0 {
		return
	}
	for _, a := range allowed {
		if d == a {
			return
		}
	}
	s := make([]string, len(allowed))
	for i, a := range allowed {
		s[i] = a.String()
	}
	v.Add(field, "must be one of "+strings.Join(s, ", "))
}

// ClientToken checks an optional idempotency token: printable ASCII, at
// most 64 characters.
func (v *Validator) ClientToken(field, s string) {
	if len(s) > 64 || !printableASCII(s, true) {
		v.Add(field, "must be at most 64 printable ASCII characters")
	}
}

func printableASCII(s string, space bool) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '!' && !(space && s[i] == ' ') || s[i] > '~' {
			return false
		}
	}
	return true
}

// Params holds the wire parameters of one request. Names are the wire
// names; an unset optional parameter is simply absent.
type Params map[string]string

// NewParams returns empty Params with room for n operation parameters and
// the common ones the client adds. Client.Do takes ownership of the Params
// of its Request and recycles them when the call ends.
func NewParams(n int) Params {
	if p, ok := paramsPool.Get().(Params); ok {
		return p
	}
	return make(Params, n+8)
}

// paramsPool recycles the maps of finished calls.
var paramsPool sync.Pool

// recycle empties p and makes it available to NewParams. p must not be used
// afterwards.
func (p Params) recycle() {
	if len(p) > 64 {
		return // an outsized map is left to the collector
	}
	clear(p)
	paramsPool.Put(p)
}

// Set sets name to value when value is not empty.
func (p Params) Set(name, value string) {
	if value != "" {
		p[name] = value
	}
}

// SetDuration sets name to d counted in unit (minutes, seconds), when d is
// not zero. It is the one place where durations become wire numbers.
func (p Params) SetDuration(name string, d, unit time.Duration) {
	if d != 0 {
		p[name] = strconv.FormatInt(int64(d/unit), 10)
	}
}

// SetList sets name.1, name.2, ... to values.
func SetList[T ~string](p Params, name string, values []T) {
	for i, s := range values {
		p[name+"."+strconv.Itoa(i+1)] = string(s)
	}
}

// SetTags sets Tag.N.Key and Tag.N.Value for each tag, N from 1; an empty
// value is sent as an empty parameter.
func (p Params) SetTags(tags []Tag) {
	for i, t := range tags {
		if i < MaxTags {
			p[tagNames[i][0]] = t.Key
			p[tagNames[i][1]] = t.Value
			continue
		}
		n := "Tag." + strconv.Itoa(i+1)
		p[n+".Key"] = t.Key
		p[n+".Value"] = t.Value
	}
}

// tagNames holds the wire names of the first MaxTags tags, built once.
var tagNames = func() (names [MaxTags][2]string) {
	for i := range names {
		n := "Tag." + strconv.Itoa(i+1)
		names[i] = [2]string{n + ".Key", n + ".Value"}
	}
	return names
}()
