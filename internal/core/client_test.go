package core

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/signing"
)

func TestMain(m *testing.M) {
	// Waits between attempts are the policy's business, not the tests'.
	jitter = func(time.Duration) time.Duration { return time.Millisecond }
	m.Run()
}

var (
	testProduct = &Product{Version: "2016-04-28", PublicHost: "vpc.{region}.aliyuncs.com", VPCHost: "vpc-vpc.{region}.aliyuncs.com"}
	testOp      = &Operation{Product: testProduct, Action: "CreateFlowLog"}
	tokenOp     = &Operation{Product: testProduct, Action: "CreateFlowlog", ClientToken: true}
)

const (
	testKeyID  = "LTAI5tTestKeyId"
	testSecret = "TestSecret-do-not-print"
	testToken  = "STS.Token+/=do-not-print"
)

// received is one request as the test server saw it.
type received struct {
	Method string
	Path   string
	Header http.Header
	Query  url.Values
	Body   []byte
}

// param returns the single value of name.
func (r received) param(name string) string { return r.Query.Get(name) }

// gateway is a hand-made loopback server that verifies the HMAC-SHA1
// signature of every request with the signing package and answers with
// respond(n) for the n-th request (0-based).
type gateway struct {
	*httptest.Server
	mu       sync.Mutex
	requests []received
	respond  func(n int, w http.ResponseWriter, r *http.Request)
}

func newGateway(t *testing.T, respond func(n int, w http.ResponseWriter, r *http.Request)) *gateway {
	t.Helper()
	g := &gateway{respond: respond}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		q := r.URL.Query()
		g.mu.Lock()
		n := len(g.requests)
		g.requests = append(g.requests, received{r.Method, r.URL.Path, r.Header.Clone(), q, body})
		g.mu.Unlock()

		params := map[string]string{}
		for k, v := range q {
			params[k] = v[0]
		}
		var sts, got, want string
		if auth := r.Header.Get("Authorization"); auth != "" {
			// V3: recompute over the signed headers as received.
			_, signed, _ := strings.Cut(auth, ",SignedHeaders=")
			signed, got, _ = strings.Cut(signed, ",Signature=")
			headers := map[string]string{}
			for _, name := range strings.Split(signed, ";") {
				headers[name] = r.Header.Get(name)
				if name == "host" {
					headers[name] = r.Host
				}
			}
			canonical, _ := signing.CanonicalRequestV3(r.Method, signing.CanonicalQuery(params), headers, r.Header.Get("x-acs-content-sha256"))
			sts = signing.StringToSignV3(canonical)
			want = signing.HMACSHA256(testSecret, sts)
		} else {
			got = params["Signature"]
			delete(params, "Signature")
			sts = signing.StringToSign(r.Method, signing.CanonicalQuery(params))
			want = signing.HMACSHA1(testSecret, sts)
		}
		if got != want {
			w.WriteHeader(400)
			io.WriteString(w, `{"RequestId":"BAD","Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:`+sts+`"}`)
			return
		}
		respond(n, w, r)
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *gateway) received() []received {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]received(nil), g.requests...)
}

// created answers every request with a JSON success.
func created(_ int, w http.ResponseWriter, r *http.Request) {
	nonce := r.URL.Query().Get("SignatureNonce") + r.Header.Get("x-acs-signature-nonce")
	io.WriteString(w, `{"RequestId":"REQ-`+nonce[:6]+`","FlowLogId":"fl-1","Success":"true"}`)
}

// sequence answers the n-th request with steps[n], the last one repeated.
func sequence(steps ...func(w http.ResponseWriter, r *http.Request)) func(int, http.ResponseWriter, *http.Request) {
	return func(n int, w http.ResponseWriter, r *http.Request) {
		if n >= len(steps) {
			n = len(steps) - 1
		}
		steps[n](w, r)
	}
}

func status(code int, body string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

func ok(w http.ResponseWriter, r *http.Request) { created(0, w, r) }

const throttled = `{"RequestId":"T","Code":"Throttling.User","Message":"Request was denied due to user flow control."}`

func testClient(t *testing.T, g *gateway, mutate ...func(*Options)) *Client {
	t.Helper()
	o := Options{RegionID: "cn-qingdao", Endpoint: g.URL, Credential: StaticCredential(testKeyID, testSecret, "")}
	for _, fn := range mutate {
		fn(&o)
	}
	c, err := New(testProduct, o)
	require.NoError(t, err)
	return c
}

func request() Request {
	return Request{Params: Params{"ResourceId": "eni-1", "Description": "流日志 a+b*c~d"}}
}

// algorithms are the signatures every signing-related test runs under.
var algorithms = []string{SignatureHMACSHA1, SignatureV3}

func TestDoSendsSignedPOST(t *testing.T) {
	t.Parallel()
	for _, alg := range algorithms {
		for _, format := range []string{"JSON", "xml"} {
			t.Run(alg+"/"+format, func(t *testing.T) {
				t.Parallel()
				g := newGateway(t, created)
				c := testClient(t, g, func(o *Options) {
					o.ResponseFormat = format
					o.UserAgent = "my-app/1.2"
					o.SignatureAlgorithm = alg
				})
				res, token, err := c.Do(context.Background(), testOp, request(), nil)
				require.NoError(t, err, "the gateway verified the signature")
				assert.Equal(t, "fl-1", res.FlowLogID)
				assert.Empty(t, token)

				reqs := g.received()
				require.Len(t, reqs, 1)
				r := reqs[0]
				assert.Equal(t, http.MethodPost, r.Method)
				assert.Equal(t, "/", r.Path)
				assert.Empty(t, r.Body, "parameters travel in the query")
				assert.Equal(t, strings.ToUpper(format), r.param("Format"))
				assert.Equal(t, "cn-qingdao", r.param("RegionId"))
				assert.Equal(t, "eni-1", r.param("ResourceId"))
				assert.Equal(t, "流日志 a+b*c~d", r.param("Description"))
				assert.NotContains(t, r.Query, "ClientToken")
				assert.Regexp(t, `^flowlog-go/`+regexp.QuoteMeta(Version)+` \(`+runtime.GOOS+`; `+runtime.GOARCH+`\) Go/[0-9.]+.* my-app/1\.2$`, r.Header.Get("User-Agent"))

				var nonce, date string
				if alg == SignatureV3 {
					for _, p := range []string{"Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp"} {
						assert.NotContains(t, r.Query, p, "V3 sends no HMAC-SHA1 common parameter")
					}
					assert.Equal(t, "CreateFlowLog", r.Header.Get("x-acs-action"))
					assert.Equal(t, "2016-04-28", r.Header.Get("x-acs-version"))
					assert.Equal(t, signing.EmptyPayloadHash, r.Header.Get("x-acs-content-sha256"))
					assert.Regexp(t, `^ACS3-HMAC-SHA256 Credential=`+testKeyID+`,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$`,
						r.Header.Get("Authorization"))
					nonce, date = r.Header.Get("x-acs-signature-nonce"), r.Header.Get("x-acs-date")
				} else {
					assert.Equal(t, "CreateFlowLog", r.param("Action"))
					assert.Equal(t, "2016-04-28", r.param("Version"))
					assert.Equal(t, testKeyID, r.param("AccessKeyId"))
					assert.Equal(t, "HMAC-SHA1", r.param("SignatureMethod"))
					assert.Equal(t, "1.0", r.param("SignatureVersion"))
					assert.NotContains(t, r.Query, "SecurityToken")
					assert.Empty(t, r.Header.Get("Authorization"))
					nonce, date = r.param("SignatureNonce"), r.param("Timestamp")
				}
				assert.Regexp(t, `^[0-9a-f]{32}$`, nonce)
				ts, err := time.Parse(signing.TimeFormat, date)
				require.NoError(t, err)
				assert.WithinDuration(t, time.Now(), ts, time.Minute)
				// Nothing secret on the wire.
				assert.NotContains(t, r.Query.Encode()+string(r.Body)+r.Header.Get("Authorization"), testSecret)
			})
		}
	}
}

func TestDoSecurityToken(t *testing.T) {
	t.Parallel()
	for _, alg := range algorithms {
		t.Run(alg, func(t *testing.T) {
			t.Parallel()
			g := newGateway(t, created)
			c := testClient(t, g, func(o *Options) {
				o.Credential = StaticCredential(testKeyID, testSecret, testToken)
				o.SignatureAlgorithm = alg
			})
			_, _, err := c.Do(context.Background(), testOp, request(), nil)
			require.NoError(t, err)
			r := g.received()[0]
			if alg == SignatureV3 {
				assert.Equal(t, testToken, r.Header.Get("x-acs-security-token"))
				assert.Contains(t, r.Header.Get("Authorization"), "x-acs-security-token", "the token is signed")
				assert.NotContains(t, r.Query, "SecurityToken")
			} else {
				assert.Equal(t, testToken, r.param("SecurityToken"))
			}
		})
	}
}

func TestDoClientToken(t *testing.T) {
	t.Parallel()
	g := newGateway(t, created)
	c := testClient(t, g)

	_, token, err := c.Do(context.Background(), tokenOp, request(), nil)
	require.NoError(t, err)
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, token)
	assert.Equal(t, token, g.received()[0].param("ClientToken"))

	r := request()
	r.ClientToken = "caller-token-1"
	_, token, err = c.Do(context.Background(), tokenOp, r, nil)
	require.NoError(t, err)
	assert.Equal(t, "caller-token-1", token)
	assert.Equal(t, "caller-token-1", g.received()[1].param("ClientToken"))
}

func TestDoRegionAndPerCallOptions(t *testing.T) {
	t.Parallel()
	g := newGateway(t, created)
	c := testClient(t, g)
	r := request()
	r.RegionID = "cn-beijing"
	_, _, err := c.Do(context.Background(), testOp, r, []func(*Options){func(o *Options) { o.ResponseFormat = "XML" }})
	require.NoError(t, err)
	_, _, err = c.Do(context.Background(), testOp, request(), nil)
	require.NoError(t, err)

	reqs := g.received()
	assert.Equal(t, "cn-beijing", reqs[0].param("RegionId"))
	assert.Equal(t, "XML", reqs[0].param("Format"))
	assert.Equal(t, "cn-qingdao", reqs[1].param("RegionId"), "per-call options changed a copy")
	assert.Equal(t, "JSON", reqs[1].param("Format"))

	_, _, err = c.Do(context.Background(), testOp, request(), []func(*Options){func(o *Options) { o.ResponseFormat = "YAML" }})
	var opErr *OperationError
	require.ErrorAs(t, err, &opErr)
	assert.Contains(t, err.Error(), `ResponseFormat "YAML"`)
	assert.Len(t, g.received(), 2, "nothing sent")
}

func TestDoAPIErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		op      *Operation
		steps   []func(http.ResponseWriter, *http.Request)
		sent    int
		code    string
		status  int
		unknown bool
	}{
		{"parameter error is final", testOp, []func(http.ResponseWriter, *http.Request){
			status(400, `{"RequestId":"R","Code":"MissingParameter","Message":"Missing mandatory parameter"}`)}, 1, "MissingParameter", 400, false},
		{"seed error in XML is final", testOp, []func(http.ResponseWriter, *http.Request){
			status(400, `<Error><RequestId>R</RequestId><Code>INVALID_PARAMETER</Code><Message>The parameter invalid.</Message></Error>`)}, 1, "INVALID_PARAMETER", 400, false},
		{"throttling is retried until attempts run out", testOp, []func(http.ResponseWriter, *http.Request){
			status(400, throttled)}, 3, "Throttling.User", 400, false},
		{"503 without a token is not resent", testOp, []func(http.ResponseWriter, *http.Request){
			status(503, `{"RequestId":"R","Code":"ServiceUnavailable","Message":"down"}`)}, 1, "ServiceUnavailable", 503, true},
		{"HTML 502 without a token is not resent", testOp, []func(http.ResponseWriter, *http.Request){
			status(502, `<html>bad gateway</html>`)}, 1, "", 502, true},
		{"503 with a token is resent", tokenOp, []func(http.ResponseWriter, *http.Request){
			status(503, ``)}, 3, "", 503, true},
		{"doubt survives a later throttle", tokenOp, []func(http.ResponseWriter, *http.Request){
			status(500, `{"Code":"InternalError","RequestId":"R"}`), status(400, throttled)}, 3, "Throttling.User", 400, true},
		{"a proxy's 429 is a rate limit", testOp, []func(http.ResponseWriter, *http.Request){
			status(429, `<html>Too Many Requests</html>`)}, 3, "", 429, false},
		{"credential errors are final", tokenOp, []func(http.ResponseWriter, *http.Request){
			status(404, `{"RequestId":"R","Code":"InvalidAccessKeyId.NotFound","Message":"Specified access key is not found."}`)}, 1, "InvalidAccessKeyId.NotFound", 404, false},
		{"expired token is retried once", testOp, []func(http.ResponseWriter, *http.Request){
			status(400, `{"RequestId":"R","Code":"InvalidSecurityToken.Expired","Message":"expired"}`)}, 2, "InvalidSecurityToken.Expired", 400, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := newGateway(t, sequence(tt.steps...))
			c := testClient(t, g)
			res, token, err := c.Do(context.Background(), tt.op, request(), nil)
			require.Error(t, err)
			assert.Nil(t, res)
			assert.Len(t, g.received(), tt.sent)

			var opErr *OperationError
			require.ErrorAs(t, err, &opErr)
			assert.Equal(t, tt.sent, opErr.Attempts)
			assert.Equal(t, token, opErr.ClientToken)
			assert.Equal(t, tt.unknown, opErr.OutcomeUnknown)
			assert.Equal(t, tt.unknown, errors.Is(err, ErrOutcomeUnknown))

			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.HTTPStatus)
			assert.Equal(t, tt.code, apiErr.Code)
			if tt.op.ClientToken {
				tokens := map[string]bool{}
				for _, r := range g.received() {
					tokens[r.param("ClientToken")] = true
				}
				assert.Len(t, tokens, 1, "every attempt carries the same token")
			}
		})
	}
}

func TestDoRetriesAreSignedAfresh(t *testing.T) {
	t.Parallel()
	for _, alg := range algorithms {
		t.Run(alg, func(t *testing.T) {
			t.Parallel()
			g := newGateway(t, sequence(status(400, throttled), status(400, throttled), ok))
			c := testClient(t, g, func(o *Options) { o.SignatureAlgorithm = alg })
			res, _, err := c.Do(context.Background(), testOp, request(), nil)
			require.NoError(t, err)
			assert.Equal(t, "fl-1", res.FlowLogID)
			reqs := g.received()
			require.Len(t, reqs, 3)
			nonces := map[string]bool{}
			for _, r := range reqs {
				nonces[r.param("SignatureNonce")+r.Header.Get("x-acs-signature-nonce")] = true
			}
			assert.Len(t, nonces, 3, "a new nonce per attempt; the gateway verified each signature")
		})
	}
}

func TestDoMaxAttemptsOne(t *testing.T) {
	t.Parallel()
	g := newGateway(t, sequence(status(400, throttled)))
	c := testClient(t, g, func(o *Options) { o.MaxAttempts = 1 })
	_, _, err := c.Do(context.Background(), testOp, request(), nil)
	require.Error(t, err)
	assert.Len(t, g.received(), 1)
}

func TestDoScrubsSignatureMismatch(t *testing.T) {
	t.Parallel()
	g := newGateway(t, created)
	c := testClient(t, g, func(o *Options) {
		o.Credential = StaticCredential(testKeyID, "wrong-secret", testToken)
	})
	_, _, err := c.Do(context.Background(), testOp, request(), nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, CodeSignatureDoesNotMatch, apiErr.Code)
	assert.Contains(t, apiErr.Message, "string to sign is: [redacted]")
	for _, s := range []string{testToken, signing.Encode(testToken), signing.Encode(signing.Encode(testToken)), "wrong-secret"} {
		assert.NotContains(t, err.Error(), s)
		assert.NotContains(t, apiErr.Message, s)
	}
}

func TestDoTransportErrorHidesTheQuery(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close()) // nothing listens: connection refused, nothing sent

	c, err := New(testProduct, Options{RegionID: "cn-qingdao", Endpoint: "http://" + addr,
		Credential: StaticCredential(testKeyID, testSecret, testToken), MaxAttempts: 2})
	require.NoError(t, err)
	_, _, err = c.Do(context.Background(), testOp, request(), nil)
	require.Error(t, err)
	var opErr *OperationError
	require.ErrorAs(t, err, &opErr)
	assert.Equal(t, 2, opErr.Attempts, "a request that was never sent is retried")
	assert.False(t, opErr.OutcomeUnknown)
	assert.Contains(t, err.Error(), "POST "+addr)
	for _, s := range []string{"Signature=", "SecurityToken", signing.Encode(testToken), testKeyID} {
		assert.NotContains(t, err.Error(), s)
	}
	var ue *url.Error
	assert.False(t, errors.As(err, &ue), "net/http's *url.Error prints the signed URL")
}

func TestDoContext(t *testing.T) {
	t.Parallel()
	t.Run("already cancelled: nothing sent", func(t *testing.T) {
		t.Parallel()
		g := newGateway(t, created)
		c := testClient(t, g)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, _, err := c.Do(ctx, testOp, request(), nil)
		require.ErrorIs(t, err, context.Canceled)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
		assert.Empty(t, g.received())
	})
	t.Run("deadline while the server is slow", func(t *testing.T) {
		t.Parallel()
		release := make(chan struct{})
		g := newGateway(t, func(_ int, w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		})
		defer close(release)
		c := testClient(t, g)
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, _, err := c.Do(ctx, testOp, request(), nil)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.ErrorIs(t, err, ErrOutcomeUnknown, "the request was sent: it may have executed")
		assert.Len(t, g.received(), 1, "no token: not resent")
	})
	t.Run("deadline shorter than the backoff", func(t *testing.T) {
		t.Parallel()
		g := newGateway(t, sequence(status(400, throttled)))
		c := testClient(t, g)
		c.jitter = func(d time.Duration) time.Duration { return d } // the ceiling: 200ms
		// The wait does not fit before the deadline, so the throttling
		// error comes back at once instead of a deadline error later.
		ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
		defer cancel()
		_, _, err := c.Do(ctx, testOp, request(), nil)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, CodeThrottlingUser, apiErr.Code)
		assert.NoError(t, ctx.Err(), "returned before the deadline")
		assert.Len(t, g.received(), 1)
	})
}

// countingCredential counts reads and can fail. Its type is a refreshing
// one unless typ says otherwise.
type countingCredential struct {
	credentials.Credential
	reads atomic.Int32
	err   error
	typ   string
}

func (c *countingCredential) GetType() *string {
	t := c.typ
	if t == "" {
		t = "ram_role_arn"
	}
	return &t
}

func (c *countingCredential) GetCredential() (*credentials.CredentialModel, error) {
	c.reads.Add(1)
	if c.err != nil {
		return nil, c.err
	}
	id, secret := testKeyID, testSecret
	return &credentials.CredentialModel{AccessKeyId: &id, AccessKeySecret: &secret}, nil
}

func TestCredentials(t *testing.T) {
	t.Parallel()
	t.Run("read per attempt", func(t *testing.T) {
		t.Parallel()
		g := newGateway(t, sequence(status(400, throttled), ok))
		cred := &countingCredential{}
		c := testClient(t, g, func(o *Options) { o.Credential = cred })
		_, _, err := c.Do(context.Background(), testOp, request(), nil)
		require.NoError(t, err)
		assert.EqualValues(t, 2, cred.reads.Load())
	})
	t.Run("a static AccessKey is read once", func(t *testing.T) {
		t.Parallel()
		g := newGateway(t, sequence(status(400, throttled), ok))
		cred := &countingCredential{typ: "access_key"}
		c := testClient(t, g, func(o *Options) { o.Credential = cred })
		for i := 0; i < 3; i++ {
			_, _, err := c.Do(context.Background(), testOp, request(), nil)
			require.NoError(t, err)
		}
		assert.EqualValues(t, 1, cred.reads.Load())
	})
	t.Run("failure sends nothing", func(t *testing.T) {
		t.Parallel()
		g := newGateway(t, created)
		cred := &countingCredential{err: errors.New("no profile")}
		c := testClient(t, g, func(o *Options) { o.Credential = cred })
		_, _, err := c.Do(context.Background(), testOp, request(), nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "credentials: no profile")
		assert.Empty(t, g.received())
	})
	t.Run("empty provider result", func(t *testing.T) {
		t.Parallel()
		src := &credentialSource{cred: StaticCredential("", "", "")}
		_, err := src.get(context.Background())
		require.Error(t, err)
	})
}

// Not parallel: it replaces the default chain's constructor.
func TestDefaultChainIsBuiltAtFirstCall(t *testing.T) {
	builds := 0
	saved := newDefaultChain
	t.Cleanup(func() { newDefaultChain = saved })
	newDefaultChain = func() (credentials.Credential, error) {
		builds++
		return StaticCredential(testKeyID, testSecret, ""), nil
	}
	g := newGateway(t, created)
	c, err := New(testProduct, Options{RegionID: "cn-qingdao", Endpoint: g.URL})
	require.NoError(t, err)
	assert.Zero(t, builds, "New reads no credential")
	for i := 0; i < 3; i++ {
		_, _, err = c.Do(context.Background(), testOp, request(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, builds)
}

func TestDoLogs(t *testing.T) {
	t.Parallel()
	g := newGateway(t, sequence(status(400, throttled), ok))
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewTextHandler(lockedWriter{&mu, &buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := testClient(t, g, func(o *Options) {
		o.Logger = logger
		o.Credential = StaticCredential(testKeyID, testSecret, testToken)
	})
	_, _, err := c.Do(context.Background(), testOp, request(), nil)
	require.NoError(t, err)
	mu.Lock()
	out := buf.String()
	mu.Unlock()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2)
	assert.Contains(t, lines[0], "attempt=1 status=400 code=Throttling.User request_id=T")
	assert.Contains(t, lines[0], "retry=true")
	assert.Contains(t, lines[1], "attempt=2 status=200")
	assert.Contains(t, lines[1], "retry=false")
	assert.Contains(t, lines[0], "access_key_id=LTA****yId", "masked")
	assert.NotContains(t, out, testKeyID)
	for _, s := range []string{testSecret, testToken, signing.Encode(testToken), "Signature="} {
		assert.NotContains(t, out, s)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestBackoffCeiling(t *testing.T) {
	t.Parallel()
	tests := []struct {
		attempt int
		max     time.Duration
		want    time.Duration
	}{
		{1, 5 * time.Second, 200 * time.Millisecond},
		{2, 5 * time.Second, 400 * time.Millisecond},
		{5, 5 * time.Second, 3200 * time.Millisecond},
		{6, 5 * time.Second, 5 * time.Second},
		{200, 5 * time.Second, 5 * time.Second},
		{1, 50 * time.Millisecond, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, backoffCeiling(tt.max, tt.attempt), "attempt %d", tt.attempt)
	}
	for i := 0; i < 100; i++ {
		d := fullJitter(time.Second)
		assert.True(t, d >= 0 && d <= time.Second, d)
	}
}

// valueCredential is a Credential whose dynamic type cannot be compared.
type valueCredential struct {
	credentials.Credential
	fields []string
}

func TestSameCredential(t *testing.T) {
	t.Parallel()
	a := StaticCredential("a", "s", "")
	b := StaticCredential("b", "s", "")
	assert.True(t, sameCredential(nil, nil))
	assert.True(t, sameCredential(a, a))
	assert.False(t, sameCredential(a, b))
	assert.False(t, sameCredential(a, nil))
	v := valueCredential{fields: []string{"x"}}
	assert.False(t, sameCredential(v, v), "not comparable: treated as different, no panic")
}
