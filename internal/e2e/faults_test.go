package e2e

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/internal/core"
	"github.com/flowlog-go/flowlog/internal/emulator"
)

// expect is what one call must end with.
type expect struct {
	ok       bool // the call succeeds
	attempts int  // requests that reached the server
	created  int  // flow logs the server holds afterwards
	unknown  bool // the error wraps ErrOutcomeUnknown
	status   int  // the *APIError's HTTP status; 0: no *APIError
	code     string
}

// faultCase is one fault kind with the outcome per product, when it hits the
// first attempt only and when it hits every attempt (MaxAttempts is 3).
type faultCase struct {
	fault emulator.Fault
	// for VPC (no token) and CEN (token)
	firstVPC, firstCEN expect
	everyVPC, everyCEN expect
}

func TestFaultMatrix(t *testing.T) {
	t.Parallel()
	retried := expect{ok: true, attempts: 2, created: 1}
	cases := []faultCase{
		{fault: emulator.Throttling,
			firstVPC: retried, firstCEN: retried,
			everyVPC: expect{attempts: 3, status: 400, code: core.CodeThrottlingUser},
			everyCEN: expect{attempts: 3, status: 400, code: core.CodeThrottlingUser}},
		{fault: emulator.Busy,
			firstVPC: retried, firstCEN: retried,
			everyVPC: expect{attempts: 3, status: 400, code: core.CodeOperationConflict},
			everyCEN: expect{attempts: 3, status: 400, code: core.CodeOperationBlocking}},
		{fault: emulator.ExpiredToken,
			firstVPC: retried, firstCEN: retried,
			everyVPC: expect{attempts: 2, status: 400, code: core.CodeInvalidSecurityTokenExpired},
			everyCEN: expect{attempts: 2, status: 400, code: core.CodeInvalidSecurityTokenExpired}},
		{fault: emulator.ServiceUnavailable,
			firstVPC: expect{attempts: 1, unknown: true, status: 503, code: core.CodeServiceUnavailable}, firstCEN: retried,
			everyVPC: expect{attempts: 1, unknown: true, status: 503, code: core.CodeServiceUnavailable},
			everyCEN: expect{attempts: 3, unknown: true, status: 503, code: core.CodeServiceUnavailable}},
		{fault: emulator.InternalError,
			firstVPC: expect{attempts: 1, unknown: true, status: 500, code: core.CodeInternalError}, firstCEN: retried,
			everyVPC: expect{attempts: 1, unknown: true, status: 500, code: core.CodeInternalError},
			everyCEN: expect{attempts: 3, unknown: true, status: 500, code: core.CodeInternalError}},
		{fault: emulator.HTMLBadGateway,
			firstVPC: expect{attempts: 1, unknown: true, status: 502}, firstCEN: retried,
			everyVPC: expect{attempts: 1, unknown: true, status: 502},
			everyCEN: expect{attempts: 3, unknown: true, status: 502}},
		{fault: emulator.EmptyBody,
			firstVPC: expect{attempts: 1, unknown: true, status: 503}, firstCEN: retried,
			everyVPC: expect{attempts: 1, unknown: true, status: 503},
			everyCEN: expect{attempts: 3, unknown: true, status: 503}},
		{fault: emulator.ResetBeforeCommit,
			firstVPC: expect{attempts: 1, unknown: true}, firstCEN: retried,
			everyVPC: expect{attempts: 1, unknown: true},
			everyCEN: expect{attempts: 3, unknown: true}},
		{fault: emulator.ResetAfterCommit,
			firstVPC: expect{attempts: 1, created: 1, unknown: true}, firstCEN: retried,
			everyVPC: expect{attempts: 1, created: 1, unknown: true},
			everyCEN: expect{attempts: 3, created: 1, unknown: true}},
		{fault: emulator.TruncatedBody,
			firstVPC: expect{attempts: 1, created: 1, unknown: true}, firstCEN: retried,
			everyVPC: expect{attempts: 1, created: 1, unknown: true},
			everyCEN: expect{attempts: 3, created: 1, unknown: true}},
		{fault: emulator.Slow(20 * time.Millisecond),
			firstVPC: expect{ok: true, attempts: 1, created: 1}, firstCEN: expect{ok: true, attempts: 1, created: 1},
			everyVPC: expect{ok: true, attempts: 1, created: 1}, everyCEN: expect{ok: true, attempts: 1, created: 1}},
	}
	for _, p := range products {
		for _, alg := range algorithms {
			for _, format := range []string{"JSON", "XML"} {
				for _, fc := range cases {
					for _, every := range []bool{false, true} {
						want := map[[2]bool]expect{
							{false, false}: fc.firstVPC, {false, true}: fc.everyVPC,
							{true, false}: fc.firstCEN, {true, true}: fc.everyCEN,
						}[[2]bool{p.token, every}]
						name := p.name + "/" + alg + "/" + format + "/" + fc.fault.String() + "/first"
						if every {
							name = p.name + "/" + alg + "/" + format + "/" + fc.fault.String() + "/every"
						}
						t.Run(name, func(t *testing.T) {
							t.Parallel()
							h := newHarness(t, p, alg, format)
							n := 1
							if every {
								n = 3
							}
							h.srv.Fail(n, fc.fault)
							out, err := p.create(context.Background(), h.opts)
							checkOutcome(t, h, p, want, out, err)
						})
					}
				}
			}
		}
	}
}

// checkOutcome asserts one call's result against want and the server's
// records, and that no secret leaked into the error or the logs.
func checkOutcome(t *testing.T, h *harness, p product, want expect, out outcome, err error) {
	t.Helper()
	reqs := h.srv.Requests()
	logs := h.srv.FlowLogs()
	assert.Len(t, reqs, want.attempts, "attempts")
	assert.Len(t, logs, want.created, "flow logs created")
	assert.Equal(t, want.attempts, strings.Count(h.logs.String(), `msg="flowlog attempt"`), "one log record per attempt")
	h.assertNoSecrets(t, h.logs.String())
	if p.token && len(reqs) > 0 {
		for _, r := range reqs {
			assert.Equal(t, reqs[0].Params["ClientToken"], r.Params["ClientToken"], "one token for every attempt")
		}
	}

	if want.ok {
		require.NoError(t, err)
		require.NotEmpty(t, logs)
		assert.Equal(t, logs[0].ID, out.FlowLogID)
		assert.Equal(t, reqs[len(reqs)-1].RequestID, out.RequestID)
		return
	}
	require.Error(t, err)
	h.assertNoSecrets(t, err.Error())
	assert.Equal(t, want.unknown, errors.Is(err, core.ErrOutcomeUnknown), "ErrOutcomeUnknown: %v", err)

	var opErr *core.OperationError
	require.ErrorAs(t, err, &opErr)
	assert.Equal(t, want.attempts, opErr.Attempts)
	if p.token {
		assert.Equal(t, reqs[0].Params["ClientToken"], opErr.ClientToken, "the error carries the token to resend with")
	}

	var apiErr *core.APIError
	if want.status == 0 {
		assert.False(t, errors.As(err, &apiErr), "not a service error: %v", err)
		return
	}
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, want.status, apiErr.HTTPStatus)
	assert.Equal(t, want.code, apiErr.Code)
	if want.code != "" {
		assert.Equal(t, reqs[len(reqs)-1].RequestID, apiErr.RequestID, "the RequestId of the last attempt")
		assert.NotEmpty(t, apiErr.Message)
	}
}

func TestDeadlines(t *testing.T) {
	t.Parallel()
	for _, p := range products {
		t.Run(p.name+"/during a slow response", func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, p, core.SignatureHMACSHA1, "JSON")
			h.srv.Fail(1, emulator.Slow(time.Minute))
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := p.create(ctx, h.opts)
			elapsed := time.Since(start)
			require.ErrorIs(t, err, context.DeadlineExceeded)
			assert.ErrorIs(t, err, core.ErrOutcomeUnknown, "sent, then no answer: it may exist")
			// Promptly: well before the server's answer. A loose bound, only
			// to catch a call that waits for the slow server.
			assert.Less(t, elapsed, 10*time.Second)
			assert.Len(t, h.srv.Requests(), 1, "no attempt after the context is done")
			h.assertNoSecrets(t, err.Error())
		})
		t.Run(p.name+"/during backoff", func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, p, core.SignatureHMACSHA1, "JSON")
			h.opts.MaxBackoff = time.Hour
			h.opts.MaxAttempts = 10
			h.srv.Fail(10, emulator.Throttling)
			ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := p.create(ctx, h.opts)
			require.Error(t, err)
			assert.Less(t, time.Since(start), 10*time.Second, "never sleeps past the deadline")
			// Full jitter decides how many retries fit: either a wait would
			// have passed the deadline, and the last refusal comes back at
			// once, or the deadline came during an attempt.
			var apiErr *core.APIError
			if errors.As(err, &apiErr) {
				assert.Equal(t, core.CodeThrottlingUser, apiErr.Code)
				assert.False(t, errors.Is(err, core.ErrOutcomeUnknown))
				assert.NoError(t, ctx.Err(), "returned before the deadline")
			} else {
				assert.ErrorIs(t, err, context.DeadlineExceeded)
			}
			assert.Empty(t, h.srv.FlowLogs())
		})
	}
}

func TestWrongSecretNeverLeaks(t *testing.T) {
	t.Parallel()
	for _, p := range products {
		for _, alg := range algorithms {
			t.Run(p.name+"/"+alg, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, p, alg, "XML")
				wrong := testCred
				wrong.AccessKeySecret = "wrong-" + testCred.AccessKeySecret
				h.opts.Credential = core.StaticCredential(wrong.AccessKeyID, wrong.AccessKeySecret, wrong.SecurityToken)
				_, err := p.create(context.Background(), h.opts)
				var apiErr *core.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, core.CodeSignatureDoesNotMatch, apiErr.Code)
				assert.Len(t, h.srv.Requests(), 1, "never retried")
				h.assertNoSecrets(t, err.Error())
				h.assertNoSecrets(t, apiErr.Message)
				h.assertNoSecrets(t, h.logs.String())
			})
		}
	}
}
