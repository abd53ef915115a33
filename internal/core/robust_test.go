package core

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
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

// forwardThenFail is a RoundTripper that reports nothing through httptrace:
// it forwards the request, so the server acts on it, then fails as a reset
// connection would.
type forwardThenFail struct{ base http.RoundTripper }

func (f forwardThenFail) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := f.base.RoundTrip(r.WithContext(context.Background()))
	if err == nil {
		resp.Body.Close()
	}
	return nil, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
}

// failBeforeSending is a RoundTripper that fails as a refused connection
// does, without sending anything.
type failBeforeSending struct{}

func (failBeforeSending) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
}

func TestTransportsThatReportNothing(t *testing.T) {
	t.Parallel()
	t.Run("a failure after forwarding may have executed", func(t *testing.T) {
		t.Parallel()
		g := newGateway(t, created)
		c := testClient(t, g, func(o *Options) { o.HTTPClient = &http.Client{Transport: forwardThenFail{http.DefaultTransport}} })
		_, _, err := c.Do(context.Background(), testOp, request(), nil)
		require.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.Len(t, g.received(), 1, "no token: never resent")
	})
	t.Run("a dial failure is resent", func(t *testing.T) {
		t.Parallel()
		g := newGateway(t, created)
		c := testClient(t, g, func(o *Options) { o.HTTPClient = &http.Client{Transport: failBeforeSending{}} })
		_, _, err := c.Do(context.Background(), testOp, request(), nil)
		var opErr *OperationError
		require.ErrorAs(t, err, &opErr)
		assert.Equal(t, 3, opErr.Attempts)
		assert.False(t, opErr.OutcomeUnknown)
	})
}

func TestLastTokenProcessingIsAnUnknownOutcome(t *testing.T) {
	t.Parallel()
	g := newGateway(t, sequence(status(400, `{"RequestId":"R","Code":"OperationFailed.LastTokenProcessing","Message":"still running"}`)))
	c := testClient(t, g)
	r := request()
	r.ClientToken = "resent-token"
	_, _, err := c.Do(context.Background(), tokenOp, r, nil)
	require.ErrorIs(t, err, ErrOutcomeUnknown, "a create with this token may still finish")
	var opErr *OperationError
	require.ErrorAs(t, err, &opErr)
	assert.Equal(t, 3, opErr.Attempts, "resent with the same token")
	assert.Equal(t, "resent-token", opErr.ClientToken)
}

func TestEchoedRequestIsScrubbed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		alg    string
		status int
	}{{SignatureHMACSHA1, 502}, {SignatureV3, 502}, {SignatureHMACSHA1, 200}, {SignatureV3, 200}} {
		alg := tc.alg
		t.Run(fmt.Sprint(alg, "/", tc.status), func(t *testing.T) {
			t.Parallel()
			// A proxy's page that echoes the whole request: an error page,
			// or a 200 that is not the service's document.
			g := newGateway(t, func(_ int, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
				io.WriteString(w, "bad gateway for "+r.URL.RawQuery+" auth "+r.Header.Get("Authorization"))
			})
			var logs syncWriter
			c := testClient(t, g, func(o *Options) {
				o.SignatureAlgorithm = alg
				o.Credential = StaticCredential(testKeyID, testSecret, testToken)
				o.Logger = newDebugLogger(&logs)
			})
			_, _, err := c.Do(context.Background(), testOp, request(), nil)
			require.Error(t, err)
			r := g.received()[0]
			sig := r.param("Signature")
			if alg == SignatureV3 {
				a := r.Header.Get("Authorization")
				sig = a[len(a)-64:]
			}
			require.NotEmpty(t, sig)
			for _, text := range []string{err.Error(), logs.String()} {
				for _, s := range []string{sig, signing.Encode(sig), testKeyID, testToken, signing.Encode(testToken)} {
					assert.NotContains(t, text, s)
				}
			}
		})
	}
}

func TestScrubNeverPanics(t *testing.T) {
	t.Parallel()
	a := &call{secrets: [3]string{testSecret, testToken, "c2lnbmF0dXJl"}, keyID: testKeyID}
	// 'Ⱥ' grows when lower-cased: an index found in a lower-cased copy
	// would not fit the original.
	msg := strings.Repeat("Ⱥ", 5) + " server String To Sign is:POST&%2F&AccessKeyId%3D" + testKeyID
	got := a.scrub(msg)
	assert.Equal(t, strings.Repeat("Ⱥ", 5)+" server String To Sign is: [redacted]", got)
}

// FuzzScrub checks that scrubbing any message never panics, always cuts
// an echoed string to sign, and leaves no long secret behind.
func FuzzScrub(f *testing.F) {
	f.Add("Specified signature is not matched with our calculation. server string to sign is:POST&%2F&x", "secret-value", "token+/=")
	f.Add("ȺȺȺ STRING TO SIGN IS:", "", "")
	f.Add("plain", "plain", "ai")
	f.Fuzz(func(t *testing.T, msg, secret, token string) {
		a := &call{secrets: [3]string{secret, token}, keyID: "LTAI5tKeyId"}
		got := a.scrub(msg)
		if i := indexFold(got, "string to sign is:"); i >= 0 {
			require.Equal(t, " [redacted]", got[i+len("string to sign is:"):])
		}
		for _, s := range []string{secret, token} {
			if len(s) >= 12 && !strings.Contains("[redacted]", s) && !strings.Contains(s, "[redacted]") {
				require.NotContains(t, got, s)
			}
		}
	})
}

func TestSameCredentialNested(t *testing.T) {
	t.Parallel()
	type wrapper struct{ credentials.Credential }
	nested := wrapper{valueCredential{fields: []string{"x"}}}
	assert.False(t, sameCredential(nested, nested), "a comparable type holding an uncomparable value: no panic")
}

// slowCredential is a refreshing Credential whose reads take a while and
// which counts reads that overlap.
type slowCredential struct {
	credentials.Credential
	delay            time.Duration
	active, overlaps atomic.Int32
	reads            atomic.Int32
}

func (c *slowCredential) GetType() *string { t := "ecs_ram_role"; return &t }

func (c *slowCredential) GetCredential() (*credentials.CredentialModel, error) {
	c.reads.Add(1)
	if c.active.Add(1) > 1 {
		c.overlaps.Add(1)
	}
	defer c.active.Add(-1)
	time.Sleep(c.delay)
	id, secret := testKeyID, testSecret
	return &credentials.CredentialModel{AccessKeyId: &id, AccessKeySecret: &secret}, nil
}

func TestOneCredentialIsReadByOneCallerAtATime(t *testing.T) {
	t.Parallel()
	g := newGateway(t, created)
	cred := &slowCredential{delay: time.Millisecond}
	// Two clients and per-call options share the one Credential.
	c1 := testClient(t, g, func(o *Options) { o.Credential = cred })
	c2 := testClient(t, g, func(o *Options) { o.Credential = StaticCredential("other", "s", "") })
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, _, err := c1.Do(context.Background(), testOp, request(), nil)
			assert.NoError(t, err)
		}()
		go func() {
			defer wg.Done()
			_, _, err := c2.Do(context.Background(), testOp, request(), []func(*Options){func(o *Options) { o.Credential = cred }})
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 20, cred.reads.Load())
	assert.Zero(t, cred.overlaps.Load(), "reads of one Credential overlapped")
	credentialLocks.Lock()
	_, kept := credentialLocks.m[credentials.Credential(cred)]
	credentialLocks.Unlock()
	assert.False(t, kept, "a lock nobody holds or waits for is dropped")
}

func TestSlowCredentialRespectsTheContext(t *testing.T) {
	t.Parallel()
	g := newGateway(t, created)
	cred := &slowCredential{delay: 10 * time.Second}
	c := testClient(t, g, func(o *Options) { o.Credential = cred })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, _, err := c.Do(ctx, testOp, request(), nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, g.received(), "nothing sent without credentials")

	// A second caller waiting for the same Credential gives up too.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	_, _, err = c.Do(ctx2, testOp, request(), nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestExpiredTokenReadsTheCredentialAgain(t *testing.T) {
	t.Parallel()
	g := newGateway(t, sequence(status(400, `{"RequestId":"R","Code":"InvalidSecurityToken.Expired","Message":"expired"}`), ok))
	cred := &countingCredential{}
	c := testClient(t, g, func(o *Options) { o.Credential = cred })
	_, _, err := c.Do(context.Background(), testOp, request(), nil)
	require.NoError(t, err)
	assert.EqualValues(t, 2, cred.reads.Load(), "the retry signs with a fresh read")
}

// Not parallel: it shortens the body-read bound for everyone.
func TestStalledBodyIsCutOff(t *testing.T) {
	saved := bodyTimeout
	bodyTimeout = 100 * time.Millisecond
	t.Cleanup(func() { bodyTimeout = saved })
	release := make(chan struct{})
	g := newGateway(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "200")
		w.WriteHeader(200)
		io.WriteString(w, `{"RequestId":"R",`)
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := testClient(t, g)
	_, _, err := c.Do(context.Background(), testOp, request(), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrOutcomeUnknown, "a 200 whose body never came: it may exist")
}

// syncWriter collects log output from any goroutine.
type syncWriter struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func newDebugLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
