package signing

import (
	"slices"
	"strings"
)

const upperHex = "0123456789ABCDEF"

// unreservedSet marks RFC 3986's unreserved characters, the only bytes that
// Alibaba Cloud's signatures leave unencoded.
var unreservedSet = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~'
	}
	return t
}()

// unreserved reports whether c is left unencoded.
func unreserved(c byte) bool { return unreservedSet[c] }

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
	return string(appendEncoded(make([]byte, 0, len(s)+2*n), s))
}

// appendEncoded appends Encode(s) to dst, copying runs of unreserved
// bytes whole.
func appendEncoded(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreservedSet[c] {
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, '%', upperHex[c>>4], upperHex[c&0x0f])
		start = i + 1
	}
	return append(dst, s[start:]...)
}

// pair is one parameter: its name already encoded, its value raw, and the
// first eight bytes of the name as a big-endian number, which orders pairs
// as their names do wherever the numbers differ.
type pair struct {
	name, value string
	key         uint64
}

// newPair returns the pair of an encoded name and a raw value.
func newPair(name, value string) pair {
	var k uint64
	for i := 0; i < 8; i++ {
		k <<= 8
		if i < len(name) {
			k |= uint64(name[i])
		}
	}
	return pair{name, value, k}
}

// collect appends the parameters of params to dst, skipping the names skip
// reports, and sorts them by encoded name in byte order. A map holds each
// name once, so names never tie.
func collect(dst []pair, params map[string]string, skip func(string) bool) []pair {
	for k, v := range params {
		if skip == nil || !skip(k) {
			dst = append(dst, newPair(Encode(k), v))
		}
	}
	sortPairs(dst)
	return dst
}

// sortPairs sorts by name. Requests have a few dozen parameters, for which
// an insertion sort on the prefix numbers beats a general sort.
func sortPairs(p []pair) {
	if len(p) > 64 {
		slices.SortFunc(p, func(a, b pair) int { return strings.Compare(a.name, b.name) })
		return
	}
	for i := 1; i < len(p); i++ {
		x := p[i]
		j := i
		for j > 0 && (p[j-1].key > x.key || p[j-1].key == x.key && p[j-1].name > x.name) {
			p[j] = p[j-1]
			j--
		}
		p[j] = x
	}
}

// canonicalLen returns an upper bound of the canonical query's length.
func canonicalLen(pairs []pair) int {
	n := 0
	for _, p := range pairs {
		n += len(p.name) + 3*len(p.value) + 2
	}
	return n
}

// appendCanonical appends the pairs, sorted, as name=Encode(value) joined by
// '&'.
func appendCanonical(dst []byte, pairs []pair) []byte {
	for i, p := range pairs {
		if i > 0 {
			dst = append(dst, '&')
		}
		dst = append(dst, p.name...)
		dst = append(dst, '=')
		dst = appendEncoded(dst, p.value)
	}
	return dst
}

// CanonicalQuery returns the canonical form of params that both signatures
// cover: every name and value encoded with Encode, the pairs sorted by
// encoded name in byte order and joined as name=value with '&'. An empty
// value is kept ("Name="). A nil or empty map gives "".
func CanonicalQuery(params map[string]string) string {
	var arr [48]pair
	pairs := collect(arr[:0], params, nil)
	return string(appendCanonical(make([]byte, 0, canonicalLen(pairs)), pairs))
}
