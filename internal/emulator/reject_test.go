package emulator

import (
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/signing"
)

// checkError asserts that res is the gateway's error document for code, in
// the format asked, with the usual fields.
func checkError(t *testing.T, srv *Server, res result, format string, status int, code string) {
	t.Helper()
	require.NoError(t, res.Err)
	require.Equal(t, status, res.Status, "%s", res.Body)
	assert.Equal(t, code, res.Code, "%s", res.Body)
	if format == "JSON" {
		assert.Equal(t, "application/json;charset=utf-8", res.Header.Get("Content-Type"))
		assert.True(t, strings.HasPrefix(string(res.Body), `{"RequestId":"`), "%s", res.Body)
	} else {
		assert.Equal(t, "text/xml;charset=utf-8", res.Header.Get("Content-Type"))
		assert.True(t, strings.HasPrefix(string(res.Body), `<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>`), "%s", res.Body)
		assert.Equal(t, "Error", res.Root)
		assert.NotContains(t, string(res.Body), "&#34;", "quotes are left as they are")
	}
	assert.NotEmpty(t, res.RequestID)
	assert.Equal(t, res.RequestID, res.Header.Get("X-Acs-Request-Id"))
	assert.Equal(t, srv.product.Host, res.HostID)
	assert.NotEmpty(t, res.Message)
	assert.Contains(t, res.Recommend, "https://api.aliyun.com/troubleshoot?q="+url.QueryEscape(code))
	assert.Contains(t, res.Recommend, "requestId="+res.RequestID)
	assert.Empty(t, srv.FlowLogs(), "an error creates nothing")
	reqs := srv.Requests()
	require.NotEmpty(t, reqs)
	last := reqs[len(reqs)-1]
	assert.Equal(t, status, last.Status)
	assert.Equal(t, code, last.Code)
	assert.Equal(t, res.RequestID, last.RequestID)
}

func TestGatewayRejections(t *testing.T) {
	t.Parallel()
	cred := signing.Credentials{AccessKeyID: defaultAccessKeyID, AccessKeySecret: defaultAccessKeySecret}
	secret := cred.AccessKeySecret
	now := time.Now
	cases := []struct {
		name    string
		rpc     rpc
		status  int
		code    string
		message string // exact, when set
	}{
		{"PUT", rpc{Method: http.MethodPut}, 405, "UnsupportedHTTPMethod", `The HTTP method "PUT" is not supported; use GET or POST.`},
		{"DELETE", rpc{Method: http.MethodDelete}, 405, "UnsupportedHTTPMethod", ""},
		{"other path", rpc{Path: "/api"}, 404, "InvalidAction.NotFound", ""},
		{"malformed query", rpc{RawQuery: func(q string) string { return q + "&Bad=%zz" }}, 400, "InvalidParameter", ""},
		{"no Action", rpc{Common: map[string]string{"Action": ""}}, 400, "MissingParameter",
			`The input parameter "Action" that is mandatory for processing this request is not supplied.`},
		{"other Action", rpc{Common: map[string]string{"Action": "DescribeFlowLogs"}}, 404, "InvalidAction.NotFound",
			"Specified api is not found, please check your url and method."},
		{"Action case", rpc{Common: map[string]string{"Action": "createflowlog"}}, 404, "InvalidAction.NotFound", ""},
		{"no Version", rpc{Common: map[string]string{"Version": ""}}, 400, "InvalidVersion", "Specified parameter Version is not valid."},
		{"other Version", rpc{Common: map[string]string{"Version": "2017-09-12"}}, 400, "InvalidVersion", ""},
		{"no AccessKeyId", rpc{Edit: del("AccessKeyId")}, 400, "MissingParameter",
			`The input parameter "AccessKeyId" that is mandatory for processing this request is not supplied.`},
		{"no Signature", rpc{Edit: del("Signature")}, 400, "MissingParameter",
			`The input parameter "Signature" that is mandatory for processing this request is not supplied.`},
		{"no SignatureMethod", rpc{Edit: del("SignatureMethod")}, 400, "MissingParameter",
			`The input parameter "SignatureMethod" that is mandatory for processing this request is not supplied.`},
		{"no SignatureVersion", rpc{Edit: del("SignatureVersion")}, 400, "MissingParameter",
			`The input parameter "SignatureVersion" that is mandatory for processing this request is not supplied.`},
		{"no SignatureNonce", rpc{Edit: del("SignatureNonce")}, 400, "MissingParameter",
			`The input parameter "SignatureNonce" that is mandatory for processing this request is not supplied.`},
		{"no Timestamp", rpc{Edit: del("Timestamp")}, 400, "MissingParameter",
			`The input parameter "Timestamp" that is mandatory for processing this request is not supplied.`},
		{"SignatureMethod HMAC-SHA256", rpc{Edit: edits(set("SignatureMethod", "HMAC-SHA256"), resign("POST", secret))}, 400, "InvalidParameter",
			`The specified parameter "SignatureMethod" is not valid.`},
		{"SignatureVersion 2.0", rpc{Edit: edits(set("SignatureVersion", "2.0"), resign("POST", secret))}, 400, "InvalidParameter",
			`The specified parameter "SignatureVersion" is not valid.`},
		{"Timestamp layout", rpc{Edit: edits(set("Timestamp", "2024-05-06 07:08:09"), resign("POST", secret))}, 400, "InvalidTimeStamp.Format",
			"Specified time stamp or date value is not well formatted."},
		{"Timestamp with zone", rpc{Edit: edits(set("Timestamp", time.Now().In(time.FixedZone("", 8*3600)).Format(time.RFC3339)), resign("POST", secret))}, 400, "InvalidTimeStamp.Format", ""},
		{"Timestamp with fraction", rpc{Edit: edits(set("Timestamp", time.Now().UTC().Format("2006-01-02T15:04:05.000Z")), resign("POST", secret))}, 400, "InvalidTimeStamp.Format", ""},
		{"Timestamp 16 minutes ago", rpc{At: now().Add(-16 * time.Minute)}, 400, "InvalidTimeStamp.Expired",
			"Specified time stamp or date value is expired."},
		{"Timestamp 16 minutes ahead", rpc{At: now().Add(16 * time.Minute)}, 400, "InvalidTimeStamp.Expired", ""},
		{"unknown AccessKeyId", rpc{Cred: signing.Credentials{AccessKeyID: "LTAIunknown", AccessKeySecret: secret}}, 404, "InvalidAccessKeyId.NotFound",
			"Specified access key is not found."},
		{"wrong secret", rpc{Cred: signing.Credentials{AccessKeyID: cred.AccessKeyID, AccessKeySecret: "wrong"}}, 400, "SignatureDoesNotMatch", ""},
		{"tampered after signing", rpc{Edit: set("ResourceId", "eni-other")}, 400, "SignatureDoesNotMatch", ""},
		{"signed as GET, sent as POST", rpc{SignMethod: http.MethodGet}, 400, "SignatureDoesNotMatch", ""},
		{"signed as POST, sent as GET", rpc{Method: http.MethodGet, SignMethod: http.MethodPost}, 400, "SignatureDoesNotMatch", ""},
		{"plus in Timestamp is a space", rpc{RawQuery: func(q string) string { return strings.Replace(q, "Timestamp=", "Timestamp=+", 1) }}, 400, "InvalidTimeStamp.Format", ""},
	}
	for _, c := range cases {
		for _, format := range []string{"JSON", "XML"} {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				t.Parallel()
				srv := NewServer(VPC)
				defer srv.Close()
				r := c.rpc
				r.Format = format
				res := r.do(t, srv)
				checkError(t, srv, res, format, c.status, c.code)
				if c.message != "" {
					assert.Equal(t, c.message, res.Message)
				}
			})
		}
	}
}

func TestSignatureDoesNotMatchMessage(t *testing.T) {
	t.Parallel()
	sts := signing.Credentials{AccessKeyID: "STS.key", AccessKeySecret: "secret", SecurityToken: "CAIStoken/with+chars="}
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			srv := NewServer(CEN, WithCredential(sts))
			defer srv.Close()
			wrong := sts
			wrong.AccessKeySecret = "not-the-secret"
			r := rpc{Method: method, Cred: wrong, Business: with(cenParams(), map[string]string{"Description": "A b*c~d"})}
			v := r.values(t, srv, time.Now)
			r.Nonce, r.At = v.Get("SignatureNonce"), mustParseTime(t, v.Get("Timestamp"))
			res := r.do(t, srv)
			checkError(t, srv, res, "JSON", 400, "SignatureDoesNotMatch")

			received := make(map[string]string)
			for k := range v {
				received[k] = v.Get(k)
			}
			delete(received, "Signature")
			want := "Specified signature is not matched with our calculation. server string to sign is:" +
				signing.StringToSign(method, signing.CanonicalQuery(received))
			assert.Equal(t, want, res.Message)
			assert.Contains(t, res.Message, signing.Encode(signing.Encode(sts.SecurityToken)),
				"the gateway echoes the token; clients must scrub it")
			assert.Equal(t, "<redacted>", srv.Requests()[0].Params["SecurityToken"])
		})
	}
}

func mustParseTime(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse(signing.TimeFormat, s)
	require.NoError(t, err)
	return ts
}

// rule is one parameter problem and the error it must give.
type rule struct {
	name   string
	change map[string]string // "<delete>" removes
	code   string            // MissingParameter or InvalidParameter
	param  string            // named in the message
}

// runRules checks each rule in both formats, and under both signatures in
// JSON.
func runRules(t *testing.T, p Product, base func() map[string]string, rules []rule) {
	variants := []struct {
		v3     bool
		format string
	}{{false, "JSON"}, {false, "XML"}, {true, "JSON"}}
	for _, r := range rules {
		for _, vr := range variants {
			format := vr.format
			t.Run(r.name+"/"+algName(vr.v3)+"/"+format, func(t *testing.T) {
				t.Parallel()
				srv := NewServer(p)
				defer srv.Close()
				res := rpc{Format: format, Business: with(base(), r.change), V3: vr.v3}.do(t, srv)
				checkError(t, srv, res, format, 400, r.code)
				want := `The specified parameter "` + r.param + `" is not valid.`
				if r.code == "MissingParameter" {
					want = `The input parameter "` + r.param + `" that is mandatory for processing this request is not supplied.`
				}
				assert.Equal(t, want, res.Message)
			})
		}
	}
}

// runAccepted checks that each change is accepted under both signatures,
// and that the flow log records the same parameters.
func runAccepted(t *testing.T, p Product, base func() map[string]string, cases map[string]map[string]string) {
	for name, change := range cases {
		for _, v3 := range algorithms {
			t.Run("accepts "+name+"/"+algName(v3), func(t *testing.T) {
				t.Parallel()
				srv := NewServer(p)
				defer srv.Close()
				business := with(base(), change)
				res := rpc{Business: business, V3: v3}.do(t, srv)
				require.Equal(t, http.StatusOK, res.Status, "%s", res.Body)
				logs := srv.FlowLogs()
				require.Len(t, logs, 1)
				assert.Equal(t, business, logs[0].Params)
			})
		}
	}
}

// tags returns n tags Tag.1 .. Tag.n.
func tags(n int) map[string]string {
	out := make(map[string]string)
	for i := 1; i <= n; i++ {
		k := "Tag." + strconv.Itoa(i)
		out[k+".Key"] = "key" + strconv.Itoa(i)
		out[k+".Value"] = "value"
	}
	return out
}

func merge(ms ...map[string]string) map[string]string {
	out := make(map[string]string)
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

// commonTagRules hold for both operations.
func commonTagRules(keyMax int) []rule {
	return []rule{
		{name: "tag key too long", change: map[string]string{"Tag.1.Key": strings.Repeat("k", keyMax+1)}, code: "InvalidParameter", param: "Tag.1.Key"},
		{name: "tag key empty", change: map[string]string{"Tag.1.Key": ""}, code: "InvalidParameter", param: "Tag.1.Key"},
		{name: "tag key aliyun", change: map[string]string{"Tag.1.Key": "aliyunKey"}, code: "InvalidParameter", param: "Tag.1.Key"},
		{name: "tag key acs:", change: map[string]string{"Tag.1.Key": "acs:key"}, code: "InvalidParameter", param: "Tag.1.Key"},
		{name: "tag key URL", change: map[string]string{"Tag.1.Key": "see https://x"}, code: "InvalidParameter", param: "Tag.1.Key"},
		{name: "tag value too long", change: map[string]string{"Tag.1.Key": "k", "Tag.1.Value": strings.Repeat("v", 129)}, code: "InvalidParameter", param: "Tag.1.Value"},
		{name: "tag value aliyun", change: map[string]string{"Tag.1.Key": "k", "Tag.1.Value": "aliyun"}, code: "InvalidParameter", param: "Tag.1.Value"},
		{name: "tag value acs:", change: map[string]string{"Tag.1.Key": "k", "Tag.1.Value": "acs:v"}, code: "InvalidParameter", param: "Tag.1.Value"},
		{name: "tag value URL", change: map[string]string{"Tag.1.Key": "k", "Tag.1.Value": "at http://x"}, code: "InvalidParameter", param: "Tag.1.Value"},
		{name: "tag value without key", change: map[string]string{"Tag.1.Key": "k", "Tag.2.Value": "v"}, code: "MissingParameter", param: "Tag.2.Key"},
		{name: "21 tags", change: tags(21), code: "InvalidParameter", param: "Tag.21.Key"},
		{name: "tag index 0", change: map[string]string{"Tag.0.Key": "k"}, code: "InvalidParameter", param: "Tag.0.Key"},
		{name: "tag index 01", change: map[string]string{"Tag.01.Key": "k"}, code: "InvalidParameter", param: "Tag.01.Key"},
		{name: "tag index x", change: map[string]string{"Tag.x.Value": "v"}, code: "InvalidParameter", param: "Tag.x.Value"},
		{name: "tag key not UTF-8", change: map[string]string{"Tag.1.Key": "k\xff"}, code: "InvalidParameter", param: "Tag.1.Key"},
	}
}

// nameRules hold for both operations' shared parameters.
func nameRules() []rule {
	return []rule{
		{name: "no RegionId", change: map[string]string{"RegionId": "<delete>"}, code: "MissingParameter", param: "RegionId"},
		{name: "empty RegionId", change: map[string]string{"RegionId": ""}, code: "MissingParameter", param: "RegionId"},
		{name: "no ProjectName", change: map[string]string{"ProjectName": "<delete>"}, code: "MissingParameter", param: "ProjectName"},
		{name: "no LogStoreName", change: map[string]string{"LogStoreName": "<delete>"}, code: "MissingParameter", param: "LogStoreName"},
		{name: "ProjectName upper case", change: map[string]string{"ProjectName": "FlowLogProject"}, code: "InvalidParameter", param: "ProjectName"},
		{name: "ProjectName short", change: map[string]string{"ProjectName": "ab"}, code: "InvalidParameter", param: "ProjectName"},
		{name: "ProjectName long", change: map[string]string{"ProjectName": strings.Repeat("a", 64)}, code: "InvalidParameter", param: "ProjectName"},
		{name: "ProjectName underscore", change: map[string]string{"ProjectName": "flow_log"}, code: "InvalidParameter", param: "ProjectName"},
		{name: "ProjectName ends with -", change: map[string]string{"ProjectName": "flowlog-"}, code: "InvalidParameter", param: "ProjectName"},
		{name: "LogStoreName starts with _", change: map[string]string{"LogStoreName": "_store"}, code: "InvalidParameter", param: "LogStoreName"},
		{name: "LogStoreName upper case", change: map[string]string{"LogStoreName": "FlowLogStore"}, code: "InvalidParameter", param: "LogStoreName"},
		{name: "LogStoreName long", change: map[string]string{"LogStoreName": strings.Repeat("a", 64)}, code: "InvalidParameter", param: "LogStoreName"},
		{name: "Description short", change: map[string]string{"Description": "a"}, code: "InvalidParameter", param: "Description"},
		{name: "Description empty", change: map[string]string{"Description": ""}, code: "InvalidParameter", param: "Description"},
		{name: "Description long", change: map[string]string{"Description": strings.Repeat("a", 257)}, code: "InvalidParameter", param: "Description"},
		{name: "Description digit first", change: map[string]string{"Description": "1st flow log"}, code: "InvalidParameter", param: "Description"},
		{name: "Description http", change: map[string]string{"Description": "http://example.com"}, code: "InvalidParameter", param: "Description"},
		{name: "Description https", change: map[string]string{"Description": "https://example.com"}, code: "InvalidParameter", param: "Description"},
		{name: "FlowLogName short", change: map[string]string{"FlowLogName": "a"}, code: "InvalidParameter", param: "FlowLogName"},
		{name: "FlowLogName long", change: map[string]string{"FlowLogName": strings.Repeat("a", 129)}, code: "InvalidParameter", param: "FlowLogName"},
		{name: "FlowLogName digit first", change: map[string]string{"FlowLogName": "1flow"}, code: "InvalidParameter", param: "FlowLogName"},
		{name: "FlowLogName space", change: map[string]string{"FlowLogName": "my flow"}, code: "InvalidParameter", param: "FlowLogName"},
		{name: "FlowLogName http", change: map[string]string{"FlowLogName": "http://x"}, code: "InvalidParameter", param: "FlowLogName"},
	}
}

func TestVPCValidation(t *testing.T) {
	t.Parallel()
	rules := append(nameRules(), commonTagRules(128)...)
	rules = append(rules,
		rule{name: "no ResourceId", change: map[string]string{"ResourceId": "<delete>"}, code: "MissingParameter", param: "ResourceId"},
		rule{name: "no ResourceType", change: map[string]string{"ResourceType": "<delete>"}, code: "MissingParameter", param: "ResourceType"},
		rule{name: "no TrafficType", change: map[string]string{"TrafficType": "<delete>"}, code: "MissingParameter", param: "TrafficType"},
		rule{name: "first missing is named", change: map[string]string{"TrafficType": "<delete>", "ResourceType": "<delete>"}, code: "MissingParameter", param: "ResourceType"},
		rule{name: "missing before invalid", change: map[string]string{"TrafficType": "bad", "LogStoreName": "<delete>"}, code: "MissingParameter", param: "LogStoreName"},
		rule{name: "ResourceType", change: map[string]string{"ResourceType": "Instance"}, code: "InvalidParameter", param: "ResourceType"},
		rule{name: "ResourceType case", change: map[string]string{"ResourceType": "vpc"}, code: "InvalidParameter", param: "ResourceType"},
		rule{name: "TrafficType", change: map[string]string{"TrafficType": "Deny"}, code: "InvalidParameter", param: "TrafficType"},
		rule{name: "AggregationInterval", change: map[string]string{"AggregationInterval": "2"}, code: "InvalidParameter", param: "AggregationInterval"},
		rule{name: "AggregationInterval seconds", change: map[string]string{"AggregationInterval": "600"}, code: "InvalidParameter", param: "AggregationInterval"},
		rule{name: "TrafficPath", change: map[string]string{"TrafficPath.1": "internet"}, code: "InvalidParameter", param: "TrafficPath.1"},
		rule{name: "TrafficPath index", change: map[string]string{"TrafficPath.0": "all"}, code: "InvalidParameter", param: "TrafficPath.0"},
		rule{name: "Description Chinese first", change: map[string]string{"Description": "流日志"}, code: "InvalidParameter", param: "Description"},
		rule{name: "FlowLogName Chinese", change: map[string]string{"FlowLogName": "流日志"}, code: "InvalidParameter", param: "FlowLogName"},
	)
	runRules(t, VPC, vpcParams, rules)
	runAccepted(t, VPC, vpcParams, map[string]map[string]string{
		"TrafficType all":      {"TrafficType": "all"},
		"TrafficType DROP":     {"TrafficType": "DROP"},
		"ResourceType VSwitch": {"ResourceType": "VSwitch", "ResourceId": "vsw-1"},
		"ResourceType VPC":     {"ResourceType": "VPC", "ResourceId": "vpc-1", "TrafficType": "Allow"},
		"every optional": merge(tags(20), map[string]string{
			"Description": "This is my Flowlog.", "FlowLogName": "my.Flow_log-1", "ResourceGroupId": "rg-1",
			"AggregationInterval": "1", "IpVersion": "IPv6", "TrafficPath.1": "all", "TrafficPath.2": "internetGateway",
		}),
		"boundaries": {
			"ProjectName": "a-1", "LogStoreName": strings.Repeat("a", 63), "Description": "Ab",
			"FlowLogName": "F" + strings.Repeat("x", 127), "Tag.1.Key": strings.Repeat("é", 128), "Tag.1.Value": strings.Repeat("漢", 128),
		},
		"empty tag value":       {"Tag.1.Key": "env", "Tag.1.Value": ""},
		"key without value":     {"Tag.1.Key": "env"},
		"tag gaps":              {"Tag.2.Key": "a", "Tag.7.Key": "b", "Tag.7.Value": "c"},
		"description spaces":    {"Description": "A description, with http:// inside"},
		"aggregation 5":         {"AggregationInterval": "5"},
		"aggregation 10":        {"AggregationInterval": "10"},
		"unknown tag attribute": {"Tag.1.Key": "k", "Tag.1.Colour": "blue"},
	})
}

func TestCENValidation(t *testing.T) {
	t.Parallel()
	rules := append(nameRules(), commonTagRules(64)...)
	rules = append(rules,
		rule{name: "no CenId", change: map[string]string{"CenId": "<delete>"}, code: "MissingParameter", param: "CenId"},
		rule{name: "first missing is named", change: map[string]string{"LogStoreName": "<delete>", "CenId": "<delete>"}, code: "MissingParameter", param: "CenId"},
		rule{name: "Interval", change: map[string]string{"Interval": "10"}, code: "InvalidParameter", param: "Interval"},
		rule{name: "Interval minutes", change: map[string]string{"Interval": "1"}, code: "InvalidParameter", param: "Interval"},
		rule{name: "ClientToken long", change: map[string]string{"ClientToken": strings.Repeat("t", 65)}, code: "InvalidParameter", param: "ClientToken"},
		rule{name: "ClientToken non-ASCII", change: map[string]string{"ClientToken": "tökén"}, code: "InvalidParameter", param: "ClientToken"},
		rule{name: "ClientToken control", change: map[string]string{"ClientToken": "a\tb"}, code: "InvalidParameter", param: "ClientToken"},
		rule{name: "LogFormatString order", change: map[string]string{"LogFormatString": "${dstaddr}${srcaddr}${bytes}"}, code: "InvalidParameter", param: "LogFormatString"},
		rule{name: "LogFormatString short", change: map[string]string{"LogFormatString": "${srcaddr}${dstaddr}"}, code: "InvalidParameter", param: "LogFormatString"},
		rule{name: "LogFormatString junk", change: map[string]string{"LogFormatString": "${srcaddr}${dstaddr}${bytes} ${packets}"}, code: "InvalidParameter", param: "LogFormatString"},
		rule{name: "LogFormatString empty item", change: map[string]string{"LogFormatString": "${srcaddr}${dstaddr}${bytes}${}"}, code: "InvalidParameter", param: "LogFormatString"},
		rule{name: "LogFormatString empty", change: map[string]string{"LogFormatString": ""}, code: "InvalidParameter", param: "LogFormatString"},
		rule{name: "Description punctuation first", change: map[string]string{"Description": "《流日志》"}, code: "InvalidParameter", param: "Description"},
		rule{name: "FlowLogName Chinese punctuation", change: map[string]string{"FlowLogName": "流日志。"}, code: "InvalidParameter", param: "FlowLogName"},
	)
	runRules(t, CEN, cenParams, rules)
	runAccepted(t, CEN, cenParams, map[string]map[string]string{
		"Chinese description": {"Description": "流日志 for the transit router"},
		"Chinese name":        {"FlowLogName": "流日志_1"},
		"every optional": merge(tags(20), map[string]string{
			"Description": "This is my Flowlog.", "FlowLogName": "myFlowlog", "ClientToken": strings.Repeat("~", 64),
			"TransitRouterId": "tr-1", "TransitRouterAttachmentId": "tr-attach-1", "Interval": "60",
			"LogFormatString": "${srcaddr}${dstaddr}${bytes}${packets}${tcp-flags}${tr-id}",
		}),
		"Interval 600":       {"Interval": "600"},
		"empty ClientToken":  {"ClientToken": ""},
		"tag key 64":         {"Tag.1.Key": strings.Repeat("k", 64)},
		"TrafficPath unused": {"TrafficPath.1": "anything"},
		"minimal format":     {"LogFormatString": "${srcaddr}${dstaddr}${bytes}"},
	})
}
