package emulator

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFaultString(t *testing.T) {
	t.Parallel()
	cases := map[Fault]string{
		{}:                            "None",
		Throttling:                    "Throttling",
		Busy:                          "Busy",
		ServiceUnavailable:            "ServiceUnavailable",
		InternalError:                 "InternalError",
		ResetBeforeCommit:             "ResetBeforeCommit",
		ResetAfterCommit:              "ResetAfterCommit",
		TruncatedBody:                 "TruncatedBody",
		HTMLBadGateway:                "HTMLBadGateway",
		EmptyBody:                     "EmptyBody",
		ExpiredToken:                  "ExpiredToken",
		Slow(1500 * time.Millisecond): "Slow(1.5s)",
		Slow(-time.Second):            "Slow(0s)",
	}
	for f, want := range cases {
		assert.Equal(t, want, f.String())
	}
	assert.Equal(t, Slow(time.Second), Slow(time.Second), "faults are comparable")
}

func TestFaults(t *testing.T) {
	t.Parallel()
	cases := []faultCase{
		{fault: Throttling, product: VPC, status: 400, code: "Throttling.User"},
		{fault: Throttling, product: CEN, status: 400, code: "Throttling.User"},
		{fault: Busy, product: VPC, status: 400, code: "OperationConflict"},
		{fault: Busy, product: CEN, status: 400, code: "Operation.Blocking"},
		{fault: ServiceUnavailable, product: VPC, status: 503, code: "ServiceUnavailable"},
		{fault: InternalError, product: CEN, status: 500, code: "InternalError"},
		{fault: ExpiredToken, product: VPC, status: 400, code: "InvalidSecurityToken.Expired"},
		{fault: ResetBeforeCommit, product: VPC},
		{fault: ResetBeforeCommit, product: CEN},
		{fault: ResetAfterCommit, product: VPC, created: 1},
		{fault: ResetAfterCommit, product: CEN, created: 1},
		{fault: HTMLBadGateway, product: VPC, status: 502, check: func(t *testing.T, res result) {
			assert.Equal(t, "text/html", res.Header.Get("Content-Type"))
			assert.Contains(t, string(res.Body), "<h1>502 Bad Gateway</h1>")
		}},
		{fault: EmptyBody, product: CEN, status: 503, check: func(t *testing.T, res result) {
			assert.Empty(t, res.Body)
			assert.Equal(t, "0", res.Header.Get("Content-Length"))
		}},
		{fault: TruncatedBody, product: VPC, status: 200, created: 1, check: func(t *testing.T, res result) {
			assert.ErrorIs(t, res.Err, io.ErrUnexpectedEOF)
			assert.NotEmpty(t, res.Body)
			assert.NotContains(t, string(res.Body), "</FlowLogId>")
			assert.False(t, strings.HasSuffix(string(res.Body), "}"), "%s", res.Body)
		}},
		{fault: TruncatedBody, product: CEN, status: 200, created: 1, check: func(t *testing.T, res result) {
			assert.ErrorIs(t, res.Err, io.ErrUnexpectedEOF)
		}},
		{fault: Slow(30 * time.Millisecond), product: CEN, status: 200, created: 1},
		{fault: Fault{}, product: VPC, status: 200, created: 1},
	}
	for _, c := range cases {
		for _, v3 := range algorithms {
			for _, format := range []string{"JSON", "XML"} {
				t.Run(c.product.Code+"/"+c.fault.String()+"/"+algName(v3)+"/"+format, func(t *testing.T) {
					t.Parallel()
					testFault(t, c, v3, format)
				})
			}
		}
	}
}

// faultCase is a fault and what it must do.
type faultCase struct {
	fault   Fault
	product Product
	status  int    // 0: the client sees a transport error
	code    string // error code in the body
	created int
	check   func(t *testing.T, res result)
}

// testFault sends a request signed as v3 says, in format, to a server that
// has c's fault queued, checks the outcome and that the next request
// succeeds.
func testFault(t *testing.T, c faultCase, v3 bool, format string) {
	t.Helper()
	f, p, status, code, created, check := c.fault, c.product, c.status, c.code, c.created, c.check
	srv := NewServer(p)
	defer srv.Close()
	srv.Fail(1, f)
	start := time.Now()
	res := rpc{Format: format, V3: v3}.do(t, srv)
	if f.kind == faultSlow {
		assert.GreaterOrEqual(t, time.Since(start), f.delay)
	}
	switch {
	case status == 0:
		require.Error(t, res.Err, "a reset is a transport error")
		assert.Zero(t, res.Status)
	case code != "":
		checkError(t, srv, res, format, status, code)
	default:
		assert.Equal(t, status, res.Status, "%s", res.Body)
	}
	if check != nil {
		check(t, res)
	}
	assert.Len(t, srv.FlowLogs(), created)

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	if f != (Fault{}) {
		assert.Equal(t, f.String(), reqs[0].Fault)
	} else {
		assert.Empty(t, reqs[0].Fault)
	}
	if status == 0 {
		assert.Zero(t, reqs[0].Status)
	} else {
		assert.Equal(t, status, reqs[0].Status)
	}
	assert.Equal(t, code, reqs[0].Code)
	assert.Equal(t, algName(v3), reqs[0].Signature)

	// The fault is used up: the next request is handled normally.
	next := rpc{Format: format, V3: v3}.do(t, srv)
	require.NoError(t, next.Err)
	assert.Equal(t, http.StatusOK, next.Status, "%s", next.Body)
	assert.Len(t, srv.FlowLogs(), created+1)
	assert.Empty(t, srv.Requests()[1].Fault)
}

// A fault answers before any check: even a request that would be refused
// gets it, and a reset after commit hides the refusal.
func TestFaultsComeFirst(t *testing.T) {
	t.Parallel()
	srv := NewServer(VPC)
	defer srv.Close()
	srv.Fail(1, Throttling)
	srv.Fail(1, ResetAfterCommit)
	unsigned := rpc{Edit: del("Signature")}
	assert.Equal(t, "Throttling.User", unsigned.do(t, srv).Code)
	assert.Error(t, unsigned.do(t, srv).Err)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "MissingParameter", reqs[1].Code, "the refusal that the reset hid")
	assert.Empty(t, srv.FlowLogs())
}

func TestFailQueue(t *testing.T) {
	t.Parallel()
	srv := NewServer(CEN)
	defer srv.Close()
	srv.Fail(0, InternalError)  // nothing
	srv.Fail(-1, InternalError) // nothing
	srv.Fail(1, Throttling)
	srv.Fail(1, ServiceUnavailable)
	srv.Fail(1, ServiceUnavailable) // joins the previous run
	srv.Fail(1, Fault{})
	srv.Fail(1, Busy)
	var codes []string
	for i := 0; i < 6; i++ {
		res := rpc{}.do(t, srv)
		codes = append(codes, res.Code)
	}
	assert.Equal(t, []string{"Throttling.User", "ServiceUnavailable", "ServiceUnavailable", "", "Operation.Blocking", ""}, codes)
	assert.Len(t, srv.FlowLogs(), 2)
	var faults []string
	for _, r := range srv.Requests() {
		faults = append(faults, r.Fault)
	}
	assert.Equal(t, []string{"Throttling", "ServiceUnavailable", "ServiceUnavailable", "", "Busy", ""}, faults)
}

func TestResetWithKeepAliveClient(t *testing.T) {
	t.Parallel()
	srv := NewServer(VPC)
	defer srv.Close()
	client := srv.Client()
	require.Equal(t, http.StatusOK, rpc{Client: client}.do(t, srv).Status)
	srv.Fail(1, ResetBeforeCommit)
	assert.Error(t, rpc{Client: client}.do(t, srv).Err)
	require.Equal(t, http.StatusOK, rpc{Client: client}.do(t, srv).Status)
	assert.Len(t, srv.FlowLogs(), 2)
}

// A Slow request completes on the server even when the client gave up.
func TestSlowCreatesAfterClientGone(t *testing.T) {
	t.Parallel()
	srv := NewServer(VPC)
	defer srv.Close()
	srv.Fail(1, Slow(150*time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	res := rpc{Ctx: ctx}.do(t, srv)
	require.Error(t, res.Err)
	assert.True(t, errors.Is(res.Err, context.DeadlineExceeded), "%v", res.Err)
	assert.Empty(t, srv.FlowLogs(), "not yet")
	require.Eventually(t, func() bool { return len(srv.FlowLogs()) == 1 }, 5*time.Second, 10*time.Millisecond)
	assert.Equal(t, http.StatusOK, srv.Requests()[0].Status)
}

// Close aborts the wait of a Slow fault promptly.
func TestCloseAbortsSlow(t *testing.T) {
	t.Parallel()
	srv := NewServer(CEN)
	srv.Fail(1, Slow(time.Minute))
	done := make(chan result, 1)
	go func() { done <- rpc{}.do(t, srv) }()
	require.Eventually(t, func() bool { return len(srv.Requests()) == 1 }, 5*time.Second, 5*time.Millisecond)

	start := time.Now()
	srv.Close()
	assert.Less(t, time.Since(start), 5*time.Second)
	select {
	case res := <-done:
		assert.Error(t, res.Err, "the aborted request's connection is reset")
	case <-time.After(5 * time.Second):
		t.Fatal("the client is still waiting")
	}
	assert.Empty(t, srv.FlowLogs())
	req := srv.Requests()[0]
	assert.Zero(t, req.Status)
	assert.Equal(t, "Slow(1m0s)", req.Fault)
}

// Close waits for a request in flight, which completes normally.
func TestCloseWaitsForInFlight(t *testing.T) {
	t.Parallel()
	entered := make(chan struct{})
	release := make(chan struct{})
	var calls atomic.Int32
	clock := func() time.Time {
		if calls.Add(1) == 1 {
			close(entered)
			<-release
		}
		return time.Now()
	}
	srv := NewServer(VPC, WithClock(clock))
	done := make(chan result, 1)
	go func() { done <- rpc{}.do(t, srv) }()
	<-entered

	closed := make(chan struct{})
	go func() {
		srv.Close()
		close(closed)
	}()
	select {
	case <-closed:
		t.Fatal("Close returned while a request was in flight")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return")
	}
	res := <-done
	require.NoError(t, res.Err)
	assert.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
	assert.Len(t, srv.FlowLogs(), 1)
}
