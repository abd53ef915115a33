package signing

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"AZaz09-_.~", "AZaz09-_.~"},
		{"a b", "a%20b"},
		{"*", "%2A"},
		{"~", "~"},
		{"+", "%2B"},
		{"/", "%2F"},
		{"=", "%3D"},
		{"&", "%26"},
		{"%", "%25"},
		{":", "%3A"},
		{"2016-02-23T12:46:24Z", "2016-02-23T12%3A46%3A24Z"},
		{"中文", "%E4%B8%AD%E6%96%87"},
		{"é", "%C3%A9"},
		{"😀", "%F0%9F%98%80"},
		{"\x00\xff", "%00%FF"},
		{"Tag.1.Key", "Tag.1.Key"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, Encode(tt.in))
		})
	}
}

func TestCanonicalQuery(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params map[string]string
		want   string
	}{
		{"nil", nil, ""},
		{"empty value kept", map[string]string{"Tag.1.Value": "", "Tag.1.Key": "k"}, "Tag.1.Key=k&Tag.1.Value="},
		{"sorted by byte order, upper case first", map[string]string{"b": "1", "B": "2", "a": "3"}, "B=2&a=3&b=1"},
		{"list numbering sorts as text", map[string]string{"Tag.10.Key": "x", "Tag.2.Key": "y", "Tag.1.Key": "z"},
			"Tag.1.Key=z&Tag.10.Key=x&Tag.2.Key=y"},
		{"reserved characters in names and values", map[string]string{"a b": "c&d", "e=f": "g+h/i*j~k"},
			"a%20b=c%26d&e%3Df=g%2Bh%2Fi%2Aj~k"},
		// Sorting is by encoded name: '%' (0x25) sorts before '-' (0x2D)
		// although ' ' (0x20) and '-' compare the same way raw; and a
		// multi-byte rune's %XX form sorts before letters.
		{"sorted by encoded name", map[string]string{"x-": "1", "x ": "2", "xa": "3", "x中": "4"},
			"x%20=2&x%E4%B8%AD=4&x-=1&xa=3"},
		{"non-ASCII and emoji values", map[string]string{"Description": "流日志 😀"},
			"Description=%E6%B5%81%E6%97%A5%E5%BF%97%20%F0%9F%98%80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, CanonicalQuery(tt.params))
		})
	}
}

func TestCanonicalQueryOrderIndependent(t *testing.T) {
	t.Parallel()
	keys := []string{"Action", "RegionId", "Tag.1.Key", "Tag.1.Value", "Tag.2.Key", "a", "~", "*", " "}
	want := ""
	for i := 0; i < 50; i++ {
		// Insert in a different order each round; map iteration order is
		// random as well, so the canonical form must not depend on either.
		m := make(map[string]string, len(keys))
		for j := range keys {
			k := keys[(i+j)%len(keys)]
			m[k] = strings.Repeat(k, 2)
		}
		got := CanonicalQuery(m)
		if want == "" {
			want = got
		}
		require.Equal(t, want, got)
	}
}

// FuzzEncode checks the encoding against its definition: the output holds
// only unreserved bytes and %XX escapes, decodes back to the input, and
// agrees with net/url's query escaping once its one difference ('+' for a
// space) is accounted for.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"", "a b", "*~+/=&", "中文", "😀", "\x00\xff", "%41", "Tag.1.Key"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := Encode(s)
		for i := 0; i < len(e); i++ {
			c := e[i]
			if c == '%' {
				require.Less(t, i+2, len(e))
				require.Contains(t, upperHex, string(e[i+1]))
				require.Contains(t, upperHex, string(e[i+2]))
				i += 2
				continue
			}
			require.True(t, unreserved(c), "byte %q left unencoded in %q", c, e)
		}
		back, err := url.PathUnescape(e)
		require.NoError(t, err)
		require.Equal(t, s, back)

		require.Equal(t, strings.ReplaceAll(url.QueryEscape(s), "+", "%20"), e)
	})
}

// FuzzSignRPC checks that the signed query parses back to exactly the
// parameters given plus the signature ones, and that a verifier recomputing
// the signature from what it parsed gets the same value.
func FuzzSignRPC(f *testing.F) {
	f.Add("Description", "流日志 😀 a+b*c~d", "secret", "token", "nonce")
	f.Add("a b", "", "", "", "")
	f.Add("Tag.1.Value", "=&%", "s&", "t+/=", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf")
	f.Fuzz(func(t *testing.T, name, value, secret, token, nonce string) {
		if isSignatureParam(name) {
			return
		}
		params := map[string]string{"Action": "CreateFlowLog", name: value}
		cred := Credentials{AccessKeyID: "id", AccessKeySecret: secret, SecurityToken: token}
		query := SignRPC("POST", params, cred, time.Unix(1700000000, 0), nonce)
		got, err := url.ParseQuery(query)
		require.NoError(t, err)
		received := map[string]string{}
		for k, v := range got {
			require.Len(t, v, 1, "parameter %q sent twice", k)
			received[k] = v[0]
		}
		require.Equal(t, value, received[name])
		require.Equal(t, nonce, received["SignatureNonce"])
		sig := received["Signature"]
		delete(received, "Signature")
		require.Equal(t, HMACSHA1(secret, StringToSign("POST", CanonicalQuery(received))), sig)
	})
}
