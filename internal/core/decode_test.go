package core

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeResult(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want *Result
		err  string
	}{
		{"JSON, Success as string", `{"RequestId":"R1","FlowLogId":"fl-1","ResourceGroupId":"rg-1","Success":"true"}`,
			&Result{RequestID: "R1", FlowLogID: "fl-1", ResourceGroupID: "rg-1", Success: true}, ""},
		{"JSON, Success as boolean", `{"RequestId":"R1","FlowLogId":"fl-1","Success":true}`,
			&Result{RequestID: "R1", FlowLogID: "fl-1", Success: true}, ""},
		{"JSON, Success false", `{"RequestId":"R1","FlowLogId":"fl-1","Success":"false"}`,
			&Result{RequestID: "R1", FlowLogID: "fl-1", Success: false}, ""},
		{"JSON, no Success (the seed's example)", "\n {\n\t\"RequestId\":\"62172DD5\",\n\t\"FlowLogId\":\"flowlog-m5evbtbpt\"\n}",
			&Result{RequestID: "62172DD5", FlowLogID: "flowlog-m5evbtbpt", Success: true}, ""},
		{"XML, the seed's example", "<CreateFlowLogResponse>\n<RequestId>62172DD5</RequestId>\n<FlowLogId>flowlog-m5</FlowLogId>\n</CreateFlowLogResponse>",
			&Result{RequestID: "62172DD5", FlowLogID: "flowlog-m5", Success: true}, ""},
		{"XML with declaration and Success", `<?xml version="1.0" encoding="UTF-8"?><CreateFlowlogResponse><RequestId>R</RequestId><Success>true</Success><FlowLogId>fl</FlowLogId></CreateFlowlogResponse>`,
			&Result{RequestID: "R", FlowLogID: "fl", Success: true}, ""},
		{"XML Success false", `<R><FlowLogId>fl</FlowLogId><Success> false </Success></R>`,
			&Result{FlowLogID: "fl"}, ""},
		{"truncated JSON", `{"RequestId":"R1","FlowLo`, nil, "decode response body"},
		{"truncated XML", `<CreateFlowLogResponse><RequestId>R`, nil, "decode response body"},
		{"empty", ``, nil, "neither JSON nor XML"},
		{"HTML", `<html><body>hi</body></html>`, nil, "no FlowLogId"},
		{"no FlowLogId", `{"RequestId":"R1"}`, nil, "no FlowLogId"},
		{"Success not a boolean", `{"FlowLogId":"fl","Success":"maybe"}`, nil, `"maybe" is not a boolean`},
		{"plain text", `OK`, nil, `neither JSON nor XML: "OK"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := decodeResult([]byte(tt.body))
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestDecodeError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   APIError
	}{
		{"JSON", 400, nil,
			`{"RequestId":"R1","HostId":"vpc.cn-qingdao.aliyuncs.com","Code":"MissingParameter","Message":"Missing mandatory parameter","Recommend":"https://next.api.aliyun.com/troubleshoot?q=MissingParameter"}`,
			APIError{HTTPStatus: 400, Code: "MissingParameter", Message: "Missing mandatory parameter", RequestID: "R1",
				HostID: "vpc.cn-qingdao.aliyuncs.com", Recommend: "https://next.api.aliyun.com/troubleshoot?q=MissingParameter"}},
		{"XML", 400, nil,
			`<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>R2</RequestId><HostId>cbn.aliyuncs.com</HostId><Code>INVALID_PARAMETER</Code><Message>The parameter invalid.</Message><Recommend><![CDATA[https://x/?a=1&b=2]]></Recommend></Error>`,
			APIError{HTTPStatus: 400, Code: "INVALID_PARAMETER", Message: "The parameter invalid.", RequestID: "R2", HostID: "cbn.aliyuncs.com", Recommend: "https://x/?a=1&b=2"}},
		{"JSON 503", 503, nil, `{"RequestId":"R3","Code":"ServiceUnavailable","Message":"busy"}`,
			APIError{HTTPStatus: 503, Code: "ServiceUnavailable", Message: "busy", RequestID: "R3"}},
		{"HTML 502 from a proxy", 502, nil, "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\x00nginx</body></html>",
			APIError{HTTPStatus: 502, Message: `unexpected response body: "<html> <head><title>502 Bad Gateway</title></head> <body>?nginx</body></html>"`}},
		{"empty 503 with the request id in a header", 503, http.Header{"X-Acs-Request-Id": {"R4"}}, "",
			APIError{HTTPStatus: 503, Message: "Service Unavailable with an empty body", RequestID: "R4"}},
		{"truncated JSON", 500, nil, `{"RequestId":"R5","Co`,
			APIError{HTTPStatus: 500, Message: `unexpected response body: "{\"RequestId\":\"R5\",\"Co"`}},
		{"JSON without the error fields", 403, nil, `{"error":"denied"}`,
			APIError{HTTPStatus: 403, Message: `unexpected response body: "{\"error\":\"denied\"}"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := tt.header
			if h == nil {
				h = http.Header{}
			}
			assert.Equal(t, &tt.want, decodeError(tt.status, h, []byte(tt.body)))
		})
	}
}

func TestExcerptIsShortAndPrintable(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("é\x01", 1000)
	e := excerpt([]byte(long))
	assert.LessOrEqual(t, len(e), excerptLen+16)
	assert.True(t, strings.HasSuffix(e, `..."`), e)
	assert.NotContains(t, e, "\x01")
	assert.Equal(t, `""`, excerpt(nil))
	assert.Equal(t, `"a b"`, excerpt([]byte(" a \r\n\t b ")))
}

func TestAPIErrorText(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "HTTP 400 Throttling.User: Request was denied due to user flow control. (RequestId: R)",
		(&APIError{HTTPStatus: 400, Code: "Throttling.User", Message: "Request was denied due to user flow control.", RequestID: "R"}).Error())
	assert.Equal(t, "HTTP 503", (&APIError{HTTPStatus: 503}).Error())
}
