package emulator

import (
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/signing"
)

var products = []Product{VPC, CEN}

func TestSuccess(t *testing.T) {
	t.Parallel()
	modes := []struct {
		name string
		rpc  rpc
	}{
		{"POST query", rpc{}},
		{"GET query", rpc{Method: http.MethodGet}},
		{"POST form body", rpc{Body: true}},
		{"POST query and body", rpc{Split: true}},
	}
	formats := []struct {
		param, wantRPC, wantV3 string
	}{
		{"JSON", "JSON", "JSON"}, {"json", "JSON", "JSON"}, {"XML", "XML", "XML"}, {"xml", "XML", "XML"},
		{"-", "XML", "JSON"}, // without Format, V3 clients get JSON
	}
	for _, p := range products {
		for _, v3 := range algorithms {
			for _, m := range modes {
				for _, f := range formats {
					t.Run(fmt.Sprintf("%s/%s/%s/%s", p.Code, algName(v3), m.name, f.param), func(t *testing.T) {
						t.Parallel()
						want := f.wantRPC
						if v3 {
							want = f.wantV3
						}
						testSuccess(t, p, v3, m.rpc, f.param, want)
					})
				}
			}
		}
	}
}

// testSuccess sends r to a new server for p, signed as v3 says, with the
// Format parameter format, and checks the response (in the format want)
// and the records.
func testSuccess(t *testing.T, p Product, v3 bool, r rpc, format, want string) {
	t.Helper()
	srv := NewServer(p)
	defer srv.Close()
	r.V3 = v3
	r.Format = format
	r.Client = srv.Client()
	business := businessFor(p)
	if p.Action == VPC.Action {
		business["ResourceGroupId"] = "rg-acfmxazb4ph6aiy"
	}
	r.Business = business
	res := r.do(t, srv)
	require.NoError(t, res.Err)
	require.Equal(t, http.StatusOK, res.Status, "%s", res.Body)

	if want == "JSON" {
		assert.Equal(t, "application/json;charset=utf-8", res.Header.Get("Content-Type"))
		assert.True(t, strings.HasPrefix(string(res.Body), `{"RequestId":"`), "%s", res.Body)
	} else {
		assert.Equal(t, "text/xml;charset=utf-8", res.Header.Get("Content-Type"))
		assert.True(t, strings.HasPrefix(string(res.Body), `<?xml version="1.0" encoding="UTF-8"?><`+p.Action+`Response><RequestId>`), "%s", res.Body)
		assert.Equal(t, p.Action+"Response", res.Root)
	}
	assert.Equal(t, "true", res.Success)
	assert.Regexp(t, `^flowlog-[a-z0-9]{20}$`, res.FlowLogID)
	assert.Regexp(t, `^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`, res.RequestID)
	assert.Equal(t, res.RequestID, res.Header.Get("X-Acs-Request-Id"))
	if p.Action == VPC.Action {
		require.NotNil(t, res.ResourceGrp, "VPC answers ResourceGroupId")
		assert.Equal(t, "rg-acfmxazb4ph6aiy", *res.ResourceGrp)
	} else {
		assert.Nil(t, res.ResourceGrp, "CEN has no ResourceGroupId")
	}

	logs := srv.FlowLogs()
	require.Len(t, logs, 1)
	assert.Equal(t, res.FlowLogID, logs[0].ID)
	assert.Equal(t, res.RequestID, logs[0].RequestID)
	assert.Equal(t, business, logs[0].Params, "business parameters only")
	assert.WithinDuration(t, time.Now(), logs[0].Created, time.Minute)

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	got := reqs[0]
	assert.Equal(t, r.method(), got.Method)
	assert.Equal(t, p.Action, got.Action)
	if format == "-" {
		assert.Empty(t, got.Format)
		assert.NotContains(t, got.Params, "Format")
	} else {
		assert.Equal(t, format, got.Format)
	}
	assert.Equal(t, "emulator-test/1.0", got.UserAgent)
	assert.Equal(t, "emulator-test/1.0", got.Header.Get("User-Agent"))
	assert.Equal(t, http.StatusOK, got.Status)
	assert.Empty(t, got.Code)
	assert.Empty(t, got.Fault)
	assert.Equal(t, res.RequestID, got.RequestID)
	assert.Equal(t, algName(v3), got.Signature)
	if v3 {
		params := maps.Clone(business)
		if format != "-" {
			params["Format"] = format
		}
		assert.Equal(t, params, got.Params, "no common parameters in a V3 request")
		auth := got.Header.Get("Authorization")
		assert.True(t, strings.HasPrefix(auth, "ACS3-HMAC-SHA256 Credential="+srv.Credentials().AccessKeyID+",SignedHeaders=host;"), auth)
		assert.True(t, strings.HasSuffix(auth, ",Signature=<redacted>"), auth)
		assert.Equal(t, p.Action, got.Header.Get("X-Acs-Action"))
		assert.Equal(t, p.Version, got.Header.Get("X-Acs-Version"))
	} else {
		assert.Equal(t, "<redacted>", got.Params["Signature"])
		assert.Equal(t, srv.Credentials().AccessKeyID, got.Params["AccessKeyId"])
		assert.Equal(t, p.Version, got.Params["Version"])
		assert.Empty(t, got.Header.Get("Authorization"))
		for k, v := range business {
			assert.Equal(t, v, got.Params[k], k)
		}
	}
}

func TestRecordsAreCopies(t *testing.T) {
	t.Parallel()
	srv := NewServer(VPC)
	defer srv.Close()
	assert.Nil(t, srv.FlowLogs())
	assert.Nil(t, srv.Requests())
	require.Equal(t, http.StatusOK, rpc{}.do(t, srv).Status)
	srv.FlowLogs()[0].Params["RegionId"] = "changed"
	srv.Requests()[0].Params["RegionId"] = "changed"
	srv.Requests()[0].Header.Set("User-Agent", "changed")
	assert.Equal(t, "cn-qingdao", srv.FlowLogs()[0].Params["RegionId"])
	assert.Equal(t, "cn-qingdao", srv.Requests()[0].Params["RegionId"])
	assert.Equal(t, "emulator-test/1.0", srv.Requests()[0].Header.Get("User-Agent"))
}

func TestServerAccessors(t *testing.T) {
	t.Parallel()
	for _, p := range products {
		srv := NewServer(p)
		assert.Equal(t, p.DefaultRegion, srv.Region())
		assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)
		cred := srv.Credentials()
		assert.NotEmpty(t, cred.AccessKeyID)
		assert.NotEmpty(t, cred.AccessKeySecret)
		assert.Empty(t, cred.SecurityToken)
		srv.Close()
		srv.Close() // harmless
	}
	assert.Panics(t, func() { NewServer(Product{Code: "Ecs"}) })
	regional := VPC
	regional.DefaultRegion, regional.Host = "cn-beijing", "vpc.cn-beijing.aliyuncs.com"
	srv := NewServer(regional, nil)
	defer srv.Close()
	assert.Equal(t, "cn-beijing", srv.Region())
	res := rpc{Common: map[string]string{"Version": "2014-05-26"}}.do(t, srv)
	assert.Equal(t, "vpc.cn-beijing.aliyuncs.com", res.HostID)
}

func TestDeterministicIDs(t *testing.T) {
	t.Parallel()
	srv := NewServer(CEN, WithDeterministicIDs())
	defer srv.Close()
	first := rpc{}.do(t, srv)
	refused := rpc{Business: with(cenParams(), map[string]string{"CenId": "<delete>"})}.do(t, srv)
	second := rpc{}.do(t, srv)
	assert.Equal(t, "00000000-0000-4000-8000-000000000001", first.RequestID)
	assert.Equal(t, "flowlog-00000000000000000001", first.FlowLogID)
	assert.Equal(t, "00000000-0000-4000-8000-000000000002", refused.RequestID)
	assert.Equal(t, "00000000-0000-4000-8000-000000000003", second.RequestID)
	assert.Equal(t, "flowlog-00000000000000000002", second.FlowLogID)
}

func TestClock(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := NewServer(VPC, WithClock(clock.Now), WithClock(nil))
	defer srv.Close()
	res := rpc{}.doAt(t, srv, clock.Now)
	require.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
	assert.Equal(t, clock.Now(), srv.FlowLogs()[0].Created)
}

// Quirks of official SDKs that the gateway accepts.
func TestLenientDecoding(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		rpc  rpc
	}{
		{"plus for space in the query", rpc{
			Business: with(vpcParams(), map[string]string{"Description": "This is my flow log (test)."}),
			RawQuery: func(q string) string { return strings.ReplaceAll(q, "%20", "+") },
		}},
		{"unknown parameters ignored", rpc{Business: with(vpcParams(), map[string]string{"OwnerId": "123", "Foo.1.Bar": "baz"})}},
		{"GET signed", rpc{Method: http.MethodGet}},
		{"duplicated parameter keeps the first", rpc{RawQuery: func(q string) string { return q + "&RegionId=cn-beijing" }}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			srv := NewServer(VPC)
			defer srv.Close()
			res := c.rpc.do(t, srv)
			require.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
		})
	}

	t.Run("empty SignatureType", func(t *testing.T) {
		t.Parallel()
		srv := NewServer(VPC)
		defer srv.Close()
		// SignRPC keeps an empty parameter, as the official SDK signs it.
		r := rpc{Business: with(vpcParams(), map[string]string{"SignatureType": ""})}
		v := r.values(t, srv, time.Now)
		require.Contains(t, v, "SignatureType")
		res := r.do(t, srv)
		require.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
		assert.NotContains(t, srv.FlowLogs()[0].Params, "SignatureType")
		assert.Contains(t, srv.Requests()[0].Params, "SignatureType")
	})
}

func TestSecurityToken(t *testing.T) {
	t.Parallel()
	sts := signing.Credentials{AccessKeyID: "STS.NUgYrLnoC37mZZCNnAbez2", AccessKeySecret: "stssecret", SecurityToken: "CAIS1234token"}
	cases := []struct {
		name   string
		server signing.Credentials
		client signing.Credentials
		status int
		code   string
	}{
		{"token", sts, sts, 200, ""},
		{"missing token", sts, signing.Credentials{AccessKeyID: sts.AccessKeyID, AccessKeySecret: sts.AccessKeySecret}, 400, "MissingSecurityToken"},
		{"other token", sts, signing.Credentials{AccessKeyID: sts.AccessKeyID, AccessKeySecret: sts.AccessKeySecret, SecurityToken: "CAISother"}, 400, "InvalidSecurityToken.Malformed"},
		{"token not expected", signing.Credentials{AccessKeyID: "LTAIplain", AccessKeySecret: "plain"},
			signing.Credentials{AccessKeyID: "LTAIplain", AccessKeySecret: "plain", SecurityToken: "CAISstray"}, 400, "InvalidSecurityToken.Malformed"},
	}
	for _, c := range cases {
		for _, v3 := range algorithms {
			t.Run(c.name+"/"+algName(v3), func(t *testing.T) {
				t.Parallel()
				srv := NewServer(CEN, WithCredential(c.server))
				defer srv.Close()
				assert.Equal(t, c.server, srv.Credentials())
				res := rpc{Cred: c.client, V3: v3}.do(t, srv)
				require.NoError(t, res.Err)
				assert.Equal(t, c.status, res.Status, "%s", res.Body)
				assert.Equal(t, c.code, res.Code)
				req := srv.Requests()[0]
				tokenName := "SecurityToken"
				if v3 {
					tokenName = "x-acs-security-token"
					assert.NotContains(t, req.Params, "SecurityToken")
					if c.client.SecurityToken != "" {
						assert.Equal(t, []string{"<redacted>"}, req.Header.Values("X-Acs-Security-Token"))
					}
					assert.True(t, strings.HasSuffix(req.Header.Get("Authorization"), ",Signature=<redacted>"))
				} else {
					if c.client.SecurityToken != "" {
						assert.Equal(t, "<redacted>", req.Params["SecurityToken"])
					}
					assert.Equal(t, "<redacted>", req.Params["Signature"])
				}
				if c.code == "MissingSecurityToken" {
					assert.Equal(t, `The input parameter "`+tokenName+`" that is mandatory for processing this request is not supplied.`, res.Message)
				}
				for _, f := range srv.FlowLogs() {
					assert.NotContains(t, f.Params, "SecurityToken")
				}
			})
		}
	}
}

func TestNonceReplay(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := NewServer(VPC, WithClock(clock.Now), WithDeterministicIDs())
	defer srv.Close()
	at := clock.Now()

	// The very same signed request, sent twice.
	first := rpc{Nonce: "nonce-1", At: at}.doAt(t, srv, clock.Now)
	require.Equal(t, http.StatusOK, first.Status, "%s", first.Body)
	replay := rpc{Nonce: "nonce-1", At: at}.doAt(t, srv, clock.Now)
	assert.Equal(t, http.StatusBadRequest, replay.Status)
	assert.Equal(t, "SignatureNonceUsed", replay.Code)
	assert.Len(t, srv.FlowLogs(), 1, "a replay creates nothing")

	// Re-signed with the same nonce and a later time: still used.
	clock.Advance(10 * time.Minute)
	again := rpc{Nonce: "nonce-1"}.doAt(t, srv, clock.Now)
	assert.Equal(t, "SignatureNonceUsed", again.Code)

	// Past the window the Timestamp alone refuses the old request.
	clock.Advance(6 * time.Minute)
	old := rpc{Nonce: "nonce-1", At: at}.doAt(t, srv, clock.Now)
	assert.Equal(t, "InvalidTimeStamp.Expired", old.Code)
	// A nonce whose request has left the window is forgotten.
	fresh := rpc{Nonce: "nonce-1"}.doAt(t, srv, clock.Now)
	assert.Equal(t, http.StatusOK, fresh.Status, "%s", fresh.Body)

	// Nonces are per request: a refused request's nonce cannot be reused.
	bad := rpc{Nonce: "nonce-2", Business: with(vpcParams(), map[string]string{"TrafficType": "Some"})}.doAt(t, srv, clock.Now)
	assert.Equal(t, "InvalidParameter", bad.Code)
	assert.Equal(t, "SignatureNonceUsed", rpc{Nonce: "nonce-2"}.doAt(t, srv, clock.Now).Code)
}

func TestNonceStorePruned(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	srv := NewServer(CEN, WithClock(clock.Now))
	defer srv.Close()
	for i := 0; i < 10; i++ {
		require.Equal(t, http.StatusOK, rpc{}.doAt(t, srv, clock.Now).Status)
	}
	assert.Equal(t, 10, srv.nonceCount())

	// Requests signed 14 minutes ahead are remembered longer.
	ahead := clock.Now().Add(14 * time.Minute)
	for i := 0; i < 3; i++ {
		require.Equal(t, http.StatusOK, rpc{At: ahead}.doAt(t, srv, clock.Now).Status)
	}
	assert.Equal(t, 13, srv.nonceCount())

	clock.Advance(15*time.Minute + time.Second)
	require.Equal(t, http.StatusOK, rpc{}.doAt(t, srv, clock.Now).Status)
	assert.Equal(t, 4, srv.nonceCount(), "the first ten expired")

	clock.Advance(15 * time.Minute)
	require.Equal(t, http.StatusOK, rpc{}.doAt(t, srv, clock.Now).Status)
	assert.Equal(t, 1, srv.nonceCount(), "only the last one is left")
}

func TestCENClientToken(t *testing.T) {
	t.Parallel()
	token := "3f2a1f0e-7f3b-4c55-9b9a-5a0e8c4f1b2d"
	withToken := func(extra map[string]string) map[string]string {
		return with(cenParams(), with(map[string]string{"ClientToken": token}, extra))
	}

	// The first request is signed one way, the others the other way or the
	// same: idempotency does not depend on the signature.
	for _, first := range algorithms {
		for _, then := range algorithms {
			t.Run("repeat and mismatch/"+algName(first)+" then "+algName(then), func(t *testing.T) {
				t.Parallel()
				srv := NewServer(CEN)
				defer srv.Close()
				original := rpc{Business: withToken(nil), V3: first}.do(t, srv)
				require.Equal(t, http.StatusOK, original.Status, "%s", original.Body)
				repeat := rpc{Business: withToken(nil), Format: "XML", V3: then}.do(t, srv)
				require.Equal(t, http.StatusOK, repeat.Status, "%s", repeat.Body)
				assert.Equal(t, original.FlowLogID, repeat.FlowLogID)
				assert.NotEqual(t, original.RequestID, repeat.RequestID)
				assert.Len(t, srv.FlowLogs(), 1)

				mismatch := rpc{Business: withToken(map[string]string{"Description": "Another one"}), V3: then}.do(t, srv)
				assert.Equal(t, http.StatusBadRequest, mismatch.Status)
				assert.Equal(t, "IdempotentParameterMismatch", mismatch.Code)
				assert.Len(t, srv.FlowLogs(), 1)

				other := rpc{Business: with(withToken(nil), map[string]string{"ClientToken": "other-token"}), V3: then}.do(t, srv)
				require.Equal(t, http.StatusOK, other.Status)
				assert.NotEqual(t, original.FlowLogID, other.FlowLogID)
				none := rpc{V3: then}.do(t, srv)
				require.Equal(t, http.StatusOK, none.Status)
				none2 := rpc{V3: then}.do(t, srv)
				assert.NotEqual(t, none.FlowLogID, none2.FlowLogID, "without a token a resend creates again")
				assert.Len(t, srv.FlowLogs(), 4)
			})
		}
	}

	// A fault that creates nothing does not consume the token: the next
	// request with the token, even with other parameters, creates.
	for _, f := range []Fault{Throttling, Busy, ServiceUnavailable, InternalError, ResetBeforeCommit, HTMLBadGateway, EmptyBody, ExpiredToken} {
		t.Run("not consumed by "+f.String(), func(t *testing.T) {
			t.Parallel()
			srv := NewServer(CEN)
			defer srv.Close()
			srv.Fail(1, f)
			rpc{Business: withToken(nil)}.do(t, srv)
			require.Empty(t, srv.FlowLogs())
			res := rpc{Business: withToken(map[string]string{"Interval": "60"})}.do(t, srv)
			require.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
			assert.Len(t, srv.FlowLogs(), 1)
		})
	}

	// Faults that create consume it: the retry gets the first result.
	for _, f := range []Fault{ResetAfterCommit, TruncatedBody, Slow(time.Millisecond)} {
		t.Run("consumed by "+f.String(), func(t *testing.T) {
			t.Parallel()
			srv := NewServer(CEN)
			defer srv.Close()
			srv.Fail(1, f)
			rpc{Business: withToken(nil)}.do(t, srv)
			logs := srv.FlowLogs()
			require.Len(t, logs, 1)
			res := rpc{Business: withToken(nil)}.do(t, srv)
			require.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
			assert.Equal(t, logs[0].ID, res.FlowLogID)
			assert.Len(t, srv.FlowLogs(), 1)
		})
	}

	t.Run("VPC has no ClientToken", func(t *testing.T) {
		t.Parallel()
		srv := NewServer(VPC)
		defer srv.Close()
		b := with(vpcParams(), map[string]string{"ClientToken": token})
		a, c := rpc{Business: b}.do(t, srv), rpc{Business: b}.do(t, srv)
		require.Equal(t, http.StatusOK, a.Status)
		require.Equal(t, http.StatusOK, c.Status)
		assert.NotEqual(t, a.FlowLogID, c.FlowLogID)
		assert.Len(t, srv.FlowLogs(), 2)
	})
}

func TestConcurrentCreates(t *testing.T) {
	t.Parallel()
	for _, p := range products {
		t.Run(p.Code, func(t *testing.T) {
			t.Parallel()
			srv := NewServer(p)
			defer srv.Close()
			const n = 50
			ids := make([]string, n)
			var wg sync.WaitGroup
			for i := 0; i < n; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					business := businessFor(p)
					business["Description"] = fmt.Sprintf("Flow log %d", i)
					res := rpc{Business: business, Client: srv.Client(), V3: i%2 == 1}.do(t, srv)
					if assert.Equal(t, http.StatusOK, res.Status, "%s", res.Body) {
						ids[i] = res.FlowLogID
					}
				}()
				if i%10 == 0 {
					srv.Requests() // readers run alongside
					srv.FlowLogs()
				}
			}
			wg.Wait()
			seen := make(map[string]bool)
			for _, id := range ids {
				assert.False(t, seen[id], "duplicate %s", id)
				seen[id] = true
			}
			logs := srv.FlowLogs()
			require.Len(t, logs, n)
			reqs := srv.Requests()
			require.Len(t, reqs, n)
			requestIDs := make(map[string]bool)
			for i, f := range logs {
				assert.True(t, seen[f.ID], f.ID)
				requestIDs[reqs[i].RequestID] = true
			}
			assert.Len(t, requestIDs, n)
		})
	}
}

func TestRandomIDsLookReal(t *testing.T) {
	t.Parallel()
	srv := NewServer(VPC)
	defer srv.Close()
	uuid := regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for i := 0; i < 100; i++ {
		assert.Regexp(t, uuid, srv.newRequestID())
		assert.Regexp(t, `^flowlog-[a-z0-9]{20}$`, srv.newFlowLogID())
	}
}
