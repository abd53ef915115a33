package emulator

import (
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/signing"
)

// The server's recomputation reproduces Alibaba Cloud's published example.
func TestV3ServerStringToSignPublishedExample(t *testing.T) {
	t.Parallel()
	const signature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
	auth, e := parseAuthorizationV3([]string{"ACS3-HMAC-SHA256 Credential=YourAccessKeyId," +
		"SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version," +
		"Signature=" + signature})
	require.Nil(t, e)
	assert.Equal(t, "YourAccessKeyId", auth.credential)
	assert.Equal(t, signature, auth.signature)

	h := http.Header{}
	h.Set("x-acs-action", "RunInstances")
	h.Set("x-acs-version", "2014-05-26")
	h.Set("x-acs-date", "2023-10-26T10:22:32Z")
	h.Set("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d")
	h.Set("x-acs-content-sha256", signing.EmptyPayloadHash)
	h.Set("User-Agent", "not signed")
	query := map[string]string{"ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId": "cn-shanghai"}
	sts := stringToSignV3(http.MethodPost, "ecs.cn-shanghai.aliyuncs.com", query, h, auth.signedHeaders, signing.EmptyPayloadHash)
	assert.Equal(t, "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", sts)
	assert.Equal(t, signature, signing.HMACSHA256("YourAccessKeySecret", sts))
}

// editAuth rewrites the Authorization header after signing.
func editAuth(f func(string) string) func(*http.Request) {
	return func(req *http.Request) { req.Header.Set("Authorization", f(req.Header.Get("Authorization"))) }
}

// replaceAuth replaces old by new in the Authorization header.
func replaceAuth(old, new string) func(*http.Request) {
	return editAuth(func(a string) string { return strings.Replace(a, old, new, 1) })
}

// signatureRE matches the Signature element of an Authorization header.
var signatureRE = regexp.MustCompile(`,Signature=[0-9a-f]+`)

// replaceBody sends body instead of the one signed.
func replaceBody(body string) func(*http.Request) {
	return func(req *http.Request) {
		req.Body = io.NopCloser(strings.NewReader(body))
		req.ContentLength = int64(len(body))
	}
}

func TestV3Rejections(t *testing.T) {
	t.Parallel()
	cred := signing.Credentials{AccessKeyID: defaultAccessKeyID, AccessKeySecret: defaultAccessKeySecret}
	now := time.Now
	mandatory := func(name string) string {
		return `The input parameter "` + name + `" that is mandatory for processing this request is not supplied.`
	}
	const incomplete = "The request signature does not conform to Aliyun standards. "
	const hashMismatch = "Specified x-acs-content-sha256 is not matched with our calculation. server SHA-256 of the request body is:"
	const sigMismatch = "Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n"
	cases := []struct {
		name    string
		rpc     rpc
		status  int
		code    string
		message string // exact, or a prefix when it ends with ':' or '\n'
	}{
		// Checks shared with the RPC signature.
		{"PUT", rpc{Method: http.MethodPut}, 405, "UnsupportedHTTPMethod", `The HTTP method "PUT" is not supported; use GET or POST.`},
		{"other path", rpc{Path: "/api"}, 404, "InvalidAction.NotFound", ""},
		{"malformed query", rpc{RawQuery: func(q string) string { return q + "&Bad=%zz" }}, 400, "InvalidParameter", ""},

		// Action and Version.
		{"no x-acs-action", rpc{Common: map[string]string{"Action": ""}}, 400, "MissingParameter", mandatory("x-acs-action")},
		{"Action in the query, not the header", rpc{Common: map[string]string{"Action": ""}, Edit: set("Action", "CreateFlowLog")}, 400, "MissingParameter", mandatory("x-acs-action")},
		{"other x-acs-action", rpc{Common: map[string]string{"Action": "DescribeFlowLogs"}}, 404, "InvalidAction.NotFound",
			"Specified api is not found, please check your url and method."},
		{"x-acs-action case", rpc{Common: map[string]string{"Action": "createflowlog"}}, 404, "InvalidAction.NotFound", ""},
		{"no x-acs-version", rpc{Common: map[string]string{"Version": ""}}, 400, "InvalidVersion", "Specified parameter x-acs-version is not valid."},
		{"other x-acs-version", rpc{Common: map[string]string{"Version": "2017-09-12"}}, 400, "InvalidVersion", ""},

		// The Authorization header.
		{"algorithm only", rpc{Tweak: setHeader("Authorization", "ACS3-HMAC-SHA256")}, 400, "IncompleteSignature",
			incomplete + "The Authorization header has no Credential."},
		{"other ACS3 algorithm", rpc{Tweak: replaceAuth("ACS3-HMAC-SHA256 ", "ACS3-HMAC-SM3 ")}, 400, "IncompleteSignature",
			incomplete + `The signature algorithm "ACS3-HMAC-SM3" is not supported; use ACS3-HMAC-SHA256.`},
		{"no Credential", rpc{Tweak: replaceAuth("Credential="+cred.AccessKeyID+",", "")}, 400, "IncompleteSignature",
			incomplete + "The Authorization header has no Credential."},
		{"empty Credential", rpc{Tweak: replaceAuth("Credential="+cred.AccessKeyID, "Credential=")}, 400, "IncompleteSignature",
			incomplete + "The Authorization header has no Credential."},
		{"no SignedHeaders", rpc{Tweak: editAuth(func(a string) string {
			return regexp.MustCompile(`SignedHeaders=[^,]*,`).ReplaceAllString(a, "")
		})}, 400, "IncompleteSignature", incomplete + "The Authorization header has no SignedHeaders."},
		{"no Signature", rpc{Tweak: editAuth(func(a string) string { return signatureRE.ReplaceAllString(a, "") })}, 400, "IncompleteSignature",
			incomplete + "The Authorization header has no Signature."},
		{"empty Signature", rpc{Tweak: editAuth(func(a string) string { return signatureRE.ReplaceAllString(a, ",Signature=") })}, 400, "IncompleteSignature",
			incomplete + "The Authorization header has no Signature."},
		{"unknown element", rpc{Tweak: editAuth(func(a string) string { return a + ",Scope=cn-qingdao" })}, 400, "IncompleteSignature",
			incomplete + `The Authorization header has an unknown element "Scope".`},
		{"Signature twice", rpc{Tweak: editAuth(func(a string) string { return a + ",Signature=00" })}, 400, "IncompleteSignature",
			incomplete + "The Authorization header has more than one Signature."},
		{"two Authorization headers", rpc{Tweak: func(req *http.Request) { req.Header.Add("Authorization", req.Header.Get("Authorization")) }},
			400, "IncompleteSignature", incomplete + "The request has more than one Authorization header."},
		{"empty signed header name", rpc{Tweak: replaceAuth("SignedHeaders=host;", "SignedHeaders=host;;")}, 400, "IncompleteSignature",
			incomplete + "SignedHeaders has an empty header name."},
		{"signed header twice", rpc{Tweak: replaceAuth("SignedHeaders=host;", "SignedHeaders=host;host;")}, 400, "IncompleteSignature",
			incomplete + `SignedHeaders names "host" more than once.`},
		{"authorization signed", rpc{Tweak: replaceAuth("SignedHeaders=host;", "SignedHeaders=authorization;host;")}, 400, "IncompleteSignature",
			incomplete + "SignedHeaders cannot include authorization."},

		// Mandatory headers, and which must be signed.
		{"no x-acs-signature-nonce", rpc{Tweak: delHeader("x-acs-signature-nonce")}, 400, "MissingParameter", mandatory("x-acs-signature-nonce")},
		{"no x-acs-date", rpc{Tweak: delHeader("x-acs-date")}, 400, "MissingParameter", mandatory("x-acs-date")},
		{"no x-acs-content-sha256", rpc{Tweak: delHeader("x-acs-content-sha256")}, 400, "MissingParameter", mandatory("x-acs-content-sha256")},
		{"host not signed", rpc{Unsigned: []string{"host"}}, 400, "IncompleteSignature", incomplete + "SignedHeaders must include host."},
		{"x-acs-date not signed", rpc{Unsigned: []string{"x-acs-date"}}, 400, "IncompleteSignature",
			incomplete + `The header "x-acs-date" is not in SignedHeaders; host and every x-acs-* header must be signed.`},
		{"x-acs-security-token not signed", rpc{Cred: signing.Credentials{AccessKeyID: cred.AccessKeyID, AccessKeySecret: cred.AccessKeySecret, SecurityToken: "CAIS1"},
			Unsigned: []string{"x-acs-security-token"}}, 400, "IncompleteSignature",
			incomplete + `The header "x-acs-security-token" is not in SignedHeaders; host and every x-acs-* header must be signed.`},
		{"x-acs-* header added after signing", rpc{Tweak: setHeader("x-acs-trace", "1")}, 400, "IncompleteSignature",
			incomplete + `The header "x-acs-trace" is not in SignedHeaders; host and every x-acs-* header must be signed.`},

		// x-acs-date, signed.
		{"x-acs-date layout", rpc{SignHeaders: map[string]string{"x-acs-date": "2024-05-06 07:08:09"}}, 400, "InvalidTimeStamp.Format",
			"Specified time stamp or date value is not well formatted."},
		{"x-acs-date with zone", rpc{SignHeaders: map[string]string{"x-acs-date": now().In(time.FixedZone("", 8*3600)).Format(time.RFC3339)}}, 400, "InvalidTimeStamp.Format", ""},
		{"x-acs-date with fraction", rpc{SignHeaders: map[string]string{"x-acs-date": now().UTC().Format("2006-01-02T15:04:05.000Z")}}, 400, "InvalidTimeStamp.Format", ""},
		{"x-acs-date 16 minutes ago", rpc{At: now().Add(-16 * time.Minute)}, 400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."},
		{"x-acs-date 16 minutes ahead", rpc{At: now().Add(16 * time.Minute)}, 400, "InvalidTimeStamp.Expired", ""},

		// Credential and signature.
		{"unknown AccessKeyId", rpc{Cred: signing.Credentials{AccessKeyID: "LTAIunknown", AccessKeySecret: cred.AccessKeySecret}}, 404, "InvalidAccessKeyId.NotFound",
			"Specified access key is not found."},
		{"wrong secret", rpc{Cred: signing.Credentials{AccessKeyID: cred.AccessKeyID, AccessKeySecret: "wrong"}}, 400, "SignatureDoesNotMatch", sigMismatch},
		{"tampered query parameter", rpc{Edit: set("ResourceId", "eni-other")}, 400, "SignatureDoesNotMatch", sigMismatch},
		{"query parameter added", rpc{Edit: set("OwnerId", "1")}, 400, "SignatureDoesNotMatch", sigMismatch},
		{"tampered x-acs-signature-nonce", rpc{Tweak: setHeader("x-acs-signature-nonce", "other-nonce")}, 400, "SignatureDoesNotMatch", sigMismatch},
		{"tampered x-acs-date", rpc{Tweak: setHeader("x-acs-date", now().Add(-time.Minute).UTC().Format(signing.TimeFormat))}, 400, "SignatureDoesNotMatch", sigMismatch},
		{"tampered host", rpc{Tweak: setHeader("host", "vpc.cn-qingdao.aliyuncs.com")}, 400, "SignatureDoesNotMatch", sigMismatch},
		{"tampered signed content-type", rpc{Body: true, SignHeaders: map[string]string{"content-type": "application/x-www-form-urlencoded"},
			Tweak: setHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")}, 400, "SignatureDoesNotMatch", sigMismatch},
		{"tampered signature", rpc{Tweak: editAuth(func(a string) string { return signatureRE.ReplaceAllString(a, ",Signature="+strings.Repeat("0", 64)) })},
			400, "SignatureDoesNotMatch", sigMismatch},
		{"signature in upper case", rpc{Tweak: editAuth(func(a string) string {
			return signatureRE.ReplaceAllStringFunc(a, func(el string) string { return ",Signature=" + strings.ToUpper(el[len(",Signature="):]) })
		})}, 400, "SignatureDoesNotMatch", ""},
		{"signed as GET, sent as POST", rpc{SignMethod: http.MethodGet}, 400, "SignatureDoesNotMatch", sigMismatch},
		{"signed as POST, sent as GET", rpc{Method: http.MethodGet, SignMethod: http.MethodPost}, 400, "SignatureDoesNotMatch", sigMismatch},

		// The body hash: the signature covers it, the server checks it.
		// (Split keeps Format in the query.)
		{"body hash of another body", rpc{Split: true, PayloadHash: signing.HashPayload([]byte("RegionId=cn-beijing"))}, 400, "SignatureDoesNotMatch", hashMismatch},
		{"empty body hash with a body", rpc{Split: true, PayloadHash: signing.EmptyPayloadHash}, 400, "SignatureDoesNotMatch", hashMismatch},
		{"body hash without a body", rpc{PayloadHash: signing.HashPayload([]byte("x"))}, 400, "SignatureDoesNotMatch", hashMismatch + signing.EmptyPayloadHash},
		{"body changed after signing", rpc{Split: true, Tweak: replaceBody("RegionId=cn-beijing")}, 400, "SignatureDoesNotMatch",
			hashMismatch + signing.HashPayload([]byte("RegionId=cn-beijing"))},
		{"body added after signing", rpc{Tweak: replaceBody("OwnerId=1")}, 400, "SignatureDoesNotMatch", hashMismatch},
	}
	for _, c := range cases {
		// "-" sends no Format: a V3 error then comes in JSON.
		for _, format := range []string{"JSON", "XML", "-"} {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				t.Parallel()
				srv := NewServer(VPC)
				defer srv.Close()
				r := c.rpc
				r.V3, r.Format = true, format
				res := r.do(t, srv)
				want := format
				if want == "-" {
					want = "JSON"
				}
				checkError(t, srv, res, want, c.status, c.code)
				switch {
				case c.message == "":
				case strings.HasSuffix(c.message, ":"), strings.HasSuffix(c.message, "\n"):
					assert.True(t, strings.HasPrefix(res.Message, c.message), "%q", res.Message)
				default:
					assert.Equal(t, c.message, res.Message)
				}
				assert.Equal(t, signing.AlgorithmV3, srv.Requests()[0].Signature)
			})
		}
	}
}

// Without an Authorization header of the ACS3 family a request is an RPC
// one, whatever x-acs-* headers it has.
func TestV3NeedsAuthorization(t *testing.T) {
	t.Parallel()
	for _, auth := range []string{"", "Basic dXNlcjpwYXNz", "acs3-hmac-sha256 Credential=x,SignedHeaders=host,Signature=00"} {
		t.Run(strconv.Quote(auth), func(t *testing.T) {
			t.Parallel()
			srv := NewServer(VPC)
			defer srv.Close()
			res := rpc{V3: true, Format: "-", Tweak: setHeader("Authorization", auth)}.do(t, srv)
			checkError(t, srv, res, "XML", 400, "MissingParameter") // the RPC default format
			assert.Equal(t, `The input parameter "Action" that is mandatory for processing this request is not supplied.`, res.Message)
			req := srv.Requests()[0]
			assert.Equal(t, signing.MethodHMACSHA1, req.Signature)
			if auth != "" {
				got := req.Header.Get("Authorization")
				assert.True(t, got == "<redacted>" || strings.HasSuffix(got, ",Signature=<redacted>"), got)
			}
		})
	}
}

func TestV3SignatureDoesNotMatchMessage(t *testing.T) {
	t.Parallel()
	sts := signing.Credentials{AccessKeyID: "STS.key", AccessKeySecret: "secret", SecurityToken: "CAIStoken/with+chars="}
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			srv := NewServer(CEN, WithCredential(sts))
			defer srv.Close()
			wrong := sts
			wrong.AccessKeySecret = "not-the-secret"
			at := time.Now().UTC().Truncate(time.Second)
			business := with(cenParams(), map[string]string{"Description": "A b*c~d"})
			res := rpc{V3: true, Method: method, Cred: wrong, At: at, Nonce: "nonce-1", Business: business}.do(t, srv)
			checkError(t, srv, res, "JSON", 400, "SignatureDoesNotMatch")

			// What the client signed, recomputed here from the primitives.
			query := with(business, map[string]string{"Format": "JSON"})
			host := strings.TrimPrefix(srv.URL, "http://")
			h := signing.SignV3(method, host, CEN.Action, CEN.Version, query, signing.EmptyPayloadHash, wrong, at, "nonce-1")
			delete(h, "authorization")
			canonical, _ := signing.CanonicalRequestV3(method, signing.CanonicalQuery(query), h, signing.EmptyPayloadHash)
			want := "Specified signature is not matched with our calculation. server string to sign is:" + signing.StringToSignV3(canonical)
			assert.Equal(t, want, res.Message)
			assert.NotContains(t, res.Message, "CAIStoken", "the V3 string to sign hides the token")
			assert.Equal(t, []string{"<redacted>"}, srv.Requests()[0].Header.Values("X-Acs-Security-Token"))
		})
	}
}

// The nonce store is shared: a nonce used under one signature is used
// under the other.
func TestNonceAcrossAlgorithms(t *testing.T) {
	t.Parallel()
	for _, first := range algorithms {
		for _, then := range algorithms {
			t.Run(algName(first)+" then "+algName(then), func(t *testing.T) {
				t.Parallel()
				clock := newFakeClock()
				srv := NewServer(VPC, WithClock(clock.Now))
				defer srv.Close()
				ok := rpc{V3: first, Nonce: "shared-nonce"}.doAt(t, srv, clock.Now)
				require.Equal(t, http.StatusOK, ok.Status, "%s", ok.Body)
				clock.Advance(time.Minute)
				replay := rpc{V3: then, Nonce: "shared-nonce"}.doAt(t, srv, clock.Now)
				assert.Equal(t, http.StatusBadRequest, replay.Status)
				assert.Equal(t, "SignatureNonceUsed", replay.Code)
				assert.Equal(t, "Specified signature nonce was used already.", replay.Message)
				assert.Len(t, srv.FlowLogs(), 1, "a replay creates nothing")
				assert.Equal(t, algName(then), srv.Requests()[1].Signature)
			})
		}
	}
}

// Variations that official clients produce and the gateway accepts.
func TestV3Accepted(t *testing.T) {
	t.Parallel()
	spaced := with(vpcParams(), map[string]string{"Description": "This is my flow log (test)."})
	cases := []struct {
		name     string
		rpc      rpc
		business map[string]string // nil: the default
	}{
		{"more signed headers", rpc{SignHeaders: map[string]string{"x-acs-trace": "1", "accept": "application/json", "user-agent": "emulator-test/1.0"}}, nil},
		{"signed content-type of a form body", rpc{Body: true, SignHeaders: map[string]string{"content-type": "application/x-www-form-urlencoded; charset=UTF-8"}}, nil},
		{"Format in the query, the rest in a form body", rpc{Split: true}, nil},
		{"spaces after the commas", rpc{Tweak: editAuth(func(a string) string { return strings.ReplaceAll(a, ",", ", ") })}, nil},
		{"SignedHeaders in another order and case", rpc{Tweak: editAuth(func(a string) string {
			m := regexp.MustCompile(`SignedHeaders=([^,]*)`).FindStringSubmatch(a)
			names := strings.Split(m[1], ";")
			slices.Reverse(names)
			return strings.Replace(a, m[0], "SignedHeaders="+strings.ToUpper(strings.Join(names, ";")), 1)
		})}, nil},
		{"plus for space in the query", rpc{Business: spaced}, spaced},
		{"%20 for space in the query", rpc{Business: spaced, RawQuery: func(q string) string { return strings.ReplaceAll(q, "+", "%20") }}, spaced},
		{"unknown and empty query parameters", rpc{Business: with(vpcParams(), map[string]string{"OwnerId": "", "Foo.1.Bar": "baz"})},
			with(vpcParams(), map[string]string{"OwnerId": "", "Foo.1.Bar": "baz"})},
		{"RPC signature parameters are only parameters", rpc{Business: with(vpcParams(), map[string]string{"SignatureNonce": "x", "Timestamp": "y"})}, nil},
		{"upper-case body hash", rpc{PayloadHash: strings.ToUpper(signing.EmptyPayloadHash)}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := NewServer(VPC)
			defer srv.Close()
			r := c.rpc
			r.V3 = true
			res := r.do(t, srv)
			require.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
			business := c.business
			if business == nil {
				business = vpcParams()
			}
			logs := srv.FlowLogs()
			require.Len(t, logs, 1)
			assert.Equal(t, business, logs[0].Params)
		})
	}
}

func TestRedactHeader(t *testing.T) {
	t.Parallel()
	assert.Nil(t, redactHeader(nil))
	cases := map[string]string{
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=abc": "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=<redacted>",
		"ACS3-HMAC-SHA256 Signature=abc, Credential=id":                              "ACS3-HMAC-SHA256 Signature=<redacted>, Credential=id",
		"ACS3-HMAC-SHA256 Credential=id, SignedHeaders=host, Signature=abc":          "ACS3-HMAC-SHA256 Credential=id, SignedHeaders=host, Signature=<redacted>",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=a,Signature=b":  "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=<redacted>,Signature=<redacted>",
		"Basic dXNlcjpwYXNz": "<redacted>",
		"":                   "<redacted>",
		"ACS3-HMAC-SHA256 Credential=Signature=x,SignedHeaders=host":                      "<redacted>",
		"ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=abc,Extra=Signature": "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=<redacted>,Extra=Signature",
	}
	for in, want := range cases {
		h := http.Header{}
		h.Set("Authorization", in)
		h.Set("X-Acs-Security-Token", "CAIS")
		h.Set("X-Acs-Date", "2024-05-06T07:08:09Z")
		got := redactHeader(h)
		assert.Equal(t, []string{want}, got.Values("Authorization"), in)
		assert.Equal(t, []string{"<redacted>"}, got.Values("X-Acs-Security-Token"))
		assert.Equal(t, "2024-05-06T07:08:09Z", got.Get("X-Acs-Date"))
		assert.Equal(t, in, h.Get("Authorization"), "the original is left alone")
		assert.Equal(t, "CAIS", h.Get("X-Acs-Security-Token"))
	}
}

// A V3 body is hashed, so one too large to read is refused; an HMAC-SHA1
// request ignores a body that is not a form, as before.
func TestOversizedBody(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", maxBody+1)
	for _, v3 := range algorithms {
		t.Run(algName(v3), func(t *testing.T) {
			t.Parallel()
			srv := NewServer(VPC)
			defer srv.Close()
			r := rpc{V3: v3, Tweak: func(req *http.Request) {
				replaceBody(big)(req)
				req.Header.Set("Content-Type", "application/octet-stream")
			}}
			res := r.do(t, srv)
			if v3 {
				checkError(t, srv, res, "JSON", 400, "InvalidParameter")
				assert.Equal(t, "The request query string or form body is malformed.", res.Message)
			} else {
				assert.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
			}
		})
	}
}
