package signing

import (
	"sort"
	"strings"
)

const upperHex = "0123456789ABCDEF"

// unreserved reports whether c is one of RFC 3986's unreserved characters,
// the only bytes that Alibaba Cloud's signatures leave unencoded.
func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// Encode percent-encodes s as Alibaba Cloud's signatures require: the UTF-8
// bytes A-Z, a-z, 0-9, '-', '_', '.' and '~' stay as they are and every other
// byte becomes %XX with upper-case hex. A space is "%20" (never "+"), '*' is
// "%2A" and '~' is left alone, which is where this differs from
// url.QueryEscape. The empty string encodes to itself.
func Encode(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if !unreserved(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*n)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&0x0f])
	}
	return b.String()
}

// pair is one parameter with its name and value already encoded.
type pair struct{ name, value string }

// encodePairs encodes every parameter of params and appends it to dst.
func encodePairs(dst []pair, params map[string]string) []pair {
	for k, v := range params {
		dst = append(dst, pair{Encode(k), Encode(v)})
	}
	return dst
}

// join sorts pairs by encoded name (byte order; ties, which only a caller
// passing duplicate names can produce, by encoded value) and joins them as
// name=value with '&'.
func join(pairs []pair) string {
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].name != pairs[j].name {
			return pairs[i].name < pairs[j].name
		}
		return pairs[i].value < pairs[j].value
	})
	n := 0
	for _, p := range pairs {
		n += len(p.name) + len(p.value) + 2
	}
	var b strings.Builder
	b.Grow(n)
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.name)
		b.WriteByte('=')
		b.WriteString(p.value)
	}
	return b.String()
}

// CanonicalQuery returns the canonical form of params that both signatures
// cover: every name and value encoded with Encode, the pairs sorted by
// encoded name in byte order and joined as name=value with '&'. An empty
// value is kept ("Name="). A nil or empty map gives "".
func CanonicalQuery(params map[string]string) string {
	return join(encodePairs(make([]pair, 0, len(params)), params))
}
