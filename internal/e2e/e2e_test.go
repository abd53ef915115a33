package e2e

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/cbn"
	"github.com/flowlog-go/flowlog/cbn/cbntest"
	"github.com/flowlog-go/flowlog/internal/core"
	"github.com/flowlog-go/flowlog/internal/emulator"
	"github.com/flowlog-go/flowlog/signing"
	"github.com/flowlog-go/flowlog/vpc"
	"github.com/flowlog-go/flowlog/vpc/vpctest"
)

// The credential every server here knows: with a token, so that tests can
// look for it where it must not be.
var testCred = signing.Credentials{
	AccessKeyID:     "LTAI5tE2eKeyId0001",
	AccessKeySecret: "E2eSecret-must-never-be-printed",
	SecurityToken:   "STS.E2eToken+/=must-never-be-printed",
}

// product is what the cross-product tests need of one operation.
type product struct {
	name string
	// token: the operation carries a ClientToken, so ambiguous failures are
	// resent.
	token bool
	// idParam is the wire name of the resource ID that a tag marks.
	idParam   string
	newServer func(opts ...emulator.Option) *emulator.Server
	// newClient makes a client from opts and returns its create call.
	newClient func(opts core.Options) (createFunc, error)
}

// createFunc creates one flow log through one client. A non-empty tag
// marks the call's resource ID, so that its flow logs can be counted.
type createFunc func(ctx context.Context, tag string) (outcome, error)

// create makes a client from opts and creates one flow log with it.
func (p product) create(ctx context.Context, opts core.Options) (outcome, error) {
	create, err := p.newClient(opts)
	if err != nil {
		return outcome{}, err
	}
	return create(ctx, "")
}

// outcome is the part of an output the tests compare.
type outcome struct {
	FlowLogID, RequestID, ClientToken string
}

var products = []product{
	{
		name:      "VPC",
		idParam:   "ResourceId",
		newServer: func(opts ...emulator.Option) *emulator.Server { return vpctest.NewServer(opts...) },
		newClient: func(opts core.Options) (createFunc, error) {
			c, err := vpc.New(opts)
			return func(ctx context.Context, tag string) (outcome, error) {
				out, err := c.CreateFlowLog(ctx, &vpc.CreateFlowLogInput{
					ResourceType: vpc.ResourceTypeNetworkInterface,
					ResourceID:   "eni-askldfasxxxxxxxx" + tag,
					TrafficType:  vpc.TrafficTypeAll,
					ProjectName:  "flowlogproject",
					LogStoreName: "flowlogstore",
					Description:  "Flow log 流日志 😀 a+b*c~d",
					Tags:         []vpc.Tag{{Key: "env", Value: "prod"}, {Key: "owner"}},
				})
				if err != nil {
					return outcome{}, err
				}
				return outcome{FlowLogID: out.FlowLogID, RequestID: out.RequestID}, nil
			}, err
		},
	},
	{
		name:      "CEN",
		token:     true,
		idParam:   "CenId",
		newServer: func(opts ...emulator.Option) *emulator.Server { return cbntest.NewServer(opts...) },
		newClient: func(opts core.Options) (createFunc, error) {
			c, err := cbn.New(opts)
			return func(ctx context.Context, tag string) (outcome, error) {
				out, err := c.CreateFlowLog(ctx, &cbn.CreateFlowLogInput{
					CenID:        "cen-7qthudw0ll6jmc****" + tag,
					ProjectName:  "flowlogproject",
					LogStoreName: "flowlogstore",
					Description:  "流日志 description a+b*c~d",
					Tags:         []cbn.Tag{{Key: "env", Value: "prod"}},
				})
				if err != nil {
					return outcome{}, err
				}
				return outcome{FlowLogID: out.FlowLogID, RequestID: out.RequestID, ClientToken: out.ClientToken}, nil
			}, err
		},
	},
}

// algorithms are the signatures every end-to-end test runs under.
var algorithms = []string{core.SignatureHMACSHA1, core.SignatureV3}

// wire records the signatures that left the client, so that tests can look
// for them in error strings and logs.
type wire struct {
	base http.RoundTripper
	mu   sync.Mutex
	sigs []string
}

func (w *wire) RoundTrip(r *http.Request) (*http.Response, error) {
	w.mu.Lock()
	if s := r.URL.Query().Get("Signature"); s != "" {
		w.sigs = append(w.sigs, s, signing.Encode(s))
	}
	if a := r.Header.Get("Authorization"); a != "" {
		w.sigs = append(w.sigs, a[len(a)-64:])
	}
	w.mu.Unlock()
	return w.base.RoundTrip(r)
}

func (w *wire) signatures() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.sigs...)
}

// syncBuffer is a log destination safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// harness is one server with a client configuration pointing at it that
// records signatures and debug logs.
type harness struct {
	srv  *emulator.Server
	opts core.Options
	wire *wire
	logs *syncBuffer
}

func newHarness(t *testing.T, p product, alg, format string) *harness {
	t.Helper()
	srv := p.newServer(emulator.WithCredential(testCred))
	t.Cleanup(srv.Close)
	h := &harness{srv: srv, wire: &wire{base: http.DefaultTransport}, logs: &syncBuffer{}}
	h.opts = srv.Options()
	h.opts.SignatureAlgorithm = alg
	h.opts.ResponseFormat = format
	h.opts.HTTPClient = &http.Client{Transport: h.wire}
	h.opts.Logger = slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return h
}

// assertNoSecrets fails when text holds the secret, the token (raw or
// encoded) or a signature that was sent.
func (h *harness) assertNoSecrets(t *testing.T, text string) {
	t.Helper()
	forbidden := append([]string{
		testCred.AccessKeySecret,
		testCred.SecurityToken,
		signing.Encode(testCred.SecurityToken),
		signing.Encode(signing.Encode(testCred.SecurityToken)),
		testCred.AccessKeyID,
	}, h.wire.signatures()...)
	for _, s := range forbidden {
		require.NotContains(t, text, s)
	}
}
