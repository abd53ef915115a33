package signing

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The check value published in Alibaba Cloud's documentation of the RPC
// signature.
var publishedParams = map[string]string{
	"AccessKeyId":      "testid",
	"Action":           "DescribeRegions",
	"Format":           "XML",
	"SignatureMethod":  "HMAC-SHA1",
	"SignatureNonce":   "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
	"SignatureVersion": "1.0",
	"Timestamp":        "2016-02-23T12:46:24Z",
	"Version":          "2014-05-26",
}

const publishedSignature = "OLeaidS1JvxuMvnyHOwuJ+uX5qY="

func TestHMACSHA1PublishedValue(t *testing.T) {
	t.Parallel()
	sts := StringToSign("GET", CanonicalQuery(publishedParams))
	assert.Equal(t, "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"+
		"%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"+
		"%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26", sts)
	assert.Equal(t, publishedSignature, HMACSHA1("testsecret", sts))
}

func TestSignRPCPublishedValue(t *testing.T) {
	t.Parallel()
	ts, err := time.Parse(TimeFormat, "2016-02-23T12:46:24Z")
	require.NoError(t, err)
	// The same instant in another zone must give the same Timestamp.
	ts = ts.In(time.FixedZone("UTC+8", 8*3600))
	query := SignRPC("GET", map[string]string{
		"Action": "DescribeRegions", "Format": "XML", "Version": "2014-05-26",
		"Timestamp": "ignored", "Signature": "ignored", // replaced by SignRPC
	}, Credentials{AccessKeyID: "testid", AccessKeySecret: "testsecret"}, ts, "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf")

	got, err := url.ParseQuery(query)
	require.NoError(t, err)
	want := url.Values{"Signature": {publishedSignature}}
	for k, v := range publishedParams {
		want.Set(k, v)
	}
	assert.Equal(t, want, got)
	assert.True(t, strings.HasSuffix(query, "&Signature="+Encode(publishedSignature)), query)
	assert.NotContains(t, query, "SecurityToken", "no token, no parameter")
}

func TestSignRPCSecurityToken(t *testing.T) {
	t.Parallel()
	cred := Credentials{AccessKeyID: "id", AccessKeySecret: "secret", SecurityToken: "tok+/="}
	query := SignRPC("POST", map[string]string{"Action": "A"}, cred, time.Unix(0, 0), "n")
	got, err := url.ParseQuery(query)
	require.NoError(t, err)
	assert.Equal(t, "tok+/=", got.Get("SecurityToken"))
	assert.Equal(t, "1970-01-01T00:00:00Z", got.Get("Timestamp"))

	// A verifier that drops Signature and recomputes gets the same value.
	received := map[string]string{}
	for k := range got {
		received[k] = got.Get(k)
	}
	sig := received["Signature"]
	delete(received, "Signature")
	assert.Equal(t, HMACSHA1("secret", StringToSign("POST", CanonicalQuery(received))), sig)
}

func TestSignRPCDoesNotModifyParams(t *testing.T) {
	t.Parallel()
	params := map[string]string{"Action": "A", "Timestamp": "x"}
	SignRPC("POST", params, Credentials{AccessKeyID: "id"}, time.Unix(0, 0), "n")
	assert.Equal(t, map[string]string{"Action": "A", "Timestamp": "x"}, params)
}

func TestSignatureDependsOnEveryInput(t *testing.T) {
	t.Parallel()
	base := func() (string, map[string]string, Credentials, time.Time, string) {
		return "POST", map[string]string{"A": "1"}, Credentials{AccessKeyID: "id", AccessKeySecret: "s"}, time.Unix(100, 0), "n1"
	}
	sig := func(m string, p map[string]string, c Credentials, ts time.Time, n string) string {
		v, err := url.ParseQuery(SignRPC(m, p, c, ts, n))
		require.NoError(t, err)
		return v.Get("Signature")
	}
	ref := sig(base())
	tests := []struct {
		name   string
		mutate func(m *string, p map[string]string, c *Credentials, ts *time.Time, n *string)
	}{
		{"method", func(m *string, _ map[string]string, _ *Credentials, _ *time.Time, _ *string) { *m = "GET" }},
		{"param value", func(_ *string, p map[string]string, _ *Credentials, _ *time.Time, _ *string) { p["A"] = "2" }},
		{"extra param", func(_ *string, p map[string]string, _ *Credentials, _ *time.Time, _ *string) { p["B"] = "" }},
		{"secret", func(_ *string, _ map[string]string, c *Credentials, _ *time.Time, _ *string) { c.AccessKeySecret = "t" }},
		{"key id", func(_ *string, _ map[string]string, c *Credentials, _ *time.Time, _ *string) { c.AccessKeyID = "other" }},
		{"token", func(_ *string, _ map[string]string, c *Credentials, _ *time.Time, _ *string) { c.SecurityToken = "t" }},
		{"time", func(_ *string, _ map[string]string, _ *Credentials, ts *time.Time, _ *string) {
			*ts = ts.Add(time.Second)
		}},
		{"nonce", func(_ *string, _ map[string]string, _ *Credentials, _ *time.Time, n *string) { *n = "n2" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, p, c, ts, n := base()
			tt.mutate(&m, p, &c, &ts, &n)
			assert.NotEqual(t, ref, sig(m, p, c, ts, n))
		})
	}
}
