package signing

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"hash"
	"sync"
)

// keyedMAC is an HMAC keyed with one secret, with room to stream encoded
// text into it and to take its sum, reused through a pool so that signing
// allocates no hash state per request.
type keyedMAC struct {
	secret string // what the key was derived from
	h      hash.Hash
	chunk  [512]byte
	sum    [sha256.Size]byte
}

// macPool reuses the MACs of one algorithm; the secret they were keyed with
// is checked at every use.
type macPool struct {
	pool   sync.Pool
	newH   func() hash.Hash
	keyFor func(secret string) []byte
}

var (
	sha1MACs = &macPool{newH: sha1.New, keyFor: func(s string) []byte { return []byte(s + "&") }}
	// sha256MACs key V3 signatures with the raw secret.
	sha256MACs = &macPool{newH: sha256.New, keyFor: func(s string) []byte { return []byte(s) }}
)

// get returns a MAC keyed for secret, in its initial state.
func (p *macPool) get(secret string) *keyedMAC {
	if m, _ := p.pool.Get().(*keyedMAC); m != nil && m.secret == secret {
		m.h.Reset()
		return m
	}
	return &keyedMAC{secret: secret, h: hmac.New(p.newH, p.keyFor(secret))}
}

// put returns m to the pool.
func (p *macPool) put(m *keyedMAC) { p.pool.Put(m) }

// writeString writes s.
func (m *keyedMAC) writeString(s string) {
	for len(s) > 0 {
		n := copy(m.chunk[:], s)
		m.h.Write(m.chunk[:n])
		s = s[n:]
	}
}

// writeEncoded writes Encode(s) without building it, through the chunk
// buffer, so that the hash sees few large writes.
func (m *keyedMAC) writeEncoded(s []byte) {
	c := &m.chunk
	n := 0
	for _, b := range s {
		if n > len(c)-3 {
			m.h.Write(c[:n])
			n = 0
		}
		if unreservedSet[b] {
			c[n] = b
			n++
			continue
		}
		c[n], c[n+1], c[n+2] = '%', upperHex[b>>4], upperHex[b&0x0f]
		n += 3
	}
	m.h.Write(c[:n])
}

// result returns the MAC of what was written; valid until m is reused.
func (m *keyedMAC) result() []byte { return m.h.Sum(m.sum[:0]) }
